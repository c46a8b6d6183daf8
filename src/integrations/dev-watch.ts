/**
 * Dev re-checks: a save, a new file or a deleted one (editors and `git checkout` replace
 * rails.yaml by unlinking and re-creating it) re-runs the gate after the burst settles; and the
 * pages are kept rendered from the current inputs (rails.yaml, the gate's provenance, the rails'
 * last results), re-synced whenever the docs loader last rendered from other ones.
 */
import path from 'node:path';
import { isCheckedMarkdown } from '../core/page-files.ts';

export interface DevWatchOptions {
  yamlPath: string;
  docsDir: string;
  /** Re-runs the gate; never rejects. */
  recheck: () => Promise<void>;
  /** The pages' sync (`keepPagesCurrent`): held from a YAML change until the gate has run. */
  pages: Pick<PagesSync, 'hold' | 'request'>;
  /** A page was saved, added or deleted (Astro re-syncs that page itself). */
  pageChanged?: () => void;
}

interface Watcher {
  add(paths: string | readonly string[]): unknown;
  on(event: 'add' | 'change' | 'unlink', listener: (file: string) => void): unknown;
}

/** Settle time after the last event of a burst; the gate itself takes well under a second. */
const SETTLE_MS = 200;

export function watchGateInputs(watcher: Watcher, options: DevWatchOptions): void {
  // The folder, not only the file: a file that was deleted and re-created stays watched.
  watcher.add([options.yamlPath, path.dirname(options.yamlPath)]);
  let pending: ReturnType<typeof setTimeout> | undefined;
  let yamlTouched = false;
  let pageTouched = false;
  const onEvent = (changed: string) => {
    const file = path.resolve(changed);
    const isYaml = file === options.yamlPath;
    const isPage = file.startsWith(options.docsDir + path.sep) && isCheckedMarkdown(path.relative(options.docsDir, file).split(path.sep).join('/'));
    if (!isYaml && !isPage) return;
    // Waits for the burst to settle: a gate run or a sync started on the first event of a save
    // could read a half-written file. The pages are synced after the gate, so they render with
    // its new provenance in one sync, not once before it and again after.
    yamlTouched ||= isYaml;
    pageTouched ||= isPage;
    if (isYaml) options.pages.hold();
    clearTimeout(pending);
    pending = setTimeout(() => {
      const syncAfter = yamlTouched;
      if (pageTouched) options.pageChanged?.();
      yamlTouched = pageTouched = false;
      // The gate reports its own failures (runGateAndReport never throws); nothing is left unhandled.
      void options
        .recheck()
        .catch(() => {})
        .then(() => {
          if (syncAfter) options.pages.request();
        });
    }, SETTLE_MS);
  };
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, onEvent);
}

export interface PagesSyncOptions {
  /** The key of what pages would render from now (render-inputs.ts `pageInputsKey`). */
  currentKey: () => string;
  /** The key the docs loader last rendered with, undefined before its first load. */
  loadedKey: () => string | undefined;
  /** Astro's content sync (`refreshContent`): the docs loader re-renders every page. */
  refreshContent?: (() => Promise<void> | void) | undefined;
  /** Called as each sync ends. */
  synced?: () => void;
  intervalMs?: number;
}

export interface PagesSync {
  /** Syncs now (after the sync running, if one is), and lifts a hold. */
  request(): void;
  /** A sync is coming once the gate has run: the check waits for it, not syncing before the gate. */
  hold(): void;
  stop(): void;
}

/**
 * Keeps the pages rendered from the current inputs. Checked against what the loader last rendered
 * with, not against the last change seen, because a sync can fall short of its change: Astro
 * drops a sync asked for while it reloads the content config, and a sync that started before
 * a gate run ended renders the old provenance. So the check repeats (once a second: a few stats
 * and a hash; the results folders usually do not exist yet, so they are polled, not watched)
 * until the two agree. One sync at a time: a change that comes during a sync is synced after it.
 * A YAML save holds the check until the gate has run, so the pages sync once, with its result.
 */
export function keepPagesCurrent(options: PagesSyncOptions): PagesSync {
  let running: Promise<void> | undefined;
  let again = false;
  let held = false;
  const sync = (): void => {
    held = false;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await options.refreshContent?.();
        } catch {
          // Astro reports its own content-sync errors; the gate reports the YAML.
        }
        options.synced?.();
      } while (again);
    })().finally(() => (running = undefined));
  };
  // Without a content layer there is nothing to sync, and the keys would never agree.
  if (!options.refreshContent) return { request: () => {}, hold: () => {}, stop: () => {} };
  const poll = setInterval(() => {
    if (!running && !held && options.loadedKey() !== undefined && options.currentKey() !== options.loadedKey()) sync();
  }, options.intervalMs ?? 1000);
  poll.unref();
  return { request: sync, hold: () => void (held = true), stop: () => clearInterval(poll) };
}
