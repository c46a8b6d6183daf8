/**
 * `npm run check`: the docs-truth gate alone, without building the site.
 *   --repo DIR    check this Mesh checkout (default: MESH_REPO_ROOT, the parent checkout, or the sample)
 *   --docs DIR    the pages to check (default: src/content/docs)
 *   --rails FILE  the rails YAML (default: src/data/rails.yaml)
 *   --json FILE   where to write the JSON report (default: reports/docs-gate.json); proof-map.json goes beside it
 *   --strict      warnings fail too (verify scripts not on the map, items of a repo whose checkout was not found)
 *   --rail ID     also print one rail's chain: what it runs, what runs it, last results, what to rerun first
 * Exits 1 when the gate finds an error (or --rail names no rail), 2 when the arguments are wrong.
 */
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

// Node keeps the compiled code of the gate's modules between runs (in the OS temp folder),
// which saves about a third of the start-up. Only modules loaded after this call use it,
// hence the dynamic imports below.
enableCompileCache();
const { strictFromEnv } = await import('../src/gate/aggregate.ts');
const { runGateAndReport } = await import('../src/gate/cli.ts');
const { formatRailChain } = await import('../src/gate/report/rail-chain.ts');
type Strictness = import('../src/gate/aggregate.ts').Strictness;

const usage = 'usage: npm run check -- [--repo DIR] [--docs DIR] [--rails FILE] [--json FILE] [--strict] [--rail ID]';
let values: { repo?: string; docs?: string; rails?: string; json?: string; strict?: boolean; rail?: string };
try {
  ({ values } = parseArgs({
    options: {
      repo: { type: 'string' },
      docs: { type: 'string' },
      rails: { type: 'string' },
      json: { type: 'string' },
      strict: { type: 'boolean' },
      rail: { type: 'string' },
    },
    allowPositionals: false,
  }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${usage}\n`);
  process.exit(2);
}

let strict: Strictness;
try {
  strict = values.strict === true ? true : strictFromEnv(process.env);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${usage}\n`);
  process.exit(2);
}

const siteRoot = path.resolve(import.meta.dirname, '..');
const jsonReport = path.resolve(values.json ?? path.join(siteRoot, 'reports/docs-gate.json'));
const print = (line: string) => process.stdout.write(`${line}\n`);
const outcome = await runGateAndReport({
  siteRoot,
  ...(values.repo ? { repoRoot: path.resolve(values.repo) } : {}),
  ...(values.docs ? { docsDir: path.resolve(values.docs) } : {}),
  ...(values.rails ? { railsFile: path.resolve(values.rails) } : {}),
  jsonReport,
  proofMapFile: path.join(path.dirname(jsonReport), 'proof-map.json'),
  strict,
  print,
});
let railMissing = false;
if (values.rail !== undefined) {
  if (outcome.proofMap) {
    const chain = formatRailChain(outcome.proofMap, values.rail);
    railMissing = !chain.ok;
    print(chain.text);
  } else {
    print('docs gate: the rail chain needs a valid rails.yaml; fix the errors above first');
  }
}
process.exitCode = outcome.errors > 0 || railMissing ? 1 : 0;
