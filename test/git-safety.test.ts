/**
 * Git runs so that no program a config names can run: a checked repo's `.git/config` (and a
 * global or system config, and GIT_CONFIG_* variables) may set fsmonitor, hooks, clean/smudge/
 * process filters, textconv and external diff drivers, pagers and credential helpers; each is
 * planted here as a script that leaves a marker file, and a gate run must leave none. The plant
 * is proved live at the end: plain `git status` in the same repo does run them.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readGitState, readGitStateAsync } from '../src/repo/git-state.ts';
import { grepCommit, grepCommitAsync } from '../src/repo/git-grep.ts';
import { runGate } from '../src/gate/run.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';
import { gateConfig } from './helpers/gate-config.ts';

afterAll(removeTempDirs);
afterEach(() => vi.unstubAllEnvs());

const HOOKS = ['post-index-change', 'pre-commit', 'post-checkout', 'reference-transaction', 'pre-auto-gc', 'fsmonitor-watchman'];

function plant() {
  const copy = sampleRepoCopy({ product: false });
  const markers = makeTempDir('mesh-git-markers-');
  const evil = path.join(markers, 'evil.sh');
  // Leaves a marker named after what ran it; a filter must also pass its input through.
  writeFileSync(evil, `#!/bin/sh\ntouch "${markers}/ran-$1"\ncat\n`);
  chmodSync(evil, 0o755);
  const hooks = path.join(markers, 'hooks');
  mkdirSync(hooks);
  for (const hook of HOOKS) {
    writeFileSync(path.join(hooks, hook), `#!/bin/sh\ntouch "${markers}/ran-hook-${hook}"\n`);
    chmodSync(path.join(hooks, hook), 0o755);
  }
  const config = (file: string, entries: Record<string, string>) => {
    for (const [key, value] of Object.entries(entries)) execFileSync('git', ['config', '--file', file, key, value]);
  };
  config(path.join(copy.root, '.git/config'), {
    'core.fsmonitor': `${evil} fsmonitor`,
    'core.hooksPath': hooks,
    'core.pager': `${evil} pager`,
    'pager.status': `${evil} pager-status`,
    'filter.evil.clean': `${evil} clean`,
    'filter.evil.smudge': `${evil} smudge`,
    'filter.evil.process': `${evil} process`,
    'filter.evil.required': 'true',
    'diff.evil.textconv': `${evil} textconv`,
    'diff.evil.command': `${evil} diff-command`,
    'diff.external': `${evil} diff-external`,
    'credential.helper': `!${evil} credential`,
    'core.askPass': `${evil} askpass`,
    'core.sshCommand': `${evil} ssh`,
  });
  // Every file goes through the filter and the diff driver; a tracked file is edited, so
  // `git status` must compare its content (the clean filter) to know it changed.
  writeFileSync(path.join(copy.root, '.gitattributes'), '* filter=evil diff=evil\n');
  const script = path.join(copy.root, 'scripts/verify-m053-s01.sh');
  writeFileSync(script, `${readFileSync(script, 'utf8')}\n# edited after the commit\n`);
  // Same size, new mtime: only its content (through the clean filter) tells git it is unchanged.
  const readme = path.join(copy.root, 'README.md');
  writeFileSync(readme, readFileSync(readme));
  utimesSync(readme, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
  // A global and a system config, and config through the environment, plant the same.
  const home = makeTempDir('mesh-git-home-');
  config(path.join(home, '.gitconfig'), { 'core.fsmonitor': `${evil} global-fsmonitor` });
  const system = path.join(home, 'system-gitconfig');
  config(system, { 'core.fsmonitor': `${evil} system-fsmonitor` });
  vi.stubEnv('HOME', home);
  vi.stubEnv('XDG_CONFIG_HOME', home);
  vi.stubEnv('GIT_CONFIG_SYSTEM', system);
  vi.stubEnv('GIT_CONFIG_COUNT', '1');
  vi.stubEnv('GIT_CONFIG_KEY_0', 'core.fsmonitor');
  vi.stubEnv('GIT_CONFIG_VALUE_0', `${evil} env-fsmonitor`);
  vi.stubEnv('GIT_EXTERNAL_DIFF', `${evil} env-external-diff`);
  vi.stubEnv('GIT_PAGER', `${evil} env-pager`);
  return { copy, markers, ran: () => readdirSync(markers).filter((name) => name.startsWith('ran-')).sort() };
}

describe('git, with every program a config can name planted', () => {
  it('runs none of them through the gate, and still reads the commit and the committed text', async () => {
    const { copy, ran } = plant();
    const state = readGitState(copy.root);
    expect(state?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect([...state!.changedTexts.keys()]).toContain('scripts/verify-m053-s01.sh');
    const asyncState = await readGitStateAsync(copy.root);
    expect(asyncState?.commit).toBe(state!.commit);
    expect(grepCommit(copy.root, state!.commit!, 'ROOT_DIR', ['scripts'])?.size).toBeGreaterThan(0);
    expect((await grepCommitAsync(copy.root, state!.commit!, 'ROOT_DIR', ['scripts']))?.size).toBeGreaterThan(0);
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: copy.root, env: {} }));
    expect(result.summary.repo.commit).toBe(state!.commit);
    expect(ran()).toEqual([]);

    // The plant is live: git as a user runs it (fsmonitor and the clean filter at least).
    try {
      execFileSync('git', ['status', '--porcelain'], { cwd: copy.root, stdio: 'ignore' });
    } catch {
      // the planted filter does not speak git's process protocol: status fails after running it
    }
    expect(ran()).toEqual(['ran-env-fsmonitor', 'ran-process']);
    // Without the environment's config and the process filter, the repo's own fsmonitor and clean filter run.
    const plainEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
    execFileSync('git', ['config', '--unset', 'filter.evil.process'], { cwd: copy.root, env: plainEnv });
    execFileSync('git', ['status', '--porcelain'], { cwd: copy.root, stdio: 'ignore', env: plainEnv });
    expect(ran()).toEqual(expect.arrayContaining(['ran-clean', 'ran-fsmonitor']));
    expect(existsSync(copy.root)).toBe(true);
  }, 60_000);
});

describe('which git runs', () => {
  it('is found in the absolute folders of PATH only: a `git` in the checked repo, named by a relative PATH entry, never runs', async () => {
    const copy = sampleRepoCopy({ product: false });
    const markers = makeTempDir('mesh-git-markers-');
    // A program named git in the repo's own root (and in its scripts/ folder), as a hostile checkout could hold.
    for (const folder of ['', 'scripts']) {
      const fake = path.join(copy.root, folder, 'git');
      writeFileSync(fake, `#!/bin/sh\ntouch "${markers}/ran-fake-git"\nexit 1\n`);
      chmodSync(fake, 0o755);
    }
    const plainPath = process.env['PATH'] ?? '';
    // The OS looks a relative entry up in the child's working folder: the checked repo.
    vi.stubEnv('PATH', `.:scripts:${plainPath}`);
    const proof = execFileSync('sh', ['-c', 'git --version || true'], { cwd: copy.root, encoding: 'utf8', env: { ...process.env } });
    expect(proof).toBe('');
    expect(readdirSync(markers)).toEqual(['ran-fake-git']); // the plant is live for a plain lookup
    const { gitProgram } = await import('../src/repo/git-env.ts');
    expect(path.isAbsolute(gitProgram())).toBe(true);
    const state = readGitState(copy.root);
    expect(state?.commit).toMatch(/^[0-9a-f]{40}$/);
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: copy.root, env: {} }));
    expect(result.summary.repo.commit).toBe(state!.commit);
    expect(readdirSync(markers)).toEqual(['ran-fake-git']);
  }, 60_000);
});
