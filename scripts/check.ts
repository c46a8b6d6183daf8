/**
 * `npm run check`: the docs-truth gate alone, without building the site.
 *   --repo DIR    check this Mesh checkout (default: MESH_REPO_ROOT, the parent checkout, or the sample)
 *   --docs DIR    the pages to check (default: src/content/docs)
 *   --rails FILE  the rails YAML (default: src/data/rails.yaml)
 *   --json FILE   where to write the JSON report (default: reports/docs-gate.json)
 * Exits 1 when the gate finds an error, 2 when the arguments are wrong.
 */
import path from 'node:path';
import { CHECK_USAGE, parseCheckOptions } from '../src/gate/cli-options.ts';
import { runGateAndReport } from '../src/gate/cli.ts';
import { escapeControl } from '../src/gate/report/escape.ts';

const siteRoot = path.resolve(import.meta.dirname, '..');
const parsed = parseCheckOptions(process.argv.slice(2), siteRoot);
if (!parsed.ok) {
  process.stderr.write(`docs gate: ${escapeControl(parsed.problem)}\n${CHECK_USAGE}\n`);
  process.exit(2);
}
const outcome = await runGateAndReport({
  siteRoot,
  ...parsed.options,
  print: (line) => process.stdout.write(`${line}\n`),
});
process.exitCode = outcome.errors > 0 ? 1 : 0;
