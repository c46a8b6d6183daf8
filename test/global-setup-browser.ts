/**
 * Once per vitest run, for the site project: find the browser (helpers/locate-browser.ts) and
 * hand the answer to the browser test files. When none starts, say so in one line: outside CI
 * the browser tests are skipped, under CI=true they fail with the same line.
 */
import type { TestProject } from 'vitest/node';
import { browserMissingLine, findBrowser, isCI } from './helpers/locate-browser.ts';

/** What the browser test files get: a browser to launch, or the line that says why there is none. */
export type RunBrowser = { path: string; source: string } | { missing: string; skip: boolean };

declare module 'vitest' {
  export interface ProvidedContext {
    browser: RunBrowser;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const lookup = await findBrowser();
  if (lookup.found) {
    project.provide('browser', { path: lookup.path, source: lookup.source });
    return;
  }
  const ci = isCI();
  const line = browserMissingLine(lookup, ci);
  console.warn(line);
  project.provide('browser', { missing: line, skip: !ci });
}
