/**
 * URLs of the built site, read as a static host reads them: what a reference in a page or a
 * stylesheet points at (a path of this site, another site, or nothing to check), and which file
 * of dist/ the host answers a path with. No server is involved: the scan looks paths up in the
 * list of files it made once.
 */
import { confineUrlPath } from '../core/confine.ts';

/** Any origin will do: references are resolved against it and only its own paths are kept. */
export const SITE_ORIGIN = 'http://site.invalid';

export type Reference =
  /** A path of this site, percent-encoded as URLs carry it, without the query; `hash` is `''` or `#id`. */
  | { kind: 'site'; path: string; hash: string }
  /** Another site (http or https), without its fragment. */
  | { kind: 'external'; url: string }
  /** Nothing to check: `data:`, `mailto:`, `javascript:`, `tel:`, an empty or unparsable value. */
  | { kind: 'none' };

/** What `raw` (an attribute or a CSS `url()` as written) points at, read against the URL `from`. */
export function classifyReference(raw: string, from: URL): Reference {
  const text = raw.trim();
  if (text === '') return { kind: 'none' };
  const url = URL.parse(text, from);
  if (!url) return { kind: 'none' };
  if (url.origin === SITE_ORIGIN) return { kind: 'site', path: url.pathname, hash: url.hash };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'none' };
  url.hash = '';
  return { kind: 'external', url: url.href };
}

/** `/docs`, `docs/`, `/docs/` -> `/docs/`; nothing or `/` -> `/`. */
export function normaliseBase(base: string | undefined): string {
  const trimmed = (base ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** The files of dist/ and where the host serves them (Astro's `base`, `/` by default). */
export interface DistLayout {
  /** POSIX paths under dist/ of every file the host can serve. */
  files: ReadonlySet<string>;
  /** Normalised: `/` or `/docs/`. */
  base: string;
}

/**
 * The file a static host answers `urlPath` with, or undefined for a 404: `/guide/` is
 * `guide/index.html`; `/guide` is the file `guide`, else `guide/index.html` (hosts redirect to
 * the slash), else `guide.html`; a path outside the site's base is not the site's. The path is
 * percent-decoded and confined to dist/ by the one confinement helper: anything that would
 * climb out of it is a 404, never a look-up.
 */
export function fileForUrlPath(urlPath: string, layout: DistLayout): string | undefined {
  const sitePath = underBase(urlPath, layout.base);
  if (sitePath === undefined) return undefined;
  const confined = confineUrlPath(sitePath);
  if (!confined.ok) return undefined;
  const relative = confined.relative;
  const index = relative === '' ? 'index.html' : `${relative}/index.html`;
  if (sitePath.endsWith('/')) return layout.files.has(index) ? index : undefined;
  for (const candidate of [relative, index, `${relative}.html`]) if (layout.files.has(candidate)) return candidate;
  return undefined;
}

/** `/docs/guide/` under base `/docs/` -> `/guide/`; the base without its slash is its root. */
function underBase(urlPath: string, base: string): string | undefined {
  if (base === '/') return urlPath;
  if (urlPath === base.slice(0, -1)) return '/';
  return urlPath.startsWith(base) ? urlPath.slice(base.length - 1) : undefined;
}
