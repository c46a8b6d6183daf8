/**
 * Reports are renamed only over a regular file or a missing path. A FIFO, a symlink or any
 * other kind of node named as a report (think `--json /dev/null` run as root) is refused with a
 * usage error and left exactly as it was. Tests build such nodes in temp folders only.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBuiltSiteReport } from '../src/built-site/report.ts';
import { parseCheckOptions } from '../src/gate/cli-options.ts';
import { prepareReportFolder, writeJsonAtomically } from '../src/gate/report/report-file.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';
import { CHECK_ARGV } from './helpers/run-check.ts';

afterAll(removeTempDirs);

function fifoIn(dir: string, name: string): string {
  const file = path.join(dir, name);
  const made = spawnSync('mkfifo', [file]);
  if (made.status !== 0) throw new Error('mkfifo failed');
  return file;
}

/** A folder with a FIFO, a symlink to a victim file, and a dangling symlink. */
function hostileTargets() {
  const dir = makeTempDir('mesh-report-targets-');
  const victim = path.join(dir, 'victim.txt');
  writeFileSync(victim, 'keep me');
  const link = path.join(dir, 'link.json');
  symlinkSync(victim, link);
  const dangling = path.join(dir, 'dangling.json');
  symlinkSync(path.join(dir, 'nowhere.json'), dangling);
  return { dir, fifo: fifoIn(dir, 'fifo.json'), link, dangling, victim };
}

const COUNTS = { pages: 1, links: 3, fragments: 0, assets: 0, external: 0, orphans: 0 };

describe('the one atomic report writer', () => {
  it('refuses a FIFO, a symlink and a dangling symlink, leaving each as it was', () => {
    const { fifo, link, dangling, victim } = hostileTargets();
    for (const target of [fifo, link, dangling]) {
      expect(() => writeJsonAtomically(target, { status: 'passed' })).toThrow(/not a regular file/);
      expect(prepareReportFolder(target)).toMatch(/not a regular file/);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(dangling)).toMatch(/nowhere\.json$/);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
  });

  it('still writes over a regular file and into a missing path', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'r.json');
    writeJsonAtomically(file, { a: 1 });
    writeJsonAtomically(file, { a: 2 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 2 });
  });

  it('the built-site report refuses a FIFO too', () => {
    const { dir } = hostileTargets();
    mkdirSync(path.join(dir, 'reports'));
    const fifo = fifoIn(path.join(dir, 'reports'), 'built-site.json');
    expect(() => writeBuiltSiteReport(fifo, [], COUNTS, [])).toThrow(/not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('npm run check --json at something that is not a regular file', () => {
  it('is a usage error for a FIFO or a symlink as --json, and for a FIFO where proof-map.json goes', () => {
    const { dir, fifo, link } = hostileTargets();
    for (const target of [fifo, link]) {
      const parsed = parseCheckOptions(['--json', target], projectRoot, {});
      expect(parsed).toEqual({ ok: false, problem: expect.stringMatching(/^--json \S+ is a (FIFO|symlink), not a regular file.*fix: /) });
    }
    const other = path.join(dir, 'beside');
    mkdirSync(other);
    fifoIn(other, 'proof-map.json');
    const parsed = parseCheckOptions(['--json', path.join(other, 'gate.json')], projectRoot, {});
    expect(parsed).toEqual({ ok: false, problem: expect.stringMatching(/proof-map\.json is a FIFO, not a regular file/) });
  });

  it('exits 2 with one line and leaves the FIFO a FIFO', () => {
    const { fifo } = hostileTargets();
    const result = spawnSync(process.execPath, [...CHECK_ARGV, '--json', fifo], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, MESH_REPO_ROOT: '', M055_HYPERPUSH_ROOT: '' },
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/^docs gate: --json \S+ is a FIFO, not a regular file/);
    expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('npm run build with a report path that is not a regular file', () => {
  it('stops before Astro starts: exit 2, one line, the FIFO left a FIFO', () => {
    const site = copySite();
    cpSync(path.join(projectRoot, 'scripts'), path.join(site, 'scripts'), { recursive: true });
    mkdirSync(path.join(site, 'reports'));
    const fifo = fifoIn(path.join(site, 'reports'), 'built-site.json');
    const result = spawnSync(process.execPath, [path.join(site, 'scripts/astro.ts'), 'build'], { cwd: site, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect((result.stdout + result.stderr).trim().split('\n')).toEqual([expect.stringMatching(/^docs gate: cannot write the built-site report: .*built-site\.json is a FIFO, not a regular file\. fix: /)]);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
