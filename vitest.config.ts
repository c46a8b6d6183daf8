import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One id per run, so browser test files share one site build (test/helpers/built-site.ts).
    globalSetup: ['test/global-setup.ts'],
    // parseShell is synchronous once the shell grammar (wasm) is loaded.
    setupFiles: ['test/setup/shell-parser.ts'],
    // Site builds are slow and share the .astro cache: run files one at a time.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
