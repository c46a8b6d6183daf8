/**
 * `npm run check`: the docs-truth gate alone, without building the site.
 *   --repo DIR    check this Mesh checkout (default: MESH_REPO_ROOT, the parent checkout, or the sample)
 *   --docs DIR    the pages to check (default: src/content/docs)
 *   --rails FILE  the rails YAML (default: src/data/rails.yaml)
 *   --json FILE   where to write the JSON report (default: reports/docs-gate.json)
 *   --strict      fail on soft findings too (items of a repo whose checkout was not found)
 * Exits 1 when the gate finds an error, 2 when the arguments are wrong.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { strictFromEnv } from '../src/gate/aggregate.ts';
import { runGateAndReport } from '../src/gate/cli.ts';

const usage = 'usage: npm run check -- [--repo DIR] [--docs DIR] [--rails FILE] [--json FILE] [--strict]';
let values: { repo?: string; docs?: string; rails?: string; json?: string; strict?: boolean };
try {
  ({ values } = parseArgs({
    options: { repo: { type: 'string' }, docs: { type: 'string' }, rails: { type: 'string' }, json: { type: 'string' }, strict: { type: 'boolean' } },
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
  strict: values.strict === true || strictFromEnv(process.env),
  jsonReport: path.resolve(values.json ?? path.join(siteRoot, 'reports/docs-gate.json')),
  print: (line) => process.stdout.write(`${line}\n`),
});
process.exitCode = outcome.errors > 0 ? 1 : 0;
