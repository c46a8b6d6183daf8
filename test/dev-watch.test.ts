/**
 * Dev re-checks on every kind of file event: a save, and a delete then re-create (as
 * `git checkout` and some editors replace rails.yaml); and the pages kept rendered from the
 * current inputs, one sync at a time. Driven with a fake watcher and fake timers.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepPagesCurrent, watchGateInputs } from '../src/integrations/dev-watch.ts';
import { dropStoreCopies, storeRefresher } from '../src/integrations/dev-store-refresh.ts';

const yamlPath = '/site/src/data/rails.yaml';
const docsDir = '/site/src/content/docs';

function setUp() {
  const watcher = Object.assign(new EventEmitter(), { added: [] as string[], add(paths: string | readonly string[]) { this.added.push(...[paths].flat()); } });
  const order: string[] = [];
  const recheck = vi.fn(async () => {
    await new Promise((resolve) => setTimeout(resolve, 500)); // a gate run
    order.push('gate');
  });
  const syncPages = vi.fn(() => void order.push('sync'));
  const hold = vi.fn(() => void order.push('hold'));
  const pageChanged = vi.fn();
  watchGateInputs(watcher, { yamlPath, docsDir, recheck, pages: { request: syncPages, hold }, pageChanged });
  return { watcher, recheck, refreshContent: syncPages, order, pageChanged };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('dev re-checks', () => {
  it('watches the YAML and its folder, so a re-created file stays watched', () => {
    expect(setUp().watcher.added).toEqual([yamlPath, '/site/src/data']);
  });

  it.each(['unlink', 'add', 'change'])('a YAML %s re-checks once the burst settles, then re-syncs content', async (event) => {
    const { watcher, recheck, refreshContent, order } = setUp();
    watcher.emit(event, yamlPath);
    await vi.advanceTimersByTimeAsync(100);
    watcher.emit(event, yamlPath);
    expect(refreshContent).not.toHaveBeenCalled(); // a half-written file is never synced
    expect(recheck).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(recheck).toHaveBeenCalledTimes(1);
    // The sync waits for the gate, so pages render with its new provenance in one sync.
    expect(refreshContent).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    // Held from the first event, so the once-a-second check does not sync before the gate.
    expect(order).toEqual(['hold', 'hold', 'gate', 'sync']);
  });

  it('a page deleted or added re-checks without a re-sync; other files are ignored', async () => {
    const { watcher, recheck, refreshContent, pageChanged, order } = setUp();
    watcher.emit('unlink', `${docsDir}/guide.md`);
    watcher.emit('add', `${docsDir}/nested/new.mdx`);
    watcher.emit('change', '/site/src/styles/x.css');
    await vi.advanceTimersByTimeAsync(1000);
    expect(recheck).toHaveBeenCalledTimes(1);
    expect(refreshContent).not.toHaveBeenCalled();
    expect(order).not.toContain('hold');
    expect(pageChanged).toHaveBeenCalledTimes(1); // once for the burst
  });
});

describe('pages kept current in dev', () => {
  /** A loader whose last key is what the current inputs were when a sync reached it. */
  function setUpSync(options: { dropFirst?: boolean; syncMs?: number } = {}) {
    let current = 'a';
    let loaded: string | undefined = 'a';
    let running = 0;
    let mostAtOnce = 0;
    let calls = 0;
    const refreshContent = vi.fn(async () => {
      calls++;
      // Astro drops a sync asked for while it reloads the content config: the loader never runs.
      if (options.dropFirst && calls === 1) return;
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      const rendering = current;
      await new Promise((resolve) => setTimeout(resolve, options.syncMs ?? 300));
      loaded = rendering;
      running--;
    });
    const synced = vi.fn();
    const pages = keepPagesCurrent({ currentKey: () => current, loadedKey: () => loaded, refreshContent, synced });
    return { pages, refreshContent, synced, change: (key: string) => (current = key), loaded: () => loaded, mostAtOnce: () => mostAtOnce };
  }

  it('syncs once when the inputs change, and not while the pages are current', async () => {
    const { pages, refreshContent, synced, change, loaded } = setUpSync();
    await vi.advanceTimersByTimeAsync(3000);
    expect(refreshContent).not.toHaveBeenCalled();
    change('b');
    await vi.advanceTimersByTimeAsync(5000);
    expect(refreshContent).toHaveBeenCalledTimes(1);
    expect(synced).toHaveBeenCalledTimes(1);
    expect(loaded()).toBe('b');
    pages.stop();
  });

  it('holds off while a YAML save waits for its gate run, then syncs once when asked', async () => {
    const { pages, refreshContent, change, loaded } = setUpSync();
    pages.hold();
    change('b');
    await vi.advanceTimersByTimeAsync(5000);
    expect(refreshContent).not.toHaveBeenCalled();
    pages.request();
    await vi.advanceTimersByTimeAsync(5000);
    expect(refreshContent).toHaveBeenCalledTimes(1);
    expect(loaded()).toBe('b');
    pages.stop();
  });

  it('asks again when a sync was dropped before the loader ran', async () => {
    const { pages, refreshContent, change, loaded } = setUpSync({ dropFirst: true });
    change('b');
    await vi.advanceTimersByTimeAsync(5000);
    expect(refreshContent).toHaveBeenCalledTimes(2);
    expect(loaded()).toBe('b');
    pages.stop();
  });

  it('syncs again when the inputs change while a sync runs, never two at once', async () => {
    const { pages, refreshContent, change, loaded, mostAtOnce } = setUpSync({ syncMs: 1500 });
    change('b');
    await vi.advanceTimersByTimeAsync(1200); // the poll's sync is running
    change('c'); // a verifier writes its next file, and the YAML is saved
    pages.request();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(loaded()).toBe('c');
    expect(refreshContent).toHaveBeenCalledTimes(2);
    expect(mostAtOnce()).toBe(1);
    pages.stop();
  });

  it('does nothing without a content sync to ask for', async () => {
    const pages = keepPagesCurrent({ currentKey: () => 'a', loadedKey: () => 'b', refreshContent: undefined, synced: () => expect.unreachable('no sync ran') });
    pages.request();
    await vi.advanceTimersByTimeAsync(5000);
    expect(vi.getTimerCount()).toBe(0);
    pages.stop();
  });

  it('waits for the first load before comparing', async () => {
    const refreshContent = vi.fn(async () => {});
    const pages = keepPagesCurrent({ currentKey: () => 'a', loadedKey: () => undefined, refreshContent });
    await vi.advanceTimersByTimeAsync(5000);
    expect(refreshContent).not.toHaveBeenCalled();
    pages.stop();
  });
});

