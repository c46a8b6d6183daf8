/**
 * The pages of a built site and what each links to. Every HTML file under dist/ is a page,
 * whether or not another page links to it (the 404 page, a draft left out of the sidebar); the
 * links of each are read once, for the scan's counts and to find pages nothing links to.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { glob } from 'tinyglobby';
import { RAIL_SEARCH_BUNDLE } from '../core/site-paths.ts';

/** Any origin will do: links are resolved against it and only its own paths are kept. */
const SITE = 'http://site.invalid';

export interface BuiltPage {
  /** POSIX path under dist/: `guide/index.html`, `404.html`. */
  file: string;
  /** The URL path readers open it at, percent-encoded: `/guide/`, `/404.html`. */
  url: string;
}

export interface PageLinks {
  page: BuiltPage;
  /**
   * Pages and files of the site it links to (`<a>`, `<area>`), as canonical URL paths; a link
   * to an id on the same page (`#setup`) is a fragment only.
   */
  targets: Set<string>;
  /** Its links that name an id: `/guide/#setup`, its own `#top` included. */
  fragments: Set<string>;
  /** A `<meta http-equiv="refresh">` page: a redirect kept for an old URL, not a page to link. */
  redirect: boolean;
}

/** Every HTML file under `distDir`, in path order. */
export async function listBuiltPages(distDir: string): Promise<BuiltPage[]> {
  const files = await glob('**/*.html', { cwd: distDir, dot: false });
  return files.sort().map((file) => ({ file, url: pageUrl(file) }));
}

/**
 * Stylesheets the scan also starts from, so the fonts and images each loads are checked whatever
 * page links it. Not the search bundles: Pagefind writes them while the scan runs (a count would
 * depend on the race), and pages load them from script, never by a link.
 */
export async function listStylesheets(distDir: string): Promise<string[]> {
  const searchBundles = ['pagefind', RAIL_SEARCH_BUNDLE].map((folder) => `${folder}/**`);
  return (await glob('**/*.css', { cwd: distDir, dot: false, ignore: searchBundles })).sort();
}

/**
 * `guide/index.html` -> `/guide/`, `index.html` -> `/`, `404.html` -> `/404.html`; percent-encoded
 * as a link's parsed path is (`a b.html` -> `/a%20b.html`), so the two compare.
 */
export function pageUrl(file: string): string {
  return new URL(`/${file.replace(/(^|\/)index\.html$/, '$1')}`, SITE).pathname;
}

/**
 * The same page however a link spells it: `/guide`, `/guide/` and `/guide/index.html` are
 * all `/guide/` (static hosts, Astro's included, answer each with the same file).
 */
export function canonicalPath(urlPath: string): string {
  const bare = urlPath.replace(/(^|\/)index\.html$/, '$1');
  return bare.endsWith('/') || path.posix.extname(bare) !== '' ? bare : `${bare}/`;
}


export async function readPageLinks(distDir: string, page: BuiltPage): Promise<PageLinks> {
  const html = await readFile(path.join(distDir, ...page.file.split('/')), 'utf8');
  const links: PageLinks = { page, targets: new Set(), fragments: new Set(), redirect: false };
  const base = new URL(page.url, SITE);
  const parser = new Parser({
    onopentag(tag, attributes) {
      if (tag === 'meta' && attributes['http-equiv']?.toLowerCase() === 'refresh') links.redirect = true;
      const href = (tag === 'a' || tag === 'area') && attributes['href'];
      if (!href) return;
      const url = URL.parse(href.trim(), base);
      if (!url || url.origin !== SITE) return; // another site, mailto:, javascript:
      const target = canonicalPath(url.pathname);
      if (!href.trim().startsWith('#')) links.targets.add(target);
      if (url.hash.length > 1) links.fragments.add(`${target}${url.hash}`);
    },
  });
  parser.end(html);
  return links;
}
