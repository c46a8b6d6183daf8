/**
 * `npm run check:external [DIST]`: fetches every link of the built site that leaves it (the
 * build only counts those, because it must work offline). Run it after `npm run build`, with a
 * network. Exit code 1 when a link does not answer, 2 when there is no built site.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { externalLinkDiagnostics } from '../src/built-site/external.ts';
import { formatFindings } from '../src/gate/report/terminal.ts';

const siteRoot = path.resolve(import.meta.dirname, '..');
const distDir = path.resolve(process.argv[2] ?? path.join(siteRoot, 'dist'));
if (!existsSync(path.join(distDir, 'index.html'))) {
  console.error(`check:external: no built site in ${distDir}; run \`npm run build\` first.`);
  process.exit(2);
}
const { diagnostics, external } = await externalLinkDiagnostics({ siteRoot, distDir, docsDir: path.join(siteRoot, 'src/content/docs') });
for (const line of formatFindings(diagnostics)) console.log(line);
console.log(`check:external: ${diagnostics.length === 0 ? 'ok' : `${diagnostics.length} broken`} (${external} external links fetched)`);
process.exit(diagnostics.length === 0 ? 0 : 1);
