/** `npm run check`: the gate alone, its exit code, its report lines and its JSON report. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { strictFromEnv } from '../src/core/aggregate.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';
import { CHECK_ARGV, runCheck } from './helpers/run-check.ts';

const check = (...args: string[]) => runCheck(args);

describe('npm run check', () => {
  it('passes on the site, names the repo and commit, and writes the JSON report', () => {
    const repo = sampleRepoCopy();
    const json = path.join(repo.root, 'report.json');
    const { code, out } = check('--repo', repo.root, '--json', json);
    // The sample keeps three verify scripts off the map on purpose: counted under their word, still ok.
    expect(out).toMatch(new RegExp(`^docs-truth gate: ok, 3 not on the map, 14 not run by CI \\(\\d+ commands, \\d+ Mesh API references in 7 pages, \\d+ rails; repo: explicit root ${repo.root} @ [0-9a-f]{12}; hyperpush-mono: sibling folder \\.\\./hyperpush-mono ${repo.product!.root} @ [0-9a-f]{12}\\)$`, 'm'));
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ version: 1, repo: { root: repo.root, kind: 'explicit' }, counts: { errors: 0 } });
  });

  it('fails with one file:line:col line per finding and a JSON entry for each', () => {
    const repo = sampleRepoCopy();
    repo.remove('scripts/verify-m047-s04.sh');
    repo.commit();
    const json = path.join(repo.root, 'report.json');
    const { code, out } = check('--repo', repo.root, '--json', json);
    expect(code).toBe(1);
    const findings = out.split('\n').filter((line) => / error /.test(line));
    expect(findings.length).toBeGreaterThan(0);
    for (const line of findings) expect(line).toMatch(/^src\/(data\/rails\.yaml|content\/docs\/[\w/-]+\.mdx?):\d+:\d+ error [a-z-]+ /);
    expect(out).not.toMatch(/^\s+at /m);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toHaveLength(findings.length);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'script-missing', file: 'src/data/rails.yaml', title: expect.any(String) }));
  });

  it('without the product repo: passes with its items counted as unverified; --strict fails on them', () => {
    const repo = sampleRepoCopy({ product: false });
    const json = path.join(repo.root, 'report.json');
    const lenient = check('--repo', repo.root, '--json', json);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toMatch(/^docs-truth gate: ok, (\d+) unverified, 3 not on the map, \d+ not run by CI \(.*hyperpush-mono: not found at /m);
    const count = Number(/ok, (\d+) unverified/.exec(lenient.out)![1]);
    expect(JSON.parse(readFileSync(json, 'utf8')).diagnostics.filter((d: { code: string }) => d.code === 'repo-unverified')).toHaveLength(count);
    const strict = check('--repo', repo.root, '--json', json, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(new RegExp(`^error repo-unverified: ${count} unverified: `, 'm'));
    expect(strictFromEnv({ DOCS_GATE_STRICT: '1' })).toBe(true);
    expect(strictFromEnv({ DOCS_GATE_STRICT: '' })).toBe(false);
  });

  it('says what is wrong with a missing MESH_REPO_ROOT or bad arguments, without a stack trace', () => {
    const missing = runCheck([], { env: { MESH_REPO_ROOT: '/nonexistent/mesh' } });
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/MESH_REPO_ROOT names a path that does not exist/);
    expect(missing.out).not.toContain('/nonexistent/mesh'); // an env value is never echoed
    expect(missing.out).not.toMatch(/^\s+at /m);
    const bad = check('--nope');
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('usage: npm run check');
    expect(existsSync(path.join(projectRoot, 'scripts/check.ts'))).toBe(true);
  });

  it('--strict fails on warnings; --rail prints a chain and fails for an unknown rail', () => {
    const repo = sampleRepoCopy();
    const json = path.join(repo.root, 'reports/report.json');
    const strict = check('--repo', repo.root, '--json', json, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/^error map-not-listed: 3 not on the map: `scripts\/verify-m048-s01\.sh`, /m);
    const chain = check('--repo', repo.root, '--json', json, '--rail', 'm053-s02');
    expect(chain.code).toBe(0);
    expect(chain.out).toContain('m053-s02 — Starter failover (public): bash scripts/verify-m053-s02.sh\n  last result: not run here\n');
    expect(chain.out).toContain("\n  CI: .github/workflows/release.yml#starter-failover-proof [if: startsWith(github.ref, 'refs/tags/v')] -> .github/workflows/starter-failover-proof.yml#failover at .github/workflows/starter-failover-proof.yml:41 (shell bash): tags v*\n");
    expect(chain.out).toContain('\n  runs m053-s01: not run here\n  run by: no other rail');
    expect(existsSync(path.join(repo.root, 'reports/proof-map.json'))).toBe(true);
    const unknown = check('--repo', repo.root, '--json', json, '--rail', 'm053-s09');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('No rail "m053-s09" in rails.yaml');
  });

  it('hands every line of a long report to a reader slow to take it, then exits with its code', async () => {
    // The check exits as soon as its output is written (scripts/check.ts); over a pipe whose
    // reader lags, most of 1,500 lines wait in Node's buffer, and exiting then would drop them.
    const site = copySite();
    const commands = Array.from({ length: 1500 }, (_, index) => `meshc biuld${index} .`);
    writeFileSync(path.join(site, 'src/content/docs/long.md'), `# Long\n\n\`\`\`bash\n${commands.join('\n')}\n\`\`\`\n`);
    const json = path.join(site, 'long.json');
    const child = spawn(process.execPath, [...CHECK_ARGV, '--docs', path.join(site, 'src/content/docs'), '--rails', path.join(site, 'src/data/rails.yaml'), '--json', json], {
      cwd: projectRoot,
      env: { ...process.env, NO_COLOR: '1', MESH_REPO_ROOT: '', M055_HYPERPUSH_ROOT: '', DOCS_GATE_STRICT: '' },
    });
    child.stdout.pause();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The report is written after the lines are printed: once it is, every line is in the pipe or queued.
    const finished = () => {
      try {
        return JSON.parse(readFileSync(json, 'utf8')).status === 'failed';
      } catch {
        return false;
      }
    };
    await vi.waitFor(() => expect(finished()).toBe(true), { timeout: 120_000, interval: 100 });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stdout.resume();
    expect(await exited).toBe(1);
    expect(out.length).toBeGreaterThan(200_000);
    expect(out.split('\n').filter((line) => / error cli-unknown-subcommand /.test(line))).toHaveLength(1500);
    expect(out).toMatch(/^docs-truth gate: 1500 errors/m);
  });
});
