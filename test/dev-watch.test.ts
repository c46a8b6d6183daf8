/**
 * Dev re-checks on every kind of file event: a save, and a delete then re-create (as
 * `git checkout` and some editors replace rails.yaml); and a re-sync after a verifier writes new
 * results, once per burst. Driven with a fake watcher and fake timers.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollResults, watchGateInputs } from '../src/integrations/dev-watch.ts';

const yamlPath = '/site/src/data/rails.yaml';
const docsDir = '/site/src/content/docs';

function setUp() {
  const watcher = Object.assign(new EventEmitter(), { added: [] as string[], add(paths: string | readonly string[]) { this.added.push(...[paths].flat()); } });
  const recheck = vi.fn(async () => {});
  const refreshContent = vi.fn(async () => {});
  watchGateInputs(watcher, { yamlPath, docsDir, recheck, refreshContent });
  return { watcher, recheck, refreshContent };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('dev re-checks', () => {
  it('watches the YAML and its folder, so a re-created file stays watched', () => {
    expect(setUp().watcher.added).toEqual([yamlPath, '/site/src/data']);
  });

  it.each(['unlink', 'add', 'change'])('a YAML %s re-syncs content and re-checks once the burst settles', async (event) => {
    const { watcher, recheck, refreshContent } = setUp();
    watcher.emit(event, yamlPath);
    await vi.advanceTimersByTimeAsync(100);
    watcher.emit(event, yamlPath);
    expect(refreshContent).not.toHaveBeenCalled(); // a half-written file is never synced
    expect(recheck).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(refreshContent).toHaveBeenCalledTimes(1);
    expect(recheck).toHaveBeenCalledTimes(1);
  });

  it('a page deleted or added re-checks without a re-sync; other files are ignored', async () => {
    const { watcher, recheck, refreshContent } = setUp();
    watcher.emit('unlink', `${docsDir}/guide.md`);
    watcher.emit('add', `${docsDir}/nested/new.mdx`);
    watcher.emit('change', '/site/src/styles/x.css');
    await vi.advanceTimersByTimeAsync(250);
    expect(recheck).toHaveBeenCalledTimes(1);
    expect(refreshContent).not.toHaveBeenCalled();
  });
});

describe('dev re-sync on new verifier results', () => {
  /** A results digest the test moves, and a refresh that takes `syncMs` like a content sync. */
  function setUpPoll(syncMs = 0) {
    let digest = 'none';
    let running = 0;
    let overlapped = false;
    const refreshContent = vi.fn(async () => {
      overlapped ||= running > 0;
      running++;
      await new Promise((resolve) => setTimeout(resolve, syncMs));
      running--;
    });
    const stop = pollResults({ digest: () => digest, refreshContent, intervalMs: 1000 });
    return { set: (value: string) => (digest = value), refreshContent, stop, overlapped: () => overlapped };
  }

  it('refreshes once a verifier has written its files, not once per file', async () => {
    const { set, refreshContent, stop } = setUpPoll();
    set('status');
    await vi.advanceTimersByTimeAsync(1000);
    set('status+phase'); // written between two polls, as a verifier writes them
    await vi.advanceTimersByTimeAsync(1000);
    expect(refreshContent).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000); // unchanged for a poll: refreshed once
    expect(refreshContent).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(refreshContent).toHaveBeenCalledTimes(1);
    stop();
  });

  it('never starts a refresh while one runs, and refreshes a change made meanwhile after it', async () => {
    const { set, refreshContent, stop, overlapped } = setUpPoll(2500);
    set('first');
    await vi.advanceTimersByTimeAsync(2000);
    expect(refreshContent).toHaveBeenCalledTimes(1);
    set('second'); // while the first sync runs
    await vi.advanceTimersByTimeAsync(2000);
    expect(refreshContent).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(4000);
    expect(refreshContent).toHaveBeenCalledTimes(2);
    expect(overlapped()).toBe(false);
    stop();
    set('third');
    await vi.advanceTimersByTimeAsync(5000);
    expect(refreshContent).toHaveBeenCalledTimes(2); // stopped: no more polls
  });
});
