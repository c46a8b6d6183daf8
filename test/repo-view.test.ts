import { mkdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateRepo, RepoLocateError } from '../src/repo/locate-mesh-repo.ts';
import { normaliseLexically, openRepo, prepareRepo, startRepoRead } from '../src/repo/repo-view.ts';
import { commitAll, git, makeTempDir, removeTempDirs, writeFiles } from './helpers/temp-repo.ts';

afterAll(removeTempDirs);

describe('openRepo in a git work tree', () => {
  const root = makeTempDir();
  writeFiles(root, { 'scripts/a.sh': 'echo a\n', 'README.md': '# r\n', 'compiler/meshc/src/main.rs': 'fn main() {}\n' });
  commitAll(root);
  writeFiles(root, { 'scripts/new.sh': 'echo new\n', 'local-only/notes.txt': 'x\n' });
  const repo = openRepo(root, 'explicit');

  it('tells tracked, untracked and missing files apart', () => {
    expect(repo.isGit).toBe(true);
    expect(repo.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(repo.fileStatus('scripts/a.sh')).toBe('tracked');
    expect(repo.fileStatus('./scripts/a.sh')).toBe('tracked');
    expect(repo.fileStatus('scripts/new.sh')).toBe('untracked');
    expect(repo.fileStatus('scripts/none.sh')).toBe('missing');
    expect(repo.files()).toEqual(['README.md', 'compiler/meshc/src/main.rs', 'scripts/a.sh']);
  });

  it('reads only tracked files', () => {
    expect(repo.read('scripts/a.sh')).toBe('echo a\n');
    expect(repo.read('scripts/new.sh')).toBeUndefined();
    expect(repo.read('scripts/none.sh')).toBeUndefined();
  });

  it('knows folders from tracked files, and folders only on disk', () => {
    expect(repo.hasDir('compiler')).toBe(true);
    expect(repo.hasDir('compiler/meshc/src/')).toBe(true);
    expect(repo.hasDir('local-only')).toBe(false);
    expect(repo.dirStatus?.('local-only')).toBe('untracked');
    expect(repo.dirStatus?.('nowhere')).toBe('missing');
    expect(repo.hasDir('compiler/mesh')).toBe(false);
  });

  it('lists paths relative to a root that is a subfolder of the work tree', () => {
    const sub = openRepo(path.join(root, 'compiler'), 'explicit');
    expect(sub.isGit).toBe(true);
    expect(sub.files()).toEqual(['meshc/src/main.rs']);
    expect(sub.fileStatus('meshc/src/main.rs')).toBe('tracked');
    expect(sub.commit).toBe(repo.commit);
  });

  it('reads a folder the enclosing repo ignores from disk (a scratch copy is no checkout)', () => {
    writeFiles(root, { '.gitignore': 'scratch/\n', 'scratch/scripts/x.sh': 'echo x\n' });
    commitAll(root);
    const scratch = openRepo(path.join(root, 'scratch'), 'explicit');
    expect(scratch.isGit).toBe(false);
    expect(scratch.fileStatus('scripts/x.sh')).toBe('tracked');
  });

  it('can ignore git and walk the disk instead', () => {
    const walked = openRepo(root, 'sample', { useGit: false });
    expect(walked.isGit).toBe(false);
    expect(walked.fileStatus('scripts/new.sh')).toBe('tracked');
    expect(walked.files()).not.toContain('.git/HEAD');
  });
});

describe('paths never escape the root', () => {
  const outside = makeTempDir();
  writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
  const root = makeTempDir();
  writeFiles(root, { 'inside.txt': 'in\n', 'docs/page.md': 'p\n' });
  symlinkSync(outside, path.join(root, 'escape'));
  symlinkSync(path.join(root, 'inside.txt'), path.join(root, 'inner-link.txt'));
  commitAll(root);
  const repo = openRepo(root, 'explicit');

  it('rejects absolute, home and .. paths', () => {
    expect(repo.normalise('/etc/passwd')).toBeUndefined();
    expect(repo.normalise('~/x')).toBeUndefined();
    expect(repo.normalise('../x')).toBeUndefined();
    expect(repo.normalise('docs/../../x')).toBeUndefined();
    expect(repo.normalise('../x', 'docs')).toBe('x');
    expect(repo.normalise('x', '<unknown>')).toBeUndefined();
    expect(repo.read('../' + path.basename(outside) + '/secret.txt')).toBeUndefined();
  });

  it('rejects a committed symlink that resolves outside the root', () => {
    expect(repo.files()).toContain('escape');
    expect(repo.normalise('escape/secret.txt')).toBeUndefined();
    expect(repo.normalise('escape')).toBeUndefined();
    expect(repo.fileStatus('escape/secret.txt')).toBe('missing');
    expect(repo.read('escape')).toBeUndefined();
  });

  it('keeps symlinks that stay inside', () => {
    expect(repo.normalise('inner-link.txt')).toBe('inner-link.txt');
    expect(repo.read('inner-link.txt')).toBe('in\n');
  });

  it('normalises lexically to repo-relative POSIX paths', () => {
    expect(normaliseLexically('./a//b/./c/')).toBe('a/b/c');
    expect(normaliseLexically('.', 'website')).toBe('website');
    expect(normaliseLexically('')).toBe('');
    expect(normaliseLexically('C:\\x')).toBeUndefined();
  });
});

describe('openRepo outside git', () => {
  const root = makeTempDir();
  writeFiles(root, {
    'a/b.txt': 'b\n',
    'node_modules/pkg/index.js': 'x\n',
    '.tmp/m053-s01/verify/status.txt': 'ok\n',
    'compiler/target/debug/out': 'bin\n',
  });
  const repo = openRepo(root, 'sample');

  it('counts every file on disk, skipping node_modules, .git, .tmp and target', () => {
    expect(repo.isGit).toBe(false);
    expect(repo.commit).toBeUndefined();
    expect(repo.files()).toEqual(['a/b.txt']);
    expect(repo.fileStatus('a/b.txt')).toBe('tracked');
    expect(repo.fileStatus('.tmp/m053-s01/verify/status.txt')).toBe('untracked');
    expect(repo.fileStatus('a/c.txt')).toBe('missing');
  });

  it('stays fast for a 10k-file repo', () => {
    const big = makeTempDir();
    for (let folder = 0; folder < 100; folder += 1) {
      const dir = path.join(big, `pkg-${folder}`, 'src');
      mkdirSync(dir, { recursive: true });
      for (let file = 0; file < 100; file += 1) writeFileSync(path.join(dir, `f${file}.rs`), '');
    }
    const started = performance.now();
    const bigRepo = openRepo(big, 'explicit');
    let tracked = 0;
    for (let folder = 0; folder < 100; folder += 1) {
      for (let file = 0; file < 100; file += 1) if (bigRepo.fileStatus(`pkg-${folder}/src/f${file}.rs`) === 'tracked') tracked += 1;
      expect(bigRepo.hasDir(`pkg-${folder}`)).toBe(true);
    }
    expect(tracked).toBe(10_000);
    expect(bigRepo.files()).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('locateRepo', () => {
  const meshCargo = '[workspace]\nmembers = ["compiler/mesh-rt", "compiler/meshc"]\n';

  it('uses MESH_REPO_ROOT when set, and fails clearly when it does not exist', () => {
    const root = makeTempDir();
    writeFiles(root, { 'Cargo.toml': meshCargo, 'scripts/verify-x.sh': '' });
    expect(locateRepo({ siteRoot: root, env: { MESH_REPO_ROOT: root } })).toEqual({ root, kind: 'env' });
    expect(() => locateRepo({ siteRoot: root, env: { MESH_REPO_ROOT: path.join(root, 'nope') } })).toThrow(RepoLocateError);
    expect(() => locateRepo({ siteRoot: root, env: { MESH_REPO_ROOT: path.join(root, 'nope') } })).toThrow(/^MESH_REPO_ROOT names a path that does not exist\. Set MESH_REPO_ROOT/);
  });

  it('uses the parent folder when the site sits in a Mesh checkout', () => {
    const checkout = makeTempDir();
    writeFiles(checkout, { 'Cargo.toml': meshCargo, 'scripts/verify-x.sh': '', 'website/package.json': '{}' });
    const siteRoot = path.join(checkout, 'website');
    expect(locateRepo({ siteRoot, env: {} })).toEqual({ root: checkout, kind: 'parent' });
  });

  it('accepts a glob member matching compiler/meshc', () => {
    const checkout = makeTempDir();
    writeFiles(checkout, { 'Cargo.toml': '[workspace]\nmembers = ["compiler/*"]\n', 'scripts/x.sh': '', 'site/package.json': '{}' });
    expect(locateRepo({ siteRoot: path.join(checkout, 'site'), env: {} }).kind).toBe('parent');
  });

  it('falls back to the bundled sample when the parent is not a Mesh checkout', () => {
    const parent = makeTempDir();
    writeFiles(parent, { 'Cargo.toml': '[workspace]\nmembers = ["other"]\n', 'scripts/x.sh': '', 'site/sample-workspace/mesh-lang/Cargo.toml': meshCargo });
    const siteRoot = path.join(parent, 'site');
    expect(locateRepo({ siteRoot, env: {} })).toEqual({ root: path.join(siteRoot, 'sample-workspace', 'mesh-lang'), kind: 'sample' });
    expect(locateRepo({ siteRoot, env: { MESH_REPO_ROOT: '' } }).kind).toBe('sample');
  });

  it('reports when nothing is usable, and prefers an explicit root', () => {
    const lonely = makeTempDir();
    mkdirSync(path.join(lonely, 'site'));
    expect(() => locateRepo({ siteRoot: path.join(lonely, 'site'), env: {} })).toThrow(/Set MESH_REPO_ROOT/);
    expect(() => locateRepo({ siteRoot: path.join(lonely, 'site'), env: {}, explicitRoot: lonely })).toThrow(/not a Mesh checkout/);
    writeFiles(lonely, { 'Cargo.toml': meshCargo, 'scripts/verify-x.sh': '' });
    expect(locateRepo({ siteRoot: path.join(lonely, 'site'), env: { MESH_REPO_ROOT: '/nope' }, explicitRoot: lonely })).toEqual({
      root: lonely,
      kind: 'explicit',
    });
  });
});

describe('prepareRepo: the git state read ahead, side by side', () => {
  it('gives openRepo the same view as reading git there and then', async () => {
    const root = makeTempDir();
    writeFiles(root, { 'scripts/a.sh': 'echo a\n', 'scripts/gone.sh': 'echo gone\n', 'README.md': '# r\n' });
    commitAll(root);
    writeFiles(root, { 'scripts/a.sh': 'echo edited\n', 'scripts/staged.sh': 'echo s\n', 'notes.txt': 'x\n' });
    git(root, ['add', 'scripts/staged.sh']);
    rmSync(path.join(root, 'scripts/gone.sh'));
    const now = openRepo(root, 'explicit');
    await prepareRepo(root);
    const ahead = openRepo(root, 'explicit');
    for (const file of ['scripts/a.sh', 'scripts/gone.sh', 'scripts/staged.sh', 'notes.txt', 'README.md', 'none.md']) {
      expect(ahead.fileStatus(file), file).toBe(now.fileStatus(file));
      expect(ahead.read(file), file).toBe(now.read(file));
    }
    expect(ahead.read('scripts/a.sh')).toBe('echo a\n'); // the committed text, not the edit
    expect(ahead.fileStatus('scripts/staged.sh')).toBe('staged');
    expect([ahead.commit, ahead.files()]).toEqual([now.commit, now.files()]);
    // Taken once: the next openRepo reads git anew (a later run must see later commits).
    writeFiles(root, { 'scripts/late.sh': 'echo late\n' });
    commitAll(root);
    expect(openRepo(root, 'explicit').fileStatus('scripts/late.sh')).toBe('tracked');
  });

  it('a read started ahead is taken by the next prepareRepo there, once; the one after reads git again', async () => {
    const root = makeTempDir();
    writeFiles(root, { 'scripts/a.sh': 'echo a\n' });
    commitAll(root);
    // npm run check starts the read before the gate loads; the gate's own call then takes it,
    // whatever was committed meanwhile (here after the read had ended).
    await startRepoRead(root);
    writeFiles(root, { 'scripts/late.sh': 'echo late\n' });
    commitAll(root);
    await prepareRepo(path.join(root, '.'));
    expect(openRepo(root, 'explicit').fileStatus('scripts/late.sh')).toBe('untracked');
    // Taken once: the build's and the dev server's later runs read git when they run.
    await prepareRepo(root);
    expect(openRepo(root, 'explicit').fileStatus('scripts/late.sh')).toBe('tracked');
  });

  it('reads changes under a subfolder root the same ahead and there and then (paths with spaces too)', async () => {
    const root = makeTempDir();
    writeFiles(root, { 'site/docs/a page.md': 'old\n', 'site/keep.md': 'k\n', 'other/x.md': 'x\n' });
    commitAll(root);
    writeFiles(root, { 'site/docs/a page.md': 'new\n', 'site/fresh.md': 'f\n', 'other/x.md': 'edited\n' });
    git(root, ['add', 'site/fresh.md', 'other/x.md']);
    const site = path.join(root, 'site');
    const now = openRepo(site, 'explicit');
    await prepareRepo(site);
    const ahead = openRepo(site, 'explicit');
    for (const repo of [now, ahead]) {
      expect(repo.read('docs/a page.md')).toBe('old\n');
      expect(repo.fileStatus('fresh.md')).toBe('staged');
      expect(repo.files()).toEqual(['docs/a page.md', 'keep.md']);
    }
  });

  it('sees staged files in a repo without commits yet', async () => {
    const root = makeTempDir();
    writeFiles(root, { 'scripts/first.sh': 'echo 1\n' });
    git(root, ['init', '-q']);
    git(root, ['add', 'scripts/first.sh']);
    await prepareRepo(root);
    for (const repo of [openRepo(root, 'explicit'), openRepo(root, 'explicit')]) {
      expect(repo.isGit).toBe(true);
      expect(repo.commit).toBeUndefined();
      expect(repo.fileStatus('scripts/first.sh')).toBe('staged');
    }
  });

  it('never writes to the checkout: the index stays as it was', async () => {
    const root = makeTempDir();
    writeFiles(root, { 'a.md': 'a\n' });
    commitAll(root);
    // Same text, new time: a refreshing `git status` would rewrite the index.
    utimesSync(path.join(root, 'a.md'), new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    const index = path.join(root, '.git/index');
    const before = statSync(index).mtimeMs;
    openRepo(root, 'explicit');
    await prepareRepo(root);
    openRepo(root, 'explicit');
    expect(statSync(index).mtimeMs).toBe(before);
  });

  it('leaves a folder outside git to openRepo, which walks the disk', async () => {
    const root = makeTempDir();
    writeFiles(root, { 'scripts/a.sh': 'echo a\n' });
    await prepareRepo(root);
    const repo = openRepo(root, 'explicit');
    expect(repo.isGit).toBe(false);
    expect(repo.fileStatus('scripts/a.sh')).toBe('tracked');
  });
});
