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
import { enableCompileCache, flushCompileCache } from 'node:module';
import path from 'node:path';

// Node keeps the compiled code of the gate's modules between runs (in the OS temp folder),
// which saves about a third of the start-up. `npm run check` turns it on before this file
// (scripts/ts.mjs); started directly, only modules loaded after this call use it, hence the
// dynamic imports below.
enableCompileCache();
// zod compiles a fast parser for each object schema on its first use. A check parses a few
// values per schema and ends, so compiling costs more than it saves: about 20 ms of 0.55 s on
// the real workspace. Astro's builds keep zod's default (the integration never sets this).
(await import('zod')).z.config({ jitless: true });
const { CHECK_USAGE, parseCheckOptions } = await import('../src/gate/cli-options.ts');
const { escapeControl } = await import('../src/core/escape.ts');

const siteRoot = path.resolve(import.meta.dirname, '..');
const parsed = parseCheckOptions(process.argv.slice(2), siteRoot);
if (!parsed.ok) {
  process.stderr.write(`docs gate: ${escapeControl(parsed.problem)}\n${CHECK_USAGE}\n`);
  process.exit(2);
}
// git's reading of the checkout (about 0.1 s of child processes on the real workspace) starts
// now, while the gate's modules load; the gate's own call takes it (repo/repo-view.ts).
const { repo } = parsed.options.config;
if (!(repo instanceof Error)) (await import('../src/repo/repo-view.ts')).startRepoRead(repo.root).catch(() => {});
// The previous run's report goes before the gate's modules load (most of the start-up), so an
// interrupt meanwhile leaves "running", not that run's result. The gate writes it again itself.
const { statusReport, writeJsonAtomically } = await import('../src/gate/report/report-file.ts');
try {
  writeJsonAtomically(parsed.options.jsonReport, statusReport('running', 'The docs-truth gate is running; it replaces this report when it ends.'));
} catch {
  // the gate's own first write says why, in its words
}
// The gate's modules load in three parts, with a pause after each: loaded at once they are one
// synchronous stretch of some 60 ms, during which git's first answers would wait to be taken
// (src/core/give-way.ts). Which parts is only a matter of speed.
const { giveWayToIo } = await import('../src/core/give-way.ts');
await import('../src/rails/current.ts');
await giveWayToIo();
await import('../src/gate/relations/check.ts');
await giveWayToIo();
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
await exitOnceWritten(outcome.errors > 0 || railMissing ? 1 : 0);

/**
 * Exits as soon as stdout and stderr hold nothing unwritten, rather than when the event loop
 * drains: Node then skips taking down its heap, about 10 ms of wall time and 40 ms of CPU. On
 * POSIX a pipe's writes are asynchronous once its buffer is full (a slow `| less`, a CI log), so
 * each stream is waited for first. The compile cache is written first, as a normal exit would.
 */
async function exitOnceWritten(code: number): Promise<never> {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.writableLength === 0) continue;
    // A reader that went away (EPIPE) ends the wait too.
    await new Promise((resolve) => {
      stream.once('drain', resolve);
      stream.once('error', resolve);
      stream.once('close', resolve);
    });
  }
  flushCompileCache();
  process.exit(code);
}
