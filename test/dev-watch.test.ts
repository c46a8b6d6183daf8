/**
 * Dev re-checks on every kind of file event: a save, and a delete then re-create (as
 * `git checkout` and some editors replace rails.yaml). Driven with a fake watcher and fake timers.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchGateInputs } from '../src/integrations/dev-watch.ts';

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
