/**
 * The files of a built site, listed once: its pages (every HTML file under dist/, whether or not
 * another page links to it: the 404 page, a draft left out of the sidebar), its stylesheets, and
 * every file, which the scan resolves URL paths against. And the URL forms of a page.
 */
import path from 'node:path';
import { glob } from 'tinyglobby';
import { RAIL_SEARCH_BUNDLE } from '../core/site-paths.ts';
import { SITE_ORIGIN } from './site-urls.ts';

export interface BuiltPage {
  /** POSIX path under dist/: `guide/index.html`, `404.html`. */
  file: string;
  /** The URL path readers open it at, percent-encoded, under the site's base: `/guide/`, `/404.html`. */
  url: string;
}

export interface BuiltSiteFiles {
  /** Every HTML file, in path order. */
  pages: BuiltPage[];
  /** Stylesheets outside the search bundles, as POSIX paths under dist/. */
  stylesheets: string[];
  /** Every file of dist/ (dot files too: hosts serve `.well-known/`). */
  files: Set<string>;
}

/**
 * Every file under `distDir`, listed once. Stylesheets are read whatever page links them, so the
 * fonts and images each loads are checked. Not the search bundles: Pagefind writes them while the
 * scan runs (a count would depend on the race), and pages load them from script, never by a link.
 */
export async function listBuiltSite(distDir: string, base = '/'): Promise<BuiltSiteFiles> {
  const files = (await glob('**/*', { cwd: distDir, dot: true, followSymbolicLinks: false })).sort();
  const searchBundles = ['pagefind', RAIL_SEARCH_BUNDLE].map((folder) => `${folder}/`);
  const visible = files.filter((file) => !file.split('/').some((part) => part.startsWith('.')));
  return {
    pages: visible.filter((file) => file.endsWith('.html')).map((file) => ({ file, url: pageUrl(file, base) })),
    stylesheets: visible.filter((file) => file.endsWith('.css') && !searchBundles.some((folder) => file.startsWith(folder))),
    files: new Set(files),
  };
}

/**
 * `guide/index.html` -> `/guide/`, `index.html` -> `/`, `404.html` -> `/404.html` (under base
 * `/docs/`: `/docs/guide/`); percent-encoded as a link's parsed path is (`a b.html` ->
 * `/a%20b.html`), so the two compare.
 */
function pageUrl(file: string, base = '/'): string {
  return new URL(`${base}${file.replace(/(^|\/)index\.html$/, '$1')}`, SITE_ORIGIN).pathname;
}

/**
 * The same page however a link spells it: `/guide`, `/guide/` and `/guide/index.html` are
 * all `/guide/` (static hosts, Astro's included, answer each with the same file).
 */
export function canonicalPath(urlPath: string): string {
  const bare = urlPath.replace(/(^|\/)index\.html$/, '$1');
  return bare.endsWith('/') || path.posix.extname(bare) !== '' ? bare : `${bare}/`;
}
