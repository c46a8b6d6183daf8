/**
 * The test files that build the site, run `astro dev` or drive a browser. Each build or dev
 * server keeps about a core busy for seconds, so these run after the fast files, two at a time
 * (one per core, vitest.config.ts); the browser files and site-build.test.ts share one build per
 * run (helpers/built-site.ts). test/site-tests.test.ts keeps this list true.
 */
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
