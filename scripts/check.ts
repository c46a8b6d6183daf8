/**
 * `npm run check`: the docs-truth gate alone, without building the site.
 *   --repo DIR    check this Mesh checkout (default: MESH_REPO_ROOT, the parent checkout, or the sample)
 *   --json FILE   where to write the JSON report (default: reports/docs-gate.json)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runGateAndReport } from '../src/gate/cli.ts';

const { values } = parseArgs({
  options: { repo: { type: 'string' }, json: { type: 'string' } },
  allowPositionals: false,
});

const siteRoot = path.resolve(import.meta.dirname, '..');
const outcome = await runGateAndReport({
  siteRoot,
  ...(values.repo ? { repoRoot: path.resolve(values.repo) } : {}),
  jsonReport: path.resolve(values.json ?? path.join(siteRoot, 'reports/docs-gate.json')),
  print: (line) => process.stdout.write(`${line}\n`),
});
process.exitCode = outcome.errors > 0 ? 1 : 0;
