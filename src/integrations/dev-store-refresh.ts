/**
 * Dev: drops the server's copies of Astro's content data store again once a content sync has
 * settled. Astro drops them itself when a sync writes the store (the store module, and the route
 * cache that holds each page's entry), and yet, under load in the dev-server test, a sync
 * rendered the restored rails.yaml (the loader's key was logged) while the page stayed broken
 * for 90 s. The likely cause: a request that was reading the old store at that moment put its
 * copy back afterwards. Dropping the copies again a moment later, when no request can still be
 * reading the old store, ends that either way. This repeats what Astro does on a store write
 * (astro/dist/content/vite-plugin-content-virtual-mod.js `invalidateDataStore`), by the same names.
 */
import type { HookParameters } from 'astro';

/** Vite's dev server, as Astro hands it to astro:server:setup. */
type ViteDevServer = HookParameters<'astro:server:setup'>['server'];

/** The store's module (astro/dist/content/consts.js `RESOLVED_DATA_STORE_VIRTUAL_ID`). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';
/** The event on which Astro's server clears its route cache. */
const CONTENT_CHANGED = 'astro:content-changed';
/** After a sync: once most requests that started before it ended, and once the slowest did. */
const AGAIN_AFTER_MS = [1000, 4000];

type Environment = ViteDevServer['environments'][string] & { runner?: { evaluatedModules: EvaluatedModules } };
interface EvaluatedModules {
  getModuleById(id: string): unknown;
  invalidateModule(module: unknown): void;
}

export function dropStoreCopies(server: Pick<ViteDevServer, 'environments'>): void {
  for (const environment of Object.values(server.environments) as Environment[]) {
    // Only the environments that run pages (Astro's ssr and prerender) hold a copy.
    const runner = environment.runner;
    if (!runner) continue;
    const module = environment.moduleGraph.getModuleById(DATA_STORE_MODULE);
    if (module) environment.moduleGraph.invalidateModule(module, undefined, Date.now(), true);
    const copy = runner.evaluatedModules.getModuleById(DATA_STORE_MODULE);
    if (copy) runner.evaluatedModules.invalidateModule(copy);
    environment.hot.send(CONTENT_CHANGED, {});
  }
}

/** Schedules the copies to be dropped after a sync; returns a function that cancels what is pending. */
export function storeRefresher(server: Pick<ViteDevServer, 'environments'>): { afterSync(): void; stop(): void } {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  return {
    afterSync() {
      for (const delay of AGAIN_AFTER_MS) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          dropStoreCopies(server);
        }, delay);
        timer.unref();
        timers.add(timer);
      }
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
