/**
 * The test files that build the site, run `astro dev` or drive a browser. Each build or dev
 * server keeps about a core busy for seconds, so these run after the fast files, two at a time
 * (one per core, vitest.config.ts); the browser files and site-build.test.ts share one build per
 * run (helpers/built-site.ts). test/site-tests.test.ts keeps this list true.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SITE_TESTS = [
  'test/browser-pages-phone.test.ts',
  'test/browser-pages.test.ts',
  'test/browser-proof-map.test.ts',
  'test/browser-proof-page.test.ts',
  'test/build-gate.test.ts',
  'test/built-site.test.ts',
  'test/config-paths-build.test.ts',
  'test/dev-server.test.ts',
  'test/freshness.test.ts',
  'test/mesh-highlighting.test.ts',
  'test/site-build.test.ts',
  'test/stale-reports.test.ts',
];

/**
 * The test files that replace a module with `vi.mock`: a mock needs a module registry of its
 * own, so these run isolated (a fresh registry per file), while the other unit files share one
 * per worker (each file no longer imports the gate afresh: about 40 s of a 140 s unit run).
 * Found by reading the files, so a new mocking file cannot slip into the shared registry.
 */
export const MOCKING_TESTS: string[] = readdirSync(path.join(import.meta.dirname))
  .filter((file) => file.endsWith('.test.ts') && /\bvi\.(do)?[mM]ock\(/.test(readFileSync(path.join(import.meta.dirname, file), 'utf8')))
  .map((file) => `test/${file}`)
  .filter((file) => !SITE_TESTS.includes(file))
  .sort();
