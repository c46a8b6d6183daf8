/**
 * Reads one built page, once: a single htmlparser2 pass gives what the page links to, the files
 * it loads, the ids other pages' fragments can name, and its links to other sites. The scan
 * (scan-dist.ts) checks all of it against the files of dist/, the counts and the orphan pages
 * are read from it.
 */
import { readFile } from 'node:fs/promises';
import { Parser } from 'htmlparser2';
import { parseSrcset } from 'srcset';
import { canonicalPath, type BuiltPage } from './built-pages.ts';
import { classifyReference, SITE_ORIGIN } from './site-urls.ts';
import { mayLoadFiles, stylesheetRefs } from './stylesheet-refs.ts';

/** What a page or a stylesheet loads: files of the site and links to other sites. */
export interface LoadedRefs {
  /** URL paths (percent-encoded, no query or fragment) of the site's files it loads. */
  assets: Set<string>;
  /** Links to other sites, without their fragments: counted, never fetched by the build. */
  external: Set<string>;
  /** Each target, fragment and asset as first written in the file, to find its line in a finding. */
  written: Map<string, string>;
}

export interface PageLinks extends LoadedRefs {
  page: BuiltPage;
  /**
   * Pages and files of the site it links to (`<a>`, `<area>`, a refresh), as canonical URL
   * paths; a link to an id on the same page (`#setup`) is a fragment only.
   */
  targets: Set<string>;
  /** Its links that name an id: `/guide/#setup`, its own `#top` included. */
  fragments: Set<string>;
  /** Ids a fragment can name on this page: every `id`, and the `name` of an `<a>`. */
  ids: Set<string>;
  /** A `<meta http-equiv="refresh">` page: a redirect kept for an old URL, not a page to link. */
  redirect: boolean;
}

/** Attributes that make the browser load a file, by tag (links readers follow are `a`/`area`). */
const LOADS: Record<string, readonly string[]> = {
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  script: ['src'],
  link: ['href', 'imagesrcset'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  input: ['src'],
  object: ['data'],
  body: ['background'],
};

/** `<link rel>` values that name an origin to warm up, not a file to load. */
const HINTS_ONLY = new Set(['dns-prefetch', 'preconnect']);

function hintOnly(rel: string | undefined): boolean {
  const tokens = rel?.split(/\s+/).filter(Boolean) ?? [];
  return tokens.length > 0 && tokens.every((token) => HINTS_ONLY.has(token.toLowerCase()));
}

/** Reads and parses the page at `absolute` (already confined to dist/ by the caller). */
export async function readPage(absolute: string, page: BuiltPage): Promise<PageLinks> {
  const html = await readFile(absolute, 'utf8');
  const links: PageLinks = { page, targets: new Set(), fragments: new Set(), ids: new Set(), redirect: false, ...emptyRefs() };
  let base = new URL(page.url, SITE_ORIGIN);
  let baseSet = false;
  let styleText: string | undefined;
  const follow = (raw: string) => {
    const ref = classifyReference(raw, base);
    if (ref.kind === 'external') links.external.add(ref.url);
    if (ref.kind !== 'site') return;
    const target = canonicalPath(ref.path);
    if (!raw.trim().startsWith('#')) note(links.targets, links.written, target, raw);
    if (ref.hash.length > 1) note(links.fragments, links.written, `${target}${ref.hash}`, raw);
  };
  const load = (raw: string) => addLoaded(links, raw, base);
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (attributes['id']) links.ids.add(attributes['id']);
        if (tag === 'a' && attributes['name']) links.ids.add(attributes['name']);
        if (tag === 'base' && !baseSet && attributes['href']) {
          base = URL.parse(attributes['href'], base) ?? base;
          baseSet = true;
        }
        if ((tag === 'a' || tag === 'area') && attributes['href']) follow(attributes['href']);
        if (tag === 'meta' && attributes['http-equiv']?.toLowerCase() === 'refresh') {
          links.redirect = true;
          const to = refreshTarget(attributes['content'] ?? '');
          if (to !== undefined) follow(to);
        }
        if (tag === 'link' && hintOnly(attributes['rel'])) return;
        for (const attribute of LOADS[tag] ?? []) {
          const value = attributes[attribute];
          if (!value) continue;
          for (const raw of attribute.endsWith('srcset') ? srcsetUrls(value) : [value]) load(raw);
        }
        const style = attributes['style'];
        if (style && mayLoadFiles(style)) for (const raw of stylesheetRefs(style)) load(raw);
        if (tag === 'style') styleText = '';
      },
      ontext(text) {
        if (styleText !== undefined) styleText += text;
      },
      onclosetag(tag) {
        if (tag !== 'style' || styleText === undefined) return;
        if (mayLoadFiles(styleText)) for (const raw of stylesheetRefs(styleText)) load(raw);
        styleText = undefined;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return links;
}

/** What a stylesheet at URL path `url` loads. */
export function readStylesheet(css: string, url: string): LoadedRefs {
  const refs = emptyRefs();
  const from = new URL(url, SITE_ORIGIN);
  for (const raw of stylesheetRefs(css)) addLoaded(refs, raw, from);
  return refs;
}

function emptyRefs(): LoadedRefs {
  return { assets: new Set(), external: new Set(), written: new Map() };
}

function addLoaded(refs: LoadedRefs, raw: string, from: URL): void {
  const ref = classifyReference(raw, from);
  if (ref.kind === 'external') refs.external.add(ref.url);
  // The fragment of a loaded file (`sprite.svg#icon`) names a part of it, not an HTML id.
  else if (ref.kind === 'site') note(refs.assets, refs.written, ref.path, raw);
}

function note(set: Set<string>, written: Map<string, string>, key: string, raw: string): void {
  set.add(key);
  if (!written.has(key)) written.set(key, raw);
}

/** The URLs of a `srcset` (`a.png 1x, b.png 2x`); a value the parser refuses is split on commas. */
function srcsetUrls(value: string): string[] {
  try {
    return parseSrcset(value).map((candidate) => candidate.url);
  } catch {
    return value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '').filter(Boolean);
  }
}

/** `0; url=/guide/` -> `/guide/` (quotes as a browser strips them). */
function refreshTarget(content: string): string | undefined {
  const match = /^\s*\d*\.?\d*\s*[;,]\s*(?:url\s*=\s*)?(.+)$/i.exec(content);
  if (!match) return undefined;
  const url = match[1]!.trim();
  const quote = url[0];
  if (quote !== '"' && quote !== "'") return url;
  const end = url.indexOf(quote, 1);
  return url.slice(1, end === -1 ? undefined : end);
}
