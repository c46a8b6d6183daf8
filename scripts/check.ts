/**
 * `npm run check`: the docs-truth gate alone, without building the site.
 *   --repo DIR    check this Mesh checkout (default: MESH_REPO_ROOT, the parent checkout, or the sample)
 *   --docs DIR    the pages to check (default: src/content/docs)
 *   --rails FILE  the rails YAML (default: src/data/rails.yaml)
 *   --json FILE   where to write the JSON report (default: reports/docs-gate.json)
 * Exits 1 when the gate finds an error, 2 when the arguments are wrong.
 */
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

// Node keeps the compiled code of the gate's modules between runs (in the OS temp folder),
// which saves about a third of the start-up. Only modules loaded after this call use it,
// hence the dynamic import below.
enableCompileCache();
const { runGateAndReport } = await import('../src/gate/cli.ts');

const usage = 'usage: npm run check -- [--repo DIR] [--docs DIR] [--rails FILE] [--json FILE]';
let values: { repo?: string; docs?: string; rails?: string; json?: string };
try {
  ({ values } = parseArgs({
    options: { repo: { type: 'string' }, docs: { type: 'string' }, rails: { type: 'string' }, json: { type: 'string' } },
    allowPositionals: false,
  }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${usage}\n`);
  process.exit(2);
}

const siteRoot = path.resolve(import.meta.dirname, '..');
const outcome = await runGateAndReport({
  siteRoot,
  ...(values.repo ? { repoRoot: path.resolve(values.repo) } : {}),
  ...(values.docs ? { docsDir: path.resolve(values.docs) } : {}),
  ...(values.rails ? { railsFile: path.resolve(values.rails) } : {}),
  jsonReport: path.resolve(values.json ?? path.join(siteRoot, 'reports/docs-gate.json')),
  print: (line) => process.stdout.write(`${line}\n`),
});
process.exitCode = outcome.errors > 0 ? 1 : 0;
