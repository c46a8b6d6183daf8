/**
 * Scans a built site with linkinator: it serves the folder on a local port itself, follows every
 * internal link, image, script, stylesheet and `#fragment`, and reports what does not resolve.
 * Other hosts are counted, never fetched, because the build must work offline.
 */
import { LinkChecker, LinkState } from 'linkinator';

/** One link of the built site that did not resolve. */
export interface BrokenLink {
  /** The target as linkinator reports it: a path under the scanned folder, `#fragment` kept. */
  target: string;
  /** The page that links to it, as a path under the scanned folder (a folder ends in `/`). */
  parent: string;
  /** HTTP status of the target; 200 with a fragment means the page exists but the id does not. */
  status: number;
  /** linkinator's own explanation, when it gave one. */
  detail?: string;
}

export interface LinkScan {
  broken: BrokenLink[];
  /** Links checked on the site itself. */
  checked: number;
  /** Distinct links to other hosts, counted but not fetched. */
  external: string[];
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when a link leaves the site: linkinator serves the scanned folder on a local host. */
export function isExternal(link: string): boolean {
  const url = URL.parse(link);
  if (!url) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
  return !LOCAL_HOSTS.has(url.hostname);
}

/** Scans `distDir`; `fetchExternal` also fetches links to other hosts (needs a network). */
export async function scanLinks(distDir: string, options: { fetchExternal?: boolean } = {}): Promise<LinkScan> {
  const external = new Set<string>();
  const checker = new LinkChecker();
  const result = await checker.check({
    path: distDir,
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
  let checked = 0;
  for (const link of result.links) {
    if (link.state === LinkState.SKIPPED) continue;
    checked += 1;
    if (link.state !== LinkState.BROKEN) continue;
    const detail = link.failureDetails?.map((item) => (item instanceof Error ? item.message : '')).find((text) => text !== '');
    broken.push({ target: link.url, parent: link.parent ?? distDir, status: link.status ?? 0, ...(detail ? { detail } : {}) });
  }
  return { broken, checked, external: [...external].sort() };
}
