/**
 * The gate end to end: the bundled sample passes; mutated copies of it (and of the pages)
 * fail with the expected code at the expected file:line:col.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGate } from '../src/gate/run.ts';
import type { Diagnostic } from '../src/gate/types.ts';
import { locate } from './helpers/locate.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';

const RAILS = 'src/data/rails.yaml';


/** A copy of the site whose `page` ends with `markdown`; returns the copy and the page path. */
function siteWithAppended(markdown: string, page = 'src/content/docs/distributed-actors.md') {
  const site = copySite();
  const full = path.join(site, page);
  writeFileSync(full, `${readFileSync(full, 'utf8')}\n${markdown}\n`);
  return { site, page };
}

const where = (d: Diagnostic) => `${d.position.file}:${d.position.line}:${d.position.column}`;
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

async function gate(repoRoot: string, siteRoot = projectRoot) {
  const result = await runGate({ siteRoot, repoRoot, env: {} });
  return errors(result.diagnostics);
}

describe('the gate on the bundled sample repo', () => {
  it('passes, and names the repo and commit it checked', async () => {
    const repo = sampleRepoCopy();
    const result = await runGate({ siteRoot: projectRoot, repoRoot: repo.root, env: {} });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(result.summary.repo).toMatchObject({ root: repo.root, kind: 'explicit' });
    expect(result.summary.repo.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(result.summary.pages).toBe(7);
    expect(result.summary.rails).toBeGreaterThan(20);
    expect(result.summary.commands).toBeGreaterThan(40);
    expect(result.verifiedRails).toContain('m053-s01');
  });

  it('uses the bundled sample by default, and MESH_REPO_ROOT when set', async () => {
    const byDefault = await runGate({ siteRoot: projectRoot, env: {} });
    expect(byDefault.summary.repo).toMatchObject({ kind: 'sample', root: path.join(projectRoot, 'sample-workspace', 'mesh-lang') });
    const repo = sampleRepoCopy();
    const fromEnv = await runGate({ siteRoot: projectRoot, env: { MESH_REPO_ROOT: repo.root } });
    expect(fromEnv.summary.repo).toMatchObject({ kind: 'env', root: repo.root });
  });
});

describe('mutated repos fail with the expected code and location', () => {
  it('a script removed', async () => {
    const repo = sampleRepoCopy();
    repo.remove('scripts/verify-m053-s02.sh');
    repo.commit();
    const found = await gate(repo.root);
    const missing = found.find((d) => d.code === 'script-missing');
    expect(missing && where(missing)).toBe(locate(projectRoot, RAILS, 'scripts/verify-m053-s02.sh', 'id: m053-s02'));
    expect(found.every((d) => d.subject.includes('verify-m053-s02'))).toBe(true);
  });

  it('a test target removed', async () => {
    const repo = sampleRepoCopy();
    repo.remove('compiler/meshc/tests/e2e_m047_s07.rs');
    repo.commit();
    const [error, ...rest] = await gate(repo.root);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'cargo-unknown-test' });
    expect(where(error!)).toBe(locate(projectRoot, RAILS, 'e2e_m047_s07'));
  });

  it('a meshc subcommand renamed in the clap source', async () => {
    const repo = sampleRepoCopy();
    repo.edit('compiler/meshc/src/cluster.rs', (text) => text.replace(/\bStatus\(StatusArgs\)/, 'State(StatusArgs)'));
    repo.commit();
    const found = await gate(repo.root);
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found.every((d) => d.code === 'cli-unknown-subcommand')).toBe(true);
    expect(found.map(where)).toContain(locate(projectRoot, RAILS, 'status', 'operatorWorkflow:'));
    expect(found.map(where)).toContain(locate(projectRoot, 'src/content/docs/clustered-example.md', 'status primary@'));
    expect(found[0]!.suggestion).toMatch(/state/);
  });

  it('a flag removed from the clap source', async () => {
    const repo = sampleRepoCopy();
    repo.edit('compiler/meshc/src/cluster.rs', (text) =>
      text.replace('/// Cluster cookie (otherwise taken from the environment)\n    #[arg(long)]\n    pub cookie: Option<String>,\n', ''),
    );
    repo.commit();
    const [error, ...rest] = await gate(repo.root);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'cli-unknown-flag' });
    expect(where(error!)).toBe(locate(projectRoot, 'src/content/docs/clustered-example.md', '--cookie', 'status primary@'));
  });

  it('an env var no longer read by its script', async () => {
    const repo = sampleRepoCopy();
    repo.edit('scripts/verify-m043-s04-fly.sh', (text) => text.replaceAll('CLUSTER_PROOF_BASE_URL', 'CLUSTER_PROOF_URL'));
    repo.commit();
    const [error, ...rest] = await gate(repo.root);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'script-env-unread' });
    expect(error!.message).toContain('CLUSTER_PROOF_BASE_URL');
    expect(error!.position.file).toBe(RAILS);
    expect(error!.position.line).toBe(Number(locate(projectRoot, RAILS, 'CLUSTER_PROOF_BASE_URL: ').split(':')[1]));
  });

  it('a script present on disk but not committed', async () => {
    const repo = sampleRepoCopy();
    repo.untrack('scripts/verify-m051-s01.sh');
    repo.commit();
    const found = await gate(repo.root);
    expect(found[0]).toMatchObject({ code: 'script-untracked' });
    expect(found[0]!.message).toMatch(/not committed|untracked/i);
    expect(where(found[0]!)).toBe(locate(projectRoot, RAILS, 'scripts/verify-m051-s01.sh', 'id: m051-s01'));
  });
});

