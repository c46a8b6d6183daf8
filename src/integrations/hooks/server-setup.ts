/**
 * astro:server:setup (dev): re-check on every save, add or delete of a page or rails.yaml, and
 * keep the pages rendered from the current rails.yaml, gate provenance and last results (the
 * docs loader re-renders every page on a content sync).
 */
import type { HookParameters } from 'astro';
import { keepPagesCurrent, watchGateInputs } from '../dev-watch.ts';
import { storeRefresher } from '../dev-store-refresh.ts';
import { loadedPagesKey, pageInputsKey } from '../render-inputs.ts';
import type { RunState } from '../run-state.ts';

export function serverSetup(state: RunState, { server, refreshContent }: HookParameters<'astro:server:setup'>): void {
  const config = state.config!;
  const store = storeRefresher(server);
  const pages = keepPagesCurrent({
    currentKey: () => pageInputsKey(config.railsFile),
    loadedKey: loadedPagesKey,
    refreshContent: refreshContent ? () => refreshContent({}) : undefined,
    synced: store.afterSync,
  });
  server.httpServer?.once('close', () => {
    pages.stop();
    store.stop();
  });
  watchGateInputs(server.watcher, {
    yamlPath: config.railsFile,
    docsDir: config.docsDir,
    recheck: async () => void (await state.runGateOnce?.()),
    pages,
    // Astro syncs a saved page itself; its store write can be undone by a request the same way.
    pageChanged: store.afterSync,
  });
}
