/**
 * The gate's git calls go through one small shell (src/repo/git-launcher.ts). Each call must
 * get the answer it gets when Node starts git itself, whatever the folder or an argument holds
 * (quotes, `$(…)`, backticks, newlines: a repo names its folders and its config's filter
 * drivers), and a shell that is missing or stops at once must change nothing but the speed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gitLauncher, runGitDirectly, type GitCall } from '../src/repo/git-launcher.ts';
import { readGitState, readGitStateAsync } from '../src/repo/git-state.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { commitAll, makeTempDir, removeTempDirs, writeFiles } from './helpers/temp-repo.ts';

afterAll(() => {
  removeTempDirs();
  delete process.env['MESH_LAUNCHER_MARKER'];
});

/** A committed repo in a folder whose name is shell syntax; `marker` appears if any of it runs. */
function hostileRepo() {
  const markers = makeTempDir('mesh-launcher-markers-');
  const marker = path.join(markers, 'ran');
  // A folder name holds no slash: the marker's path comes from the environment, which every
  // git and shell the launcher starts inherits.
  process.env['MESH_LAUNCHER_MARKER'] = marker;
  const parent = makeTempDir('mesh-launcher-');
  const root = path.join(parent, `it's $(touch "$MESH_LAUNCHER_MARKER") \`touch "$MESH_LAUNCHER_MARKER"\` "a dir"\nline two`);
  mkdirSync(root);
  writeFiles(root, { 'README.md': '# hi\n', 'scripts/verify.sh': 'echo ok\n' });
  commitAll(root);
  writeFileSync(path.join(root, 'README.md'), '# edited\n');
  return { root, marker };
}

const hostileWords = (marker: string) => [`'; touch ${marker}; '`, `$(touch ${marker})`, `\`touch ${marker}\``, `a\nb`, `"$HOME"`, `\\'`, ''];

function callsIn(root: string, marker: string): GitCall[] {
  return [
    { args: ['rev-parse', '--is-inside-work-tree', '--show-prefix', 'HEAD'], cwd: root },
    { args: ['ls-tree', '-r', '-z', '--name-only', 'HEAD'], cwd: root },
    { args: ['cat-file', '--batch'], input: 'HEAD:README.md\nHEAD:missing\n', cwd: root },
    // git prints its arguments back, quoted: each word must arrive as it was given.
    { args: ['rev-parse', '--sq-quote', ...hostileWords(marker)], cwd: root },
    { args: ['rev-parse', '--verify', '--quiet', 'no-such-ref'], cwd: root }, // fails: undefined
    { args: ['status'], cwd: path.join(root, 'not-there') }, // no folder: undefined
    // `git grep` exits 1 when nothing matched: an empty answer where the call says so.
    { args: ['grep', '-e', 'no such text anywhere', 'HEAD'], cwd: root, answeredBy: [0, 1] },
    { args: ['grep', '-e', 'no such text anywhere', 'HEAD'], cwd: root },
  ];
}

async function answers(calls: readonly GitCall[], run: (call: GitCall) => Promise<Buffer | undefined>) {
  return (await Promise.all(calls.map(run))).map((answer) => answer?.toString('utf8'));
}

describe('git calls through the launcher', () => {
  it('answer as git started from Node does, and no part of a folder or argument runs', async () => {
    const { root, marker } = hostileRepo();
    const calls = callsIn(root, marker);
    const direct = await answers(calls, (call) => runGitDirectly(call));
    const launcher = gitLauncher();
    const launched = await answers(calls, (call) => launcher.run(call));
    launcher.release();
    expect(launched).toEqual(direct);
    expect(launched[0]).toMatch(/^true\n/);
    expect(launched[2]).toContain('# hi');
    expect(launched[3]).toContain(`'\\''; touch`); // the quote came back as a quote
    expect(launched.slice(4)).toEqual([undefined, undefined, '', undefined]);
    expect(existsSync(marker)).toBe(false);
  });

  it("read a repo whose filter drivers are named with shell syntax as git started from Node does", async () => {
    const { root, marker } = hostileRepo();
    const name = `q'$(touch ${marker})\`touch ${marker}\`'`;
    execFileSync('git', ['config', `filter.${name}.clean`, `touch ${marker}`], { cwd: root });
    writeFileSync(path.join(root, '.gitattributes'), `*.md filter=${name.replace(/[\s]/g, '')}\n`);
    const state = await readGitStateAsync(root);
    expect(state).toEqual(readGitState(root));
    expect(state?.changedTexts.get('README.md')).toBe('# hi\n');
    expect(existsSync(marker)).toBe(false);
  });

  it('share one shell between users at the same time, stop it after the last, and leave no folder', async () => {
    const { root, marker } = hostileRepo();
    const log = path.join(makeTempDir('mesh-launcher-log-'), 'shell.log');
    // A shell that notes where it starts (the launcher's folder) and when it ends.
    const shell = path.join(path.dirname(log), 'logging-sh');
    writeFileSync(shell, `#!/bin/sh\necho "start $PWD" >> '${log}'\n/bin/sh\necho end >> '${log}'\n`);
    chmodSync(shell, 0o755);
    const first = gitLauncher(shell);
    const second = gitLauncher(shell);
    const calls = callsIn(root, marker);
    await Promise.all([answers(calls, (call) => first.run(call)), answers(calls, (call) => second.run(call))]);
    first.release();
    second.release();
    await expect.poll(() => readFileSync(log, 'utf8').split('\n').filter(Boolean).length, { timeout: 30_000 }).toBe(2);
    const [start, end] = readFileSync(log, 'utf8').split('\n');
    expect(start).toMatch(/^start .*mesh-docs-git-/);
    expect(end).toBe('end');
    expect(existsSync(start!.slice('start '.length))).toBe(false);
    // A later user starts a shell of its own.
    const third = gitLauncher(shell);
    await answers(calls.slice(0, 1), (call) => third.run(call));
    third.release();
    await expect.poll(() => readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('start')).length, { timeout: 30_000 }).toBe(2);
  });

  it('leave no folder behind when the process exits with the shell still open', async () => {
    const log = path.join(makeTempDir('mesh-launcher-log-'), 'shell.log');
    const shell = path.join(path.dirname(log), 'logging-sh');
    writeFileSync(shell, `#!/bin/sh\necho "start $PWD" >> '${log}'\nexec /bin/sh\n`);
    chmodSync(shell, 0o755);
    const launcher = pathToFileURL(path.join(projectRoot, 'src/repo/git-launcher.ts')).href;
    // A call answered, then an exit without release (what an uncaught error does).
    const script = `import { gitLauncher } from ${JSON.stringify(launcher)};
const answer = await gitLauncher(${JSON.stringify(shell)}).run({ args: ['--version'], cwd: process.cwd() });
process.stdout.write(String(answer));
process.exit(3);`;
    const run = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/^git version /);
    expect(run.status).toBe(3);
    const folder = readFileSync(log, 'utf8').trim().slice('start '.length);
    expect(folder).toMatch(/mesh-docs-git-/);
    expect(existsSync(folder)).toBe(false);
  });

  it.each([
    ['missing', '/no/such/shell'],
    ['that stops at once', '/bin/false'],
  ])('give the same answers with a shell %s', async (_label, shell) => {
    const { root, marker } = hostileRepo();
    const calls = callsIn(root, marker);
    const direct = await answers(calls, (call) => runGitDirectly(call));
    const launcher = gitLauncher(shell);
    const launched = await answers(calls, (call) => launcher.run(call));
    launcher.release();
    expect(launched).toEqual(direct);
    expect(existsSync(marker)).toBe(false);
  });
});
