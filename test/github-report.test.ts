/**
 * In GitHub Actions the gate also prints one workflow command per finding (relative to the
 * repository root, escaped per GitHub's rules) and writes a Markdown step summary. Tested with
 * a fake environment.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGateAndReport } from '../src/gate/cli.ts';
import { escapeData, escapeMarkdown, escapeProperty, formatAnnotations, repoPathPrefix } from '../src/gate/report/github.ts';
import type { GateSummary } from '../src/core/summary.ts';
import { finding } from './helpers/diagnostic.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';
import { withConfig } from './helpers/gate-config.ts';

afterAll(removeTempDirs);

async function runInActions(env: Record<string, string>) {
  const repo = sampleRepoCopy();
  repo.remove('scripts/verify-m053-s02.sh');
  repo.commit();
  const printed: string[] = [];
  const annotations: string[] = [];
  await runGateAndReport(withConfig({ siteRoot: projectRoot, repoRoot: repo.root, env, print: (l) => printed.push(l), annotate: (l) => annotations.push(l) }));
  return { printed, annotations };
}

describe('GitHub Actions annotations', () => {
  it('prints ::error lines with file, line, col and the code as title, only when GITHUB_ACTIONS=true', async () => {
    const summaryFile = path.join(makeTempDir(), 'summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    const { printed, annotations } = await runInActions({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile });
    const findings = printed.filter((line) => / error /.test(line));
    expect(annotations.filter((line) => line.startsWith('::error'))).toHaveLength(findings.length);
    // Soft findings fold into one annotation per kind, as in the terminal.
    expect(annotations.filter((line) => line.startsWith('::warning'))).toEqual([
      // (The checked copy lies outside the site here: its script is named from the site root, or
      // by its absolute path when it lies outside the site's parent folder too.)
      expect.stringMatching(/^::warning file=(?:\/|\.\.\/).*\/mesh-lang\/scripts\/verify-m048-s01\.sh,line=1,col=1,title=map-not-listed::3 not on the map: scripts\/verify-m048-s01\.sh, /),
      // The rails no workflow of the sample runs: one folded annotation too.
      expect.stringMatching(/^::warning file=src\/data\/rails\.yaml,line=\d+,col=\d+,title=ci-not-run::\d+ not run by CI: /),
    ]);
    expect(annotations).toContainEqual(expect.stringMatching(/^::error file=src\/data\/rails\.yaml,line=\d+,col=\d+,title=script-missing::The script scripts\/verify-m053-s02\.sh does not exist.*Fix: /));
    for (const line of annotations) expect(line).toMatch(/^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[a-z0-9-]+::/);

    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary.startsWith('# earlier step\n## Docs-truth gate: ')).toBe(true); // appended, as GitHub expects
    expect(summary).toMatch(/\| Where \| Code \| Finding \| Fix \|/);
    expect(summary).toContain('error script\\-missing');
  });

  it('prints nothing extra outside Actions', async () => {
    const { annotations } = await runInActions({});
    expect(annotations).toEqual([]);
  });

  it('a run that stops early still annotates once', async () => {
    const annotations: string[] = [];
    await runGateAndReport(withConfig({ siteRoot: projectRoot, env: { GITHUB_ACTIONS: 'true', MESH_REPO_ROOT: '  ' }, print: () => {}, annotate: (l) => annotations.push(l) }));
    expect(annotations).toEqual([expect.stringMatching(/^::error title=docs-truth-gate::MESH_REPO_ROOT is set but blank/)]);
  });
});

describe('paths relative to the repository root', () => {
  const summary = (kind: GateSummary['repo']['kind'], root: string): GateSummary => ({ repo: { root, kind }, repos: [], commands: 1, pages: 1, rails: 1 });

  it('prefixes website/ when the site sits in website/ of the checked (parent) repo', () => {
    expect(repoPathPrefix('/ci/mesh-lang/website', summary('parent', '/ci/mesh-lang'), {})).toBe('website/');
    expect(repoPathPrefix('/ci/docs', summary('sample', '/ci/docs/sample-workspace/mesh-lang'), {})).toBe('');
  });

  it('follows GITHUB_WORKSPACE when the site lies inside it', () => {
    expect(repoPathPrefix('/ws/mesh-lang/website', summary('env', '/elsewhere'), { GITHUB_WORKSPACE: '/ws/mesh-lang' })).toBe('website/');
    expect(repoPathPrefix('/ws/docs', summary('sample', '/ws/docs/sample'), { GITHUB_WORKSPACE: '/ws/docs' })).toBe('');
  });

  it('uses the prefix in each annotation', () => {
    const d = finding({ code: 'link-broken', severity: 'warning', position: { file: 'src/content/docs/a.md', line: 2, column: 3 }, message: 'm' });
    expect(formatAnnotations([d], 'website/')).toEqual(['::warning file=website/src/content/docs/a.md,line=2,col=3,title=link-broken::m. (x)']);
  });

  it('names a Mesh repo file (shown from website/ as ../scripts/...) by its path in the repository', () => {
    const d = finding({ code: 'relation-unlisted', position: { file: '../scripts/verify-m053-s03.sh', line: 14, column: 8 }, message: 'm' });
    expect(formatAnnotations([d], 'website/')).toEqual(['::error file=scripts/verify-m053-s03.sh,line=14,col=8,title=relation-unlisted::m. (x)']);
  });
});

describe('escaping', () => {
  it('encodes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    expect(escapeData('\u001b[2J')).toBe('\\x1b[2J');
  });

  it('a hostile page name or message cannot forge a second annotation or break properties', () => {
    const d = finding({ code: 'link-broken', position: { file: 'src/content/docs/a,title=x:y.md', line: 1, column: 1 }, message: 'bad\n::error file=evil.md::forged' });
    const [line, ...rest] = formatAnnotations([d], '');
    expect(rest).toEqual([]);
    expect(line).toContain('file=src/content/docs/a%2Ctitle=x%3Ay.md,line=1');
    expect(line).not.toContain('\n');
    expect(line).toContain('bad%0A::error file=evil.md::forged');
  });

  it('escapes Markdown and HTML in the step summary', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> | **b** `c`\nd')).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\*\\*b\\*\\* \\`c\\` d',
    );
  });
});
