/**
 * Scans a built site with linkinator. Every page is a start page, reachable or not, and so is
 * every stylesheet (so the fonts and images it loads are checked whatever page uses it); from
 * each, linkinator checks every internal link, image, script, stylesheet and `#fragment`, and
 * reports what does not resolve. Other hosts are counted, never fetched, because the build
 * must work offline.
 */
import { LinkChecker, LinkState } from 'linkinator';
import { canonicalPath, listStylesheets, type BuiltPage } from './built-pages.ts';
import { serveDist } from './serve-dist.ts';

/** One link of the built site that did not resolve. */
export interface BrokenLink {
  /** The target: a URL path of the site (`/guide/#setup`), or another site's URL. */
  target: string;
  /** The URL path of the page that links to it (`/guide/`, `/404.html`). */
  parent: string;
  /** HTTP status of the target; 200 with a fragment means the page exists but the id does not. */
  status: number;
  /** linkinator's own explanation, when it gave one. */
  detail?: string;
}

export interface LinkScan {
  broken: BrokenLink[];
  /** URL paths of the pages linkinator opened and read (`/guide` and `/guide/` are one). */
  scanned: string[];
  /** URL paths (no fragment) of everything on the site it checked: pages and files. */
  checked: string[];
  /** Distinct links to other hosts, counted but not fetched. */
  external: string[];
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when a link leaves the site: the scan serves the site on a local host. */
export function isExternal(link: string): boolean {
  const url = URL.parse(link);
  if (!url) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
  return !LOCAL_HOSTS.has(url.hostname);
}

/** Scans `pages` of `distDir`; `fetchExternal` also fetches links to other hosts (needs a network). */
export async function scanLinks(distDir: string, pages: readonly BuiltPage[], options: { fetchExternal?: boolean } = {}): Promise<LinkScan> {
  const external = new Set<string>();
  const scanned = new Set<string>();
  const site = await serveDist(distDir);
  // Site paths as readers see them: linkinator reports full URLs of the local server.
  const onSite = (url: string): string | undefined => (url.startsWith(site.origin) ? `/${url.slice(site.origin.length)}` : undefined);
  const checker = new LinkChecker();
  // Typed as a string, emitted as a URL: String() reads either.
  checker.on('pagestart', (url: string) => {
    const page = onSite(String(url));
    if (page !== undefined && !page.endsWith('.css')) scanned.add(canonicalPath(page));
  });
  try {
    const stylesheets = await listStylesheets(distDir);
    const result = await checker.check({
      // Each page at the URL readers use, so a page other pages link to is fetched once.
      path: [...pages.map((page) => page.url), ...stylesheets.map((file) => `/${file}`)].map((url) => new URL(url, site.origin).href),
      recurse: true,
      checkFragments: true,
      checkCss: true,
      concurrency: 8,
      timeout: 20_000,
      linksToSkip: async (link) => {
        if (!isExternal(link)) return false;
        external.add(link);
        return options.fetchExternal !== true;
      },
    });
    const broken: BrokenLink[] = [];
    const checked = new Set<string>();
    for (const link of result.links) {
      if (link.state === LinkState.SKIPPED) continue;
      const target = onSite(link.url);
      if (target !== undefined) checked.add(target.split('#')[0]!);
      if (link.state !== LinkState.BROKEN) continue;
      const detail = link.failureDetails?.map((item) => (item instanceof Error ? item.message : '')).find((text) => text !== '');
      const parent = link.parent ? (onSite(link.parent) ?? link.parent) : '/';
      broken.push({ target: target ?? link.url, parent, status: link.status ?? 0, ...(detail ? { detail } : {}) });
    }
    return { broken, scanned: [...scanned].sort(), checked: [...checked].sort(), external: [...external].sort() };
  } finally {
    await site.close();
  }
}
