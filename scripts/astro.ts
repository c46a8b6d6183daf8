/**
 * `npm run dev|build|preview` (and `astro sync` for `npm run typecheck`): Astro's own command line, run in this process after two things
 * that must come before Astro reads anything:
 * - telemetry off (`ASTRO_TELEMETRY_DISABLED=1`): the site builds offline, and Astro's
 *   telemetry would start a shell (`git rev-list …`) and try the network;
 * - for a build, both reports "running" (see src/integrations/build-reports.ts), so a Ctrl-C
 *   while Astro starts leaves no previous "passed".
 * Setting the variable here instead of in the npm script line works the same on every OS.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
const siteRoot = path.resolve(import.meta.dirname, '..');
if (process.argv[2] === 'build') {
  const { markBuildReportsRunning } = await import('../src/integrations/build-reports.ts');
  const { escapeControl } = await import('../src/core/escape.ts');
  const problem = markBuildReportsRunning(siteRoot);
  if (problem !== undefined) {
    process.stderr.write(`docs gate: ${escapeControl(problem)}. fix: remove or rename what is at that path, then build again\n`);
    process.exit(2);
  }
}
// Astro's bin (bin/astro.mjs) reads its command from process.argv.
const astroBin = path.join(path.dirname(fileURLToPath(import.meta.resolve('astro'))), '../bin/astro.mjs');
process.argv = [process.argv[0]!, astroBin, ...process.argv.slice(2)];
await import(pathToFileURL(astroBin).href);
