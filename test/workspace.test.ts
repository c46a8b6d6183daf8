/**
 * The two-repo workspace: items of hyperpush-mono are checked in its checkout (found beside the
 * Mesh repo, or through M055_HYPERPUSH_ROOT); without a checkout they are unverified (a failure
 * under strict); a path shown in the wrong repo says which repo has it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTerminal } from '../src/gate/report/terminal.ts';
import { toJsonReport } from '../src/gate/report/json.ts';
import { runGate } from '../src/gate/run.ts';
import type { Diagnostic } from '../src/core/types.ts';
import { provenanceFromGate } from '../src/integrations/provenance.ts';
import { gitCopy, sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { committedSiteCopy, copySite, projectRoot } from './helpers/site-fixture.ts';
import { RESULTS_CHECKOUT, gateConfig, withConfig } from './helpers/gate-config.ts';

const RAILS = 'src/data/rails.yaml';
const PRODUCT_SAMPLE = path.join(projectRoot, 'sample-workspace', 'hyperpush-mono');
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const lineOf = (siteRoot: string, file: string, needle: string) =>
  readFileSync(path.join(siteRoot, file), 'utf8').split('\n').findIndex((line) => line.includes(needle)) + 1;

function siteWithAppended(markdown: string, page = 'src/content/docs/distributed-actors.md') {
  const site = copySite();
  const full = path.join(site, page);
  writeFileSync(full, `${readFileSync(full, 'utf8')}\n${markdown}\n`);
  return { site, page, line: readFileSync(full, 'utf8').split('\n').length - 1 };
}

describe('the product repo found', () => {
  it('beside the Mesh repo: its rail, surface and links are checked there, and reports name both commits', async () => {
    const copy = sampleRepoCopy();
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: copy.root, env: {} }));
    expect(errors(result.diagnostics)).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === 'repo-unverified')).toEqual([]);
    const [main, product] = result.summary.repos;
    expect(main).toMatchObject({ id: 'mesh-lang', root: copy.root, found: true });
    expect(product).toMatchObject({ id: 'hyperpush-mono', root: copy.product!.root, source: 'sibling folder ../hyperpush-mono', found: true });
    expect(product!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(product!.commit).not.toBe(main!.commit);
    expect(result.verifiedRails).toEqual(expect.arrayContaining(['mesher-maintainer', 'm051-s01']));

    const line = formatTerminal(result.diagnostics, result.summary, { color: false }).trim().split('\n').at(-1);
    expect(line).toBe(
      `docs-truth gate: ok, 3 not on the map, 14 not run by CI (${result.summary.commands} commands, ${result.summary.meshReferences} Mesh API references in 7 pages, ${result.summary.rails} rails; repo: explicit root ${copy.root} @ ${main!.commit!.slice(0, 12)}; ` +
        `hyperpush-mono: sibling folder ../hyperpush-mono ${copy.product!.root} @ ${product!.commit!.slice(0, 12)})`,
    );
    const json = toJsonReport(result.diagnostics, result.summary);
    expect(json.repos.map((repo) => [repo.id, repo.commit])).toEqual([
      ['mesh-lang', main!.commit],
      ['hyperpush-mono', product!.commit],
    ]);
    const provenance = provenanceFromGate(result, RESULTS_CHECKOUT)!;
    expect(provenance.otherRepos).toEqual([
      { id: 'hyperpush-mono', label: 'hyperpush-mono checkout beside the Mesh repo', found: true, commit: product!.commit, sourceRef: product!.commit },
    ]);
  });

  it('through M055_HYPERPUSH_ROOT, which wins over the sibling folder', async () => {
    const copy = sampleRepoCopy();
    const elsewhere = gitCopy(PRODUCT_SAMPLE, path.join(mkdtempSync(path.join(tmpdir(), 'product-')), 'checkout'));
    elsewhere.remove('mesher/scripts/verify-maintainer-surface.sh');
    elsewhere.commit();
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: copy.root, env: { M055_HYPERPUSH_ROOT: elsewhere.root } }));
    expect(result.summary.repos[1]).toMatchObject({ root: elsewhere.root, source: 'M055_HYPERPUSH_ROOT', found: true });
    // The rail is checked in the env var's checkout, where its script is gone: same resolver, same position.
    const found = errors(result.diagnostics);
    expect(found.map((d) => d.code)).toContain('script-missing');
    const missing = found.find((d) => d.code === 'script-missing')!;
    expect(missing.position).toMatchObject({ file: RAILS, line: lineOf(projectRoot, RAILS, 'bash mesher/scripts/verify-maintainer-surface.sh') });
    expect(result.verifiedRails).not.toContain('mesher-maintainer');
  });

  it('an env var that points at nothing stops the gate with one clear line', async () => {
    const copy = sampleRepoCopy();
    await expect(runGate(gateConfig({ siteRoot: projectRoot, repoRoot: copy.root, env: { M055_HYPERPUSH_ROOT: '/nonexistent/hyperpush' } }))).rejects.toThrow(
      /^M055_HYPERPUSH_ROOT names a path that does not exist\. Point M055_HYPERPUSH_ROOT at a hyperpush-mono checkout/,
    );
  });
});

describe('the product repo missing', () => {
  it('its items are unverified: counted in one summary line, listed in full in JSON, not a failure', async () => {
    const copy = sampleRepoCopy({ product: false });
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: copy.root, env: {} }));
    expect(errors(result.diagnostics)).toEqual([]);
    const unverified = result.diagnostics.filter((d) => d.code === 'repo-unverified');
    expect(unverified.every((d) => d.severity === 'warning')).toBe(true);
    expect(unverified.map((d) => d.subject)).toEqual(
      expect.arrayContaining([
        'bash mesher/scripts/verify-maintainer-surface.sh',
        'mesher/README.md',
        'https://github.com/hyperpush-org/hyperpush-mono/blob/main/mesher/README.md',
      ]),
    );
    expect(unverified[0]!.suggestion).toContain('M055_HYPERPUSH_ROOT');
    expect(result.verifiedRails).not.toContain('mesher-maintainer');
    expect(result.verifiedRails).toContain('m051-s01');

    // (The sample keeps three verify scripts off the map on purpose: their own folded line.)
    const lines = formatTerminal(result.diagnostics, result.summary, { color: false })
      .trim()
      .split('\n')
      .filter((line) => !line.includes('map-not-listed') && !line.includes('ci-not-run'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^warning repo-unverified: ${unverified.length} unverified: .* \\(.*all listed in the JSON report\\)\\. fix: set M055_HYPERPUSH_ROOT`));
    expect(lines[1]).toMatch(new RegExp(`^docs-truth gate: ok, ${unverified.length} unverified, 3 not on the map, \\d+ not run by CI \\(.*; hyperpush-mono: not found at ${copy.workspace}/hyperpush-mono\\)$`));
    const json = toJsonReport(result.diagnostics, result.summary);
    expect(json.counts).toMatchObject({ errors: 0, aggregated: { unverified: unverified.length } });
    expect(json.diagnostics.filter((d) => d.code === 'repo-unverified')).toHaveLength(unverified.length);
    expect(json.repos[1]).toMatchObject({ id: 'hyperpush-mono', found: false, commit: null });
    expect(provenanceFromGate(result, RESULTS_CHECKOUT)!.otherRepos).toEqual([{ id: 'hyperpush-mono', label: 'hyperpush-mono checkout', found: false }]);
  });

  it('under strict, each unverified item is an error', async () => {
    const copy = sampleRepoCopy({ product: false });
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: copy.root, env: {}, strict: true }));
    const found = errors(result.diagnostics);
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(new Set(found.map((d) => d.code))).toEqual(new Set(['repo-unverified', 'map-not-listed', 'ci-not-run']));
    const unverified = found.filter((d) => d.code === 'repo-unverified').length;
    const summary = formatTerminal(result.diagnostics, result.summary, { color: false }).trim().split('\n').at(-1);
    expect(summary).toMatch(new RegExp(`^docs-truth gate: ${found.length} errors, 0 warnings, ${unverified} unverified, 3 not on the map, \\d+ not run by CI `));
  });
});

describe('a path shown in the wrong repo', () => {
  it('inline in prose: says hyperpush-mono has it and how to mark it; the marked form passes', async () => {
    const { site, page, line } = siteWithAppended('The runbook is `mesher/README.md`.');
    const [finding, ...rest] = errors((await runGate(gateConfig({ siteRoot: site, repoRoot: sampleRepoCopy().root, env: {} }))).diagnostics);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'path-missing', subject: 'mesher/README.md', position: { file: page, line } });
    expect(finding!.message).toMatch(/It is in hyperpush-mono \(repo id hyperpush-mono\)\.$/);
    expect(finding!.suggestion).toBe('write it as `hyperpush-mono/mesher/README.md` so it is checked in hyperpush-mono');

    const marked = siteWithAppended('The runbook is `hyperpush-mono/mesher/README.md`, or [`mesher/README.md`](https://github.com/hyperpush-org/hyperpush-mono/blob/main/mesher/README.md).');
    expect(errors((await runGate(gateConfig({ siteRoot: marked.site, repoRoot: sampleRepoCopy().root, env: {} }))).diagnostics)).toEqual([]);
  });

  it('a command shown in a page that only the product repo has: says so, and to show it through its rail', async () => {
    const { site, page, line } = siteWithAppended('```bash\nbash mesher/scripts/verify-maintainer-surface.sh\n```');
    const [finding, ...rest] = errors((await runGate(gateConfig({ siteRoot: site, repoRoot: sampleRepoCopy().root, env: {} }))).diagnostics);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'script-missing', position: { file: page, line: line - 1 } });
    expect(finding!.message).toMatch(/It is in hyperpush-mono/);
    expect(finding!.suggestion).toBe('show it through a rail declared with `repo: hyperpush-mono` in rails.yaml, cited with :rail{id=...}');
  });

  it('a marked path that is missing in the product repo fails there, with a did-you-mean from that repo', async () => {
    const { site } = siteWithAppended('The runbook is `hyperpush-mono/mesher/READMEE.md`.');
    const [finding, ...rest] = errors((await runGate(gateConfig({ siteRoot: site, repoRoot: sampleRepoCopy().root, env: {} }))).diagnostics);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'path-missing', subject: 'hyperpush-mono/mesher/READMEE.md' });
    expect(finding!.suggestion).toMatch(/mesher\/README\.md/);
  });

  it('a GitHub link into mesh-lang, and a rails.yaml surface and rail without repo:', async () => {
    const site = copySite();
    const yaml = path.join(site, RAILS);
    writeFileSync(
      yaml,
      readFileSync(yaml, 'utf8')
        .replace('  - path: mesher/README.md\n    repo: hyperpush-mono\n', '  - path: mesher/README.md\n')
        .replace('    repo: hyperpush-mono\n    steps:\n      - bash mesher/', '    steps:\n      - bash mesher/'),
    );
    const page = path.join(site, 'src/content/docs/distributed-actors.md');
    writeFileSync(page, `${readFileSync(page, 'utf8')}\nSee [the runbook](https://github.com/hyperpush-org/mesh-lang/blob/main/mesher/README.md).\n`);
    const found = errors((await runGate(gateConfig({ siteRoot: site, repoRoot: sampleRepoCopy().root, env: {} }))).diagnostics);
    // The generated links (surfaces list, "script source") now point into mesh-lang too, on
    // every page that shows them: the same hint each time.
    expect([...new Set(found.map((d) => `${d.code}: ${d.suggestion}`))].sort()).toEqual([
      'link-repo-missing: link to https://github.com/hyperpush-org/hyperpush-mono/blob/main/mesher/README.md',
      'link-repo-missing: link to https://github.com/hyperpush-org/hyperpush-mono/blob/main/mesher/scripts/verify-maintainer-surface.sh',
      'path-missing: add `repo: hyperpush-mono` to this surface in rails.yaml',
      'script-missing: add `repo: hyperpush-mono` to this rail in rails.yaml',
    ]);
    expect(found.every((d) => d.message.includes('It is in hyperpush-mono (repo id hyperpush-mono)'))).toBe(true);
  });
});

describe('cross-repo relations', () => {
  it('the Mesh wrapper runs the product repo\'s rail: read from the script through rootVars, drawn like any relation', async () => {
    const site = committedSiteCopy(); // the bundled sample wherever this site lives
    const result = await runGate(gateConfig({ siteRoot: site, env: {} }));
    const script = readFileSync(path.join(projectRoot, 'sample-workspace/mesh-lang/scripts/verify-m051-s01.sh'), 'utf8');
    const line = script.split('\n').findIndex((text) => text.startsWith('bash "$DELEGATED_VERIFIER"')) + 1;
    const relations = result.relations!.byRail.get('m051-s01')!;
    expect(relations.read).toEqual([{ rail: 'mesher-maintainer', at: { file: 'scripts/verify-m051-s01.sh', line, column: 6 } }]);
    expect(result.relations!.byRail.get('mesher-maintainer')!.runBy).toEqual(['m051-s01']);
    expect(result.model!.railById.get('m051-s01')).toMatchObject({ repo: 'mesh-lang', runs: ['mesher-maintainer'] });
    expect(result.workspace.byId('hyperpush-mono').root).toBe(path.join(site, 'sample-workspace', 'hyperpush-mono'));
    expect(result.diagnostics.filter((d) => d.code.startsWith('relation-') || d.code === 'results-mismatch')).toEqual([]);
  });
});
