/**
 * A tiny built site for the built-site check's tests: HTML written straight into `dist/`, with
 * source pages beside it so findings can name the page each built one came from.
 */
import path from 'node:path';
import { checkBuiltSite, type BuiltSiteOutcome } from '../../src/built-site/check-built-site.ts';
import type { Strictness } from '../../src/core/aggregate.ts';
import { makeTempDir, writeFiles } from './temp-repo.ts';

export interface TinySite {
  siteRoot: string;
  distDir: string;
  docsDir: string;
}

/** `dist` maps files under dist/ to their HTML; `sources` maps files under the docs folder. */
export function tinySite(dist: Record<string, string>, sources: Record<string, string> = { 'index.md': '# Home\n', 'guide.md': '# Guide\n' }): TinySite {
  const siteRoot = makeTempDir('built-site-');
  writeFiles(siteRoot, Object.fromEntries(Object.entries(sources).map(([file, text]) => [`src/content/docs/${file}`, text])));
  writeFiles(siteRoot, Object.fromEntries(Object.entries(dist).map(([file, html]) => [`dist/${file}`, html])));
  return { siteRoot, distDir: path.join(siteRoot, 'dist'), docsDir: path.join(siteRoot, 'src/content/docs') };
}

/** A built page: `body` starts on line 3 of the file. */
export const page = (body: string) => `<!doctype html><html><head><title>t</title></head>\n<body>\n${body}\n</body></html>\n`;

export async function check(site: TinySite, strict: Strictness = false): Promise<BuiltSiteOutcome & { lines: string[] }> {
  const lines: string[] = [];
  const outcome = await checkBuiltSite(site, (line) => lines.push(line), strict);
  return { ...outcome, lines };
}
