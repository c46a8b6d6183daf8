/**
 * The test files that build the site, run `astro dev` or drive a browser. Each build takes a
 * core or more for seconds, the browser files share one build per run (helpers/built-site.ts),
 * and dev servers poll for their pages, so these run one at a time, after the fast files have
 * run in parallel (vitest.config.ts). test/site-tests.test.ts keeps this list true.
 */
export const SITE_TESTS = [
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
