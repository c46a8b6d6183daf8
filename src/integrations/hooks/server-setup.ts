/**
 * astro:server:setup (dev): re-check on every save, add or delete of a page or rails.yaml, and
 * re-sync content when the YAML or a rail's last results change (the docs loader then
 * re-renders every page).
 */
import type { HookParameters } from 'astro';
import { watchGateInputs } from '../dev-watch.ts';
import { getProvenance, resultsDigest } from '../render-inputs.ts';
import type { RunState } from '../run-state.ts';

export function serverSetup(state: RunState, { server, refreshContent }: HookParameters<'astro:server:setup'>): void {
  const config = state.config!;
  watchGateInputs(server.watcher, {
    yamlPath: config.railsFile,
    docsDir: config.docsDir,
    refreshContent: refreshContent ? () => refreshContent({}) : undefined,
    recheck: async () => void (await state.runGateOnce?.()),
  });
  // A verifier run writes new results: re-render on reload (the docs loader keys on them).
  // Polled, not watched: the results folders usually do not exist yet, and watching the whole
  // checkout (build output included) would cost far more than a few stats a second.
  let seen = resultsDigest(getProvenance());
  const poll = setInterval(() => {
    const now = resultsDigest(getProvenance());
    if (now !== seen) {
      seen = now;
      void refreshContent?.({});
    }
  }, 1000);
  poll.unref();
  server.httpServer?.once('close', () => clearInterval(poll));
}