describe("the server's copies of the content store, dropped again after a sync", () => {
  const STORE = '\0astro:data-layer-content';
  /** Astro's two page environments (a module graph and a runner each) and the browser's (no runner). */
  function fakeServer() {
    const events: string[] = [];
    const environment = (name: string, runs: boolean) => {
      const graphModule = { id: STORE };
      const runnerModule = { id: STORE };
      return {
        moduleGraph: { getModuleById: (id: string) => (id === STORE ? graphModule : undefined), invalidateModule: (module: unknown) => void events.push(`${name} graph ${module === graphModule}`) },
        hot: { send: (event: string) => void events.push(`${name} ${event}`) },
        ...(runs ? { runner: { evaluatedModules: { getModuleById: (id: string) => (id === STORE ? runnerModule : undefined), invalidateModule: (module: unknown) => void events.push(`${name} runner ${module === runnerModule}`) } } } : {}),
      };
    };
    const server = { environments: { client: environment('client', false), ssr: environment('ssr', true), prerender: environment('prerender', true) } };
    return { server: server as unknown as Parameters<typeof dropStoreCopies>[0], events };
  }

  it("uses Astro's own names for the store module and the event (an Astro upgrade that renames them fails here)", () => {
    const astroDist = path.dirname(createRequire(import.meta.url).resolve('astro'));
    const consts = readFileSync(path.join(astroDist, 'content/consts.js'), 'utf8');
    expect(consts).toContain('const DATA_STORE_VIRTUAL_ID = "astro:data-layer-content";');
    expect(consts).toContain('const RESOLVED_DATA_STORE_VIRTUAL_ID = "\\0" + DATA_STORE_VIRTUAL_ID;');
    const plugin = readFileSync(path.join(astroDist, 'content/vite-plugin-content-virtual-mod.js'), 'utf8');
    expect(plugin).toContain('environment.hot.send("astro:content-changed", {});');
    expect(plugin).toContain('environment.runner.evaluatedModules.invalidateModule(runnerModule);');
  });

  it('drops the store module and its evaluated copy, and clears the route cache, where pages run', () => {
    const { server, events } = fakeServer();
    dropStoreCopies(server);
    expect(events).toEqual(['ssr graph true', 'ssr runner true', 'ssr astro:content-changed', 'prerender graph true', 'prerender runner true', 'prerender astro:content-changed']);
  });

  it('drops them twice after each sync, a second and four seconds after it ended; nothing once stopped', async () => {
    const { server, events } = fakeServer();
    const refresher = storeRefresher(server);
    refresher.afterSync();
    await vi.advanceTimersByTimeAsync(900);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(events.filter((event) => event.endsWith('content-changed'))).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(events.filter((event) => event.endsWith('content-changed'))).toHaveLength(4);
    refresher.afterSync();
    refresher.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(events.filter((event) => event.endsWith('content-changed'))).toHaveLength(4);
  });
});