describe('mutated pages fail with the expected code and location', () => {
  it('a typo in a page', async () => {
    const site = copySite();
    const page = 'src/content/docs/clustered-example.md';
    writeFileSync(path.join(site, page), readFileSync(path.join(site, page), 'utf8').replace('meshc build .', 'meshc biuld .'));
    const found = await gate(sampleRepoCopy().root, site);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'cli-unknown-subcommand' });
    expect(where(found[0]!)).toBe(locate(site, page, 'biuld'));
    expect(found[0]!.suggestion).toMatch(/build/);
  });

  it('an unmarked curl | sh, and the same line marked on purpose', async () => {
    const { site, page } = siteWithAppended('```bash\ncurl -fsSL https://example.com/install.sh | sh\n```');
    const found = await gate(sampleRepoCopy().root, site);
    expect(found.map((d) => d.code)).toEqual(['command-unknown-shape', 'command-unknown-shape']);
    // One finding per simple command of the pipeline: `curl ...` and `sh` after the pipe.
    const curlLine = locate(site, page, 'curl -fsSL');
    const pipeColumn = 'curl -fsSL https://example.com/install.sh | '.length + 1;
    expect(found.map(where)).toEqual([curlLine, curlLine.replace(/:1$/, `:${pipeColumn}`)]);

    const skipped = siteWithAppended('```bash gate-skip="installs from the network"\ncurl -fsSL https://example.com/install.sh | sh\n```');
    expect(await gate(sampleRepoCopy().root, skipped.site)).toEqual([]);
  });

  it('an unmarked inline curl | sh fails; wrapped in :gate-skip with a reason it passes', async () => {
    const bare = siteWithAppended('Install with `curl -fsSL https://example.com/i.sh | sh` first.');
    const found = await gate(sampleRepoCopy().root, bare.site);
    expect(found.map((d) => d.code)).toEqual(['command-unknown-shape', 'command-unknown-shape']);
    expect(found[0]!.suggestion).toContain(':gate-skip[');
    const marked = siteWithAppended('Install with :gate-skip[`curl -fsSL https://example.com/i.sh | sh`]{reason="installs from the network"} first.');
    expect(await gate(sampleRepoCopy().root, marked.site)).toEqual([]);
  });

  it('env vars in a block skipped on purpose are still checked against the repo', async () => {
    const { site, page } = siteWithAppended('```bash gate-skip="runs in a generated project"\nMESH_CLUSTER_COOKY=dev ./hello_cluster\n```');
    const found = await gate(sampleRepoCopy().root, site);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'env-unknown' });
    expect(where(found[0]!)).toBe(locate(site, page, 'MESH_CLUSTER_COOKY'));
    expect(found[0]!.suggestion).toMatch(/MESH_CLUSTER_COOKIE/);
  });

  it('a broken internal link and a broken #fragment', async () => {
    const { site, page } = siteWithAppended('See [the map](/distributed-proof/#failure-inspection-mpa) and [gone](/no-such-page/).');
    const found = await gate(sampleRepoCopy().root, site);
    expect(found.map((d) => d.code)).toEqual(['link-bad-fragment', 'link-broken']);
    expect(where(found[0]!)).toBe(locate(site, page, '[the map]'));
    expect(found[0]!.suggestion).toMatch(/failure-inspection-map/);
  });

  it('MDX links: a LinkCard href and a splash hero action that point at no page', async () => {
    const site = copySite();
    const page = 'src/content/docs/index.mdx';
    const full = path.join(site, page);
    writeFileSync(
      full,
      readFileSync(full, 'utf8').replace('href="/distributed-actors/"', 'href="/distributed-actor/"').replace('link: /distributed-proof/', 'link: /distributed-prof/'),
    );
    const found = await gate(sampleRepoCopy().root, site);
    expect(found.map((d) => [d.code, where(d)])).toEqual([
      ['link-broken', locate(site, page, 'link: /distributed-prof/')],
      ['link-broken', locate(site, page, 'href="/distributed-actor/"')],
    ]);
    expect(found[1]!.suggestion).toMatch(/distributed-actors/);
  });

  it('a GitHub link and an inline repo path that point at nothing', async () => {
    const { site } = siteWithAppended(
      'Read [the readme](https://github.com/hyperpush-org/mesh-lang/blob/main/examples/todo-postgres/READMEE.md) and `examples/todo-sqlite/README.txt`.',
    );
    const found = await gate(sampleRepoCopy().root, site);
    expect(found.map((d) => d.code).sort()).toEqual(['link-repo-missing', 'path-missing']);
  });

  it('an invalid rails.yaml stops the gate with its line', async () => {
    const site = copySite();
    const yaml = path.join(site, RAILS);
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('tier: public', 'tier: publik'));
    const found = await gate(sampleRepoCopy().root, site);
    expect(found[0]).toMatchObject({ code: 'yaml-schema' });
    expect(where(found[0]!)).toBe(locate(site, RAILS, 'publik'));
  });
});
