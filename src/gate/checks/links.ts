/**
 * Links shown in pages: site-internal links must reach a page (or a file in `public/`) and
 * their `#fragment` a heading or anchor of that page; links into the Mesh repo on GitHub must
 * reach a committed path. Other external links are not fetched (the gate never goes online).
 */
import { existsSync } from 'node:fs';
import type { LinkOccurrence } from '../extract/occurrences.ts';
import { checkGithubLink, parseMeshRepoLink } from '../resolvers/paths.ts';
import { confineUrlPath, joinConfined } from '../confine.ts';
import { makeDiagnostic } from '../resolvers/diagnostic.ts';
import { didYouMean, closest } from '../suggest.ts';
import type { Diagnostic, RepoView } from '../types.ts';

/** What the link check knows about each built page. */
export interface PageTargets {
  /** Site path, `/distributed-proof/`. */
  href: string;
  /** Ids a fragment may point at. */
  anchors: ReadonlySet<string>;
}

/** Starlight adds these ids to every page. */
const LAYOUT_ANCHORS = ['_top', 'starlight__on-this-page', 'starlight__search'];

export function checkLinks(
  links: readonly LinkOccurrence[],
  fromHref: string,
  pages: ReadonlyMap<string, PageTargets>,
  repo: RepoView,
  publicDir: string,
): Diagnostic[] {
  return links.flatMap((link) => checkLink(link, fromHref, pages, repo, publicDir));
}

function checkLink(
  link: LinkOccurrence,
  fromHref: string,
  pages: ReadonlyMap<string, PageTargets>,
  repo: RepoView,
  publicDir: string,
): Diagnostic[] {
  const url = link.url.trim();
  if (parseMeshRepoLink(url)) return checkGithubLink(url, repo, link.position);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return []; // other sites: not fetched

  const [rawPath = '', fragment] = url.split('#', 2);
  let target: string;
  try {
    target = rawPath === '' ? fromHref : normaliseHref(new URL(rawPath, `https://site${fromHref}`).pathname);
  } catch {
    return [linkDiagnostic('link-broken', link, `${link.url} is not a valid link`, 'write the link as a site path such as /distributed-proof/')];
  }
  const page = pages.get(target);
  if (!page) {
    // Not a page: maybe a file in public/. The path is decoded and confined before any lookup.
    const inPublic = confineUrlPath(target);
    if (!inPublic.ok) {
      return [linkDiagnostic('link-outside-site', link, `The link leaves the site root once decoded: ${inPublic.reason}`, 'link to a page of this site by its path, such as /distributed-proof/')];
    }
    const file = inPublic.relative === '' ? undefined : joinConfined(publicDir, inPublic.relative);
    if (file !== undefined && existsSync(file)) return [];
    return [linkDiagnostic('link-broken', link, `No page is built at ${target}`, suggestPages(target, [...pages.keys()]))];
  }
  if (fragment === undefined || fragment === '') return [];
  const id = safeDecode(fragment);
  if (page.anchors.has(id) || LAYOUT_ANCHORS.includes(id)) return [];
  return [
    {
      code: 'link-bad-fragment',
      severity: 'error',
      position: link.position,
      subject: link.url,
      message: `${page.href} has no heading or anchor "#${id}"`,
      suggestion: didYouMean(closest(id, [...page.anchors])) ?? 'link to a heading that exists on that page (its slug)',
    },
  ];
}

/** The three pages nearest to a broken target, never the whole site. */
function suggestPages(target: string, hrefs: readonly string[]): string {
  const near = closest(target, hrefs, { max: 3, maxDistance: Number.MAX_SAFE_INTEGER });
  const shown = near.length > 0 ? near : hrefs.slice(0, 3);
  return shown.length > 0 ? `link to one of the closest pages: ${shown.join(', ')}` : 'link to a page that exists';
}

function linkDiagnostic(code: 'link-broken' | 'link-outside-site', link: LinkOccurrence, message: string, suggestion: string): Diagnostic {
  return makeDiagnostic({ code, position: link.position, subject: link.url, message, suggestion });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `/a/b` and `/a/b/` and `/a/b/index.html` are the same page. */
export function normaliseHref(pathname: string): string {
  const trimmed = pathname.replace(/index\.html$/, '').replace(/\/+$/, '');
  return `${trimmed}/`;
}
