/**
 * Links shown in pages: site-internal links must reach a page (or a file in `public/`) and
 * their `#fragment` a heading or anchor of that page; links into a repo of the workspace on
 * GitHub must reach a committed path of that repo (the caller's `RepoLinkCheck` picks it).
 * Other external links are not fetched (the gate never goes online).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LinkOccurrence } from '../extract/occurrences.ts';
import { didYouMean, closest } from '../suggest.ts';
import type { Diagnostic, SourcePosition } from '../types.ts';

/**
 * Checks a link into one of the workspace's repos on GitHub (the caller picks the repo by the
 * link's address); undefined when the URL is no such link.
 */
export type RepoLinkCheck = (url: string, position: SourcePosition) => Diagnostic[] | undefined;

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
  repoLinks: RepoLinkCheck,
  publicDir: string,
): Diagnostic[] {
  return links.flatMap((link) => checkLink(link, fromHref, pages, repoLinks, publicDir));
}

function checkLink(
  link: LinkOccurrence,
  fromHref: string,
  pages: ReadonlyMap<string, PageTargets>,
  repoLinks: RepoLinkCheck,
  publicDir: string,
): Diagnostic[] {
  const url = link.url.trim();
  const repoLink = repoLinks(url, link.position);
  if (repoLink) return repoLink;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return []; // other sites: not fetched

  const [rawPath = '', fragment] = url.split('#', 2);
  const target = rawPath === '' ? fromHref : normaliseHref(new URL(rawPath, `https://site${fromHref}`).pathname);
  const page = pages.get(target);
  if (!page) {
    if (existsSync(path.join(publicDir, decodeURIComponent(target)))) return [];
    const close = closest(target, [...pages.keys()]);
    return [
      {
        code: 'link-broken',
        severity: 'error',
        position: link.position,
        subject: link.url,
        message: `No page is built at ${target}`,
        suggestion: didYouMean(close) ?? `link to one of: ${[...pages.keys()].join(', ')}`,
      },
    ];
  }
  if (fragment === undefined || fragment === '') return [];
  const id = decodeURIComponent(fragment);
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

/** `/a/b` and `/a/b/` and `/a/b/index.html` are the same page. */
export function normaliseHref(pathname: string): string {
  const trimmed = pathname.replace(/index\.html$/, '').replace(/\/+$/, '');
  return `${trimmed}/`;
}
