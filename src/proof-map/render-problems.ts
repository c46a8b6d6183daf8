/**
 * Directive problems found while pages render, kept until the build asks. Astro logs an error
 * thrown while rendering a content entry and goes on building, so the integration reads this
 * list once content has rendered and fails the build on it. Shared through core/shared-slot.ts, because the
 * plugin runs in Astro's content module graph, apart from the integration.
 */
import { sharedSlot } from '../core/shared-slot.ts';
import type { Diagnostic } from '../core/types.ts';

const slot = sharedSlot<Map<string, Diagnostic[]>>('render-problems');

function problemsByPage(): Map<string, Diagnostic[]> {
  let problems = slot.get();
  if (problems === undefined) slot.set((problems = new Map()));
  return problems;
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
