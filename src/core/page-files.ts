/**
 * Which files in the docs folder are pages, in one place: Astro's glob loader renders them
 * (integrations/docs-loader.ts), the gate checks them (gate/run.ts), the dev watcher re-checks
 * them on save (integrations/dev-watch.ts) and the built-site check maps a built page back to
 * one (built-site/findings.ts).
 *
 * The rule is Starlight's: every Markdown extension Astro renders, and a name starting with `_`
 * is no page. The gate checks those `_` files too: an `.mdx` page can import one and show it.
 *
 * The gate lists them with the crawler Astro's glob library (tinyglobby) walks with, set up the
 * way that library sets it up, and a plain test of each name instead of the glob: compiling the
 * glob pattern cost about 15 ms of a 0.5 s `npm run check`. test/page-files.test.ts holds the
 * two to the same list on awkward trees (dot folders, `_` names, links to folders, a link loop,
 * upper-case extensions).
 */
import { fdir } from 'fdir';

/** The extensions Astro renders as Markdown (MDX for `.mdx`), each matched case-sensitively. */
export const PAGE_EXTENSIONS = ['.markdown', '.mdown', '.mkdn', '.mkd', '.mdwn', '.md', '.mdx'] as const;

/** The glob Astro's loader is given: the page extensions, and no name starting with `_`. */
export const PAGE_GLOB = `**/[^_]*.{${PAGE_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`;

/**
 * True for a file the gate checks (a path relative to the docs folder, `/`-separated): a page
 * extension after at least one character, in no folder starting with `.` (the glob's `**` does
 * not enter one). The name itself may start with `.`: the glob's `[^_]` matches a dot, so
 * `.notes.md` is rendered.
 */
export function isCheckedMarkdown(relative: string): boolean {
  const parts = relative.split('/');
  const name = parts.pop()!;
  const dot = name.lastIndexOf('.');
  return dot > 0 && (PAGE_EXTENSIONS as readonly string[]).includes(name.slice(dot)) && !parts.some((part) => part.startsWith('.'));
}

/**
 * Every Markdown file under `docsDir` the gate checks, relative to it, `/`-separated and sorted:
 * the rendered pages and the `_` files beside them. As tinyglobby does by default, the crawl
 * skips folders starting with `.` and follows links (around a link loop once, then it stops).
 */
export function listMarkdownFiles(docsDir: string): string[] {
  return new fdir({
    pathSeparator: '/',
    relativePaths: true,
    resolveSymlinks: true,
    suppressErrors: true,
    exclude: (name) => name.startsWith('.'),
    filters: [(file) => isCheckedMarkdown(file)],
  })
    .crawl(docsDir)
    .sync()
    .sort();
}
