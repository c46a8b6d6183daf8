import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/sequencer.ts';
import { MOCKING_TESTS, SITE_TESTS } from './test/site-tests.ts';

export default defineConfig({
  test: {
    // parseShell is synchronous once the shell grammar (wasm) is loaded.
    setupFiles: ['test/setup/shell-parser.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // The slow files start first, in a fresh clone too (test/sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        // Unit and integration files: in parallel, one worker per core (Vitest's default leaves
        // one core idle: a single worker on a 2-core machine). They run first, as group 0. The
        // files of a worker share one module registry (isolate: false): importing the gate
        // afresh for each of some 60 files cost about a third of the unit run. Module state a
        // file leaves (env stubs, shared slots) is undone by that file.
        extends: true,
        // The run id names the folder of this run's site copies, removed when the run ends.
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...SITE_TESTS, ...MOCKING_TESTS],
          maxWorkers: '100%',
          isolate: false,
          sequence: { groupOrder: 0 },
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        // The few files that mock a module, each with a registry of its own, beside the unit files.
        extends: true,
        // `vitest bench` runs bench/*.bench.ts in the unit project only (each project would run them).
        test: { name: 'unit-mocks', include: MOCKING_TESTS, maxWorkers: 1, sequence: { groupOrder: 0 }, globalSetup: ['test/global-setup.ts'], benchmark: { include: [] } },
      },
      {
        // Site builds, dev servers and the browser, after the unit group (never beside it). One
        // build or dev server keeps about one core busy (Astro renders on one thread), so two
        // files run at a time, one per core; the browser files share one build (helpers/built-site.ts
        // makes the second file that asks wait for the first one's build).
        extends: true,
        test: {
          name: 'site',
          include: SITE_TESTS,
          benchmark: { include: [] },
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          // A run id so the browser files share one build (and this run's site copies share a
          // folder, removed when the run ends); the browser, found once per run.
          globalSetup: ['test/global-setup.ts', 'test/global-setup-browser.ts'],
          // Browser waits are on conditions; under load a condition can take seconds to hold.
          expect: { poll: { timeout: 60_000, interval: 100 } },
        },
      },
    ],
  },
});
