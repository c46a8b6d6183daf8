/**
 * Scans a built site from disk, without a server. Every page of dist/ (reachable or not) and
 * every stylesheet is read and parsed once, concurrently; every internal link, `#fragment` and
 * asset they reference is looked up in the one listing of dist/'s files the way a static host
 * answers it (site-urls.ts), and each fragment in the ids of the page it names. Links to other
 * sites are counted, never fetched: the build must work offline.
 */
import { readFile } from 'node:fs/promises';
import { joinConfined, resolvesUnder } from '../core/confine.ts';
import { listBuiltSite } from './built-pages.ts';
import { readPage, readStylesheet, type LoadedRefs, type PageLinks } from './read-page.ts';
import { fileForUrlPath, normaliseBase, SITE_ORIGIN, type DistLayout } from './site-urls.ts';

/** One reference of the built site that does not resolve. */
export interface BrokenLink {
  /** The target: a URL path of the site (`/guide/#setup`), or another site's URL. */
  target: string;
  /** The page or stylesheet that references it: a POSIX path under dist/ (`guide/index.html`). */
  parentFile: string;
  /** What a host answers: 404 for a missing file; 200 with a fragment means the page exists but the id does not. */
  status: number;
  /** The reference as written in the parent, to find its line. */
  written?: string;
  /** The fetcher's own explanation (external links), when it gave one. */
  detail?: string;
}

export interface LinkScan {
  /** Every page read, with what it links to and loads. */
  pages: PageLinks[];
  broken: BrokenLink[];
  /** URL paths (no fragment) of everything on the site that was checked: pages and files. */
  checked: string[];
  /** Distinct links to other sites, counted but not fetched. */
  external: string[];
  /** Each link to another site, with the files (under dist/) that reference it, in path order. */
  externalFrom: Map<string, string[]>;
}

/** A page or a stylesheet, and what it references. */
interface Source {
  /** Its URL path. */
  url: string;
  /** Its POSIX path under dist/. */
  file: string;
  refs: LoadedRefs;
  /** Pages and files it links to (a stylesheet links to none). */
  targets: ReadonlySet<string>;
}

/** Scans the build output `distDir`, served under `base` (Astro's `base`, `/` by default). */
export async function scanDist(distDir: string, base?: string): Promise<LinkScan> {
  const siteBase = normaliseBase(base);
  const listing = await listBuiltSite(distDir, siteBase);
  // A file that is a symlink out of dist/ is neither read nor counted as served.
  const inside = (file: string) => {
    const absolute = joinConfined(distDir, file);
    return absolute !== undefined && resolvesUnder(distDir, absolute) ? absolute : undefined;
  };
  const [pages, stylesheets] = await Promise.all([
    Promise.all(listing.pages.map(async (page) => {
      const absolute = inside(page.file);
      return absolute === undefined ? undefined : readPage(absolute, page);
    })),
    Promise.all(listing.stylesheets.map(async (file): Promise<Source | undefined> => {
      const absolute = inside(file);
      const url = new URL(`${siteBase}${file}`, SITE_ORIGIN).pathname;
      return absolute === undefined ? undefined : { url, file, refs: readStylesheet(await readFile(absolute, 'utf8'), url), targets: new Set() };
    })),
  ]);
  const read = pages.filter((page) => page !== undefined);
  const unread = new Set(listing.pages.filter((_, index) => pages[index] === undefined).map((page) => page.file));
  const layout: DistLayout = { files: new Set([...listing.files].filter((file) => !unread.has(file))), base: siteBase };
  const idsByFile = new Map(read.map((links) => [links.page.file, links.ids]));

  const broken: BrokenLink[] = [];
  const checked = new Set<string>();
  const externalFrom = new Map<string, string[]>();
  const sources: Source[] = [...read.map((links) => ({ url: links.page.url, file: links.page.file, refs: links, targets: links.targets })), ...stylesheets.filter((sheet) => sheet !== undefined)];
  for (const sheet of stylesheets) if (sheet) checked.add(sheet.url);
  for (const { file, refs, targets } of sources) {
    const resolve = (target: string) => {
      checked.add(target);
      if (fileForUrlPath(target, layout) === undefined) broken.push({ target, parentFile: file, status: 404, ...written(refs, target) });
    };
    for (const target of targets) resolve(target);
    for (const asset of refs.assets) resolve(asset);
    for (const link of refs.external) externalFrom.set(link, [...(externalFrom.get(link) ?? []), file]);
  }
  for (const links of read) {
    for (const fragment of links.fragments) {
      const hash = fragment.indexOf('#');
      const target = fileForUrlPath(fragment.slice(0, hash), layout);
      // A missing page is reported as its link; a file that is not a page has no ids to name.
      const ids = target === undefined ? undefined : idsByFile.get(target);
      if (ids === undefined || hasFragment(ids, fragment.slice(hash + 1))) continue;
      broken.push({ target: fragment, parentFile: links.page.file, status: 200, ...written(links, fragment) });
    }
  }
  return { pages: read, broken, checked: [...checked].sort(), external: [...externalFrom.keys()].sort(), externalFrom };
}

function written(refs: LoadedRefs, key: string): { written?: string } {
  const raw = refs.written.get(key);
  return raw === undefined ? {} : { written: raw };
}

/**
 * True when a page has the id a fragment names, as a browser finds it: the fragment as written or
 * percent-decoded; `#top` (any case) always scrolls to the top; a text fragment (`#:~:text=`)
 * names words, not an id.
 */
function hasFragment(ids: ReadonlySet<string>, fragment: string): boolean {
  if (/^top$/i.test(fragment) || fragment.startsWith(':~:') || ids.has(fragment)) return true;
  try {
    return ids.has(decodeURIComponent(fragment));
  } catch {
    return false;
  }
}
