/**
 * `npm run check`: the docs-truth gate alone, without building the site.
 *   --repo DIR    check this Mesh checkout (default: MESH_REPO_ROOT, the parent checkout, or the sample)
 *   --docs DIR    the pages to check (default: src/content/docs)
 *   --rails FILE  the rails YAML (default: src/data/rails.yaml)
 *   --json FILE   where to write the JSON report (default: reports/docs-gate.json); proof-map.json goes beside it
 *   --strict      warnings fail too (verify scripts not on the map, items of a repo whose checkout was not found)
 *   --no-cache    read every script afresh (by default, readings of unchanged scripts are kept in
 *                 node_modules/.cache/mesh-docs; see src/repo/reading-cache.ts)
 *   --rail ID     also print one rail's chain: what it runs, what runs it, last results, what to rerun first
 *   --fix         apply the certain fixes to rails.yaml (shown as a diff), then check again
 *   --dry-run     with --fix: show the diff, write nothing
 * Each flag once. Exits 1 when the gate finds an error (or --rail names no rail), 2 when the arguments
 * are wrong (a flag twice, --json at something that is not a regular file, ...).
 */
import { enableCompileCache } from 'node:module';
import path from 'node:path';

// Node keeps the compiled code of the gate's modules between runs (in the OS temp folder),
// which saves about a third of the start-up. `npm run check` turns it on before this file
// (scripts/ts.mjs); started directly, only modules loaded after this call use it, hence the
// dynamic imports below.
enableCompileCache();
const { CHECK_USAGE, parseCheckOptions } = await import('../src/gate/cli-options.ts');
const { escapeControl } = await import('../src/core/escape.ts');

const siteRoot = path.resolve(import.meta.dirname, '..');
const parsed = parseCheckOptions(process.argv.slice(2), siteRoot);
if (!parsed.ok) {
  process.stderr.write(`docs gate: ${escapeControl(parsed.problem)}\n${CHECK_USAGE}\n`);
  process.exit(2);
}
// The previous run's report goes before the gate's modules load (most of the start-up), so an
// interrupt meanwhile leaves "running", not that run's result. The gate writes it again itself.
const { statusReport, writeJsonAtomically } = await import('../src/gate/report/report-file.ts');
try {
  writeJsonAtomically(parsed.options.jsonReport, statusReport('running', 'The docs-truth gate is running; it replaces this report when it ends.'));
} catch {
  // the gate's own first write says why, in its words
}
const { runGateAndReport } = await import('../src/gate/cli.ts');
const { rail, fix, ...options } = parsed.options;
const print = (line: string) => process.stdout.write(`${line}\n`);
const check = () => runGateAndReport({ ...options, print });
// --fix and --rail load their modules only when asked for (the fixer's diff is 19 modules).
const outcome = fix
  ? await (await import('../src/authoring/fix-run.ts')).runWithFixes({ railsFile: options.config.railsFile, siteRoot, dryRun: fix.dryRun, runGate: check, print })
  : await check();
let railMissing = false;
if (rail !== undefined) {
  if (outcome.proofMap) {
    const { formatRailChain } = await import('../src/gate/report/rail-chain.ts');
    const chain = formatRailChain(outcome.proofMap, rail);
    railMissing = !chain.ok;
    // Line by line, each through the escaper: a value holding a newline (the rail id asked
    // for, a phase name from a results file) stays inside its line.
    for (const line of chain.lines) print(escapeControl(line));
  } else {
    print('docs gate: the rail chain needs a valid rails.yaml; fix the errors above first');
  }
}
process.exitCode = outcome.errors > 0 || railMissing ? 1 : 0;
