/**
 * Starts one of the project's TypeScript scripts with Node's compile cache on from the very
 * first module: `node scripts/ts.mjs scripts/rail.ts new ...` (every npm script but `check`
 * goes through here; `check` starts bundled, scripts/run-bundled.mjs, with the cache on too).
 * Started as `node scripts/rail.ts`, Node must strip the entry's types before the entry can
 * turn the cache on, and loading its type stripper alone costs 0.1-0.15 s per process
 * (measured on the real workspace's check). Started from this plain-JS file, every
 * module, the entry included, comes stripped and compiled from the cache after the first run
 * (kept in the OS temp folder; a changed file is stripped again).
 */
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

enableCompileCache();
const [script] = process.argv.splice(2, 1);
if (script === undefined || !script.endsWith('.ts')) {
  process.stderr.write('usage: node scripts/ts.mjs <script.ts> [arguments]\n');
  process.exit(2);
}
// The script sees itself as the entry: process.argv[1] is its path, its arguments follow.
process.argv[1] = path.resolve(script);
await import(pathToFileURL(process.argv[1]).href);
