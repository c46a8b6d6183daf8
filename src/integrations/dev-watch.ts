/**
 * Dev re-checks: a save, a new file or a deleted one (editors and `git checkout` replace
 * rails.yaml by unlinking and re-creating it) re-runs the gate after the burst settles, and
 * when the YAML was touched, content is re-synced so every page re-renders from it.
 */
import path from 'node:path';
import { isCheckedMarkdown } from '../core/page-files.ts';

export interface DevWatchOptions {
  yamlPath: string;
  docsDir: string;
  /** Re-renders pages from the YAML (Astro's `refreshContent`). */
  refreshContent?: (() => Promise<void> | void) | undefined;
  /** Re-runs the gate; never rejects. */
  recheck: () => Promise<void>;
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
  const onEvent = (changed: string) => {
    const file = path.resolve(changed);
    const isYaml = file === options.yamlPath;
    const isPage = file.startsWith(options.docsDir + path.sep) && isCheckedMarkdown(path.relative(options.docsDir, file).split(path.sep).join('/'));
    if (!isYaml && !isPage) return;
    // Both wait for the burst to settle: a sync started on the first event of a save could
    // read a half-written file. The sync is asked for before the gate runs: a sync asked for
    // after the run (which writes its report into the site) was seen to be skipped by Astro.
    // The dev error page reads the gate's state per request, so their order is free.
    yamlTouched ||= isYaml;
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (yamlTouched) void refresh(options);
      yamlTouched = false;
      // The gate reports its own failures (runGateAndReport never throws); nothing is left unhandled.
      options.recheck().catch(() => {});
    }, SETTLE_MS);
  };
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, onEvent);
}

async function refresh(options: DevWatchOptions): Promise<void> {
  try {
    await options.refreshContent?.();
  } catch {
    // Astro reports its own content-sync errors; the gate reports the YAML.
  }
}
