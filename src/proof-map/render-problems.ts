/**
 * Directive problems found while pages render, kept until the build asks. Astro logs an error
 * thrown while rendering a content entry and goes on building, so the integration reads this
 * list once content has rendered and fails the build on it. A global, because the plugin runs
 * in Astro's content module graph, apart from the integration.
 */
import type { Diagnostic } from '../core/types.ts';

const KEY = Symbol.for('mesh-docs.render-problems');
type Holder = { [KEY]?: Map<string, Diagnostic[]> };

function problemsByPage(): Map<string, Diagnostic[]> {
  return ((globalThis as Holder)[KEY] ??= new Map());
}

/** Replaces the page's problems (a page that renders cleanly again calls this with none). */
export function recordRenderProblems(page: string, problems: Diagnostic[]): void {
  if (problems.length === 0) problemsByPage().delete(page);
  else problemsByPage().set(page, problems);
}

/** Every recorded problem, page by page. */
export function renderProblems(): Diagnostic[] {
  return [...problemsByPage().values()].flat();
}
