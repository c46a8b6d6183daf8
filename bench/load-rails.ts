/**
 * A measured child for `npm run bench`: reads and validates one rails.yaml and prints how
 * long that took inside the process (start-up excluded), as JSON.
 *   node --experimental-strip-types bench/load-rails.ts RAILS_FILE DOCS_DIR
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRails } from '../src/rails/load.ts';

const [yamlPath, docsDir] = process.argv.slice(2).map((arg) => path.resolve(arg));
if (!yamlPath || !docsDir) {
  process.stderr.write('usage: load-rails.ts RAILS_FILE DOCS_DIR\n');
  process.exit(2);
}
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = parseRails(readFileSync(yamlPath, 'utf8'), { yamlPath, docsDir, siteRoot: path.resolve(import.meta.dirname, '..') });
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, ok: result.ok, rails: result.ok ? result.model.rails.length : 0, diagnostics: result.diagnostics.length })}\n`);
