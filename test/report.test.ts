import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toJsonReport, writeJsonReport } from '../src/gate/report/json.ts';
import type { GateSummary } from '../src/core/summary.ts';
import { applyStrict, strictFromEnv } from '../src/core/aggregate.ts';
import { formatTerminal, shouldUseColor } from '../src/gate/report/terminal.ts';
import type { Diagnostic } from '../src/core/types.ts';
import { finding } from './helpers/diagnostic.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';
import { withConfig } from './helpers/gate-config.ts';

afterAll(removeTempDirs);

const summary: GateSummary = {
  repo: { root: '/work/mesh', kind: 'sample', commit: '0123456789abcdef0123456789abcdef01234567' },
  repos: [{ id: 'mesh-lang', name: 'mesh-lang', root: '/work/mesh', source: 'bundled sample', found: true, commit: '0123456789abcdef0123456789abcdef01234567' }],
  commands: 42,
  pages: 3,
  rails: 19,
};

const diagnostics: Diagnostic[] = [
  {
    code: 'script-missing',
    severity: 'error',
    position: { file: 'src/content/docs/b.md', line: 9, column: 6 },
    subject: 'bash scripts/verify-m053-s0l.sh',
    message: 'The script scripts/verify-m053-s0l.sh does not exist in the repo.',
    suggestion: 'did you mean scripts/verify-m053-s01.sh?',
  },
  {
    code: 'env-unknown',
    severity: 'warning',
    position: { file: 'src/content/docs/a.md', line: 12, column: 1 },
    subject: 'MESH_BOGUS=1 \\\n  ./hello_cluster',
    message: 'MESH_BOGUS is not read anywhere in the repo source.',
  },
  {
    code: 'cargo-unknown-test',
    severity: 'error',
    position: { file: 'src/content/docs/a.md', line: 3, column: 20 },
    subject: 'cargo test -p meshc --test e2e_x',
    message: 'e2e_x is not a test target of package meshc.',
    suggestion: 'did you mean e2e_m047_s07?',
  },
];

describe('terminal report', () => {
  const text = formatTerminal(diagnostics, summary, { color: false });
  const lines = text.trimEnd().split('\n');

  it('puts each finding on its own line starting with path:line:col, in file/line/col order', () => {
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'src/content/docs/a.md:3:20 error cargo-unknown-test `cargo test -p meshc --test e2e_x`: e2e_x is not a test target of package meshc. fix: did you mean e2e_m047_s07?',
    );
    expect(lines[1]).toMatch(/^src\/content\/docs\/a\.md:12:1 warning env-unknown `MESH_BOGUS=1 \.\/hello_cluster`: /);
    expect(lines[2]).toMatch(/^src\/content\/docs\/b\.md:9:6 error script-missing .* fix: did you mean scripts\/verify-m053-s01\.sh\?$/);
  });

  it('ends with a summary line', () => {
    expect(lines[3]).toBe(
      'docs-truth gate: 2 errors, 1 warning (42 commands in 3 pages, 19 rails; repo: bundled sample /work/mesh @ 0123456789ab)',
    );
    expect(formatTerminal([], { ...summary, commands: 1, pages: 1, rails: 1 }, { color: false })).toBe(
      'docs-truth gate: ok (1 command in 1 page, 1 rail; repo: bundled sample /work/mesh @ 0123456789ab)\n',
    );
  });

  it('colours only when asked, and decides from TTY and NO_COLOR', () => {
    expect(text).not.toMatch(/\u001b\[/);
    expect(formatTerminal(diagnostics, summary, { color: true })).toMatch(/\u001b\[31merror/);
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
  });
});

describe('two places, aggregated codes and --strict', () => {
  const relation: Diagnostic = {
    code: 'relation-unlisted',
    severity: 'error',
    position: { file: 'src/data/rails.yaml', line: 60, column: 9 },
    subject: 'm053-s01',
    message: 'scripts/verify-m053-s03.sh runs rail m053-s01, but `runs` of m053-s03 does not list it',
    suggestion: 'add m053-s01 to runs of m053-s03',
    related: { file: 'scripts/verify-m053-s03.sh', line: 14, column: 8 },
  };
  const notOnMap = (n: number): Diagnostic => ({
    code: 'map-not-listed',
    severity: 'warning',
    position: { file: `scripts/verify-m0${n}-s01.sh`, line: 1, column: 1 },
    subject: `scripts/verify-m0${n}-s01.sh`,
    message: 'not on the map',
  });
  const all = [relation, ...[40, 41, 42, 43, 44].map(notOnMap)];

  it('the terminal names the second place, and folds an aggregated code into one counted line', () => {
    const lines = formatTerminal(all, summary, { color: false }).trimEnd().split('\n');
    expect(lines).toEqual([
      'src/data/rails.yaml:60:9 error relation-unlisted `m053-s01`: scripts/verify-m053-s03.sh runs rail m053-s01, but `runs` of m053-s03 does not list it. (see scripts/verify-m053-s03.sh:14:8) fix: add m053-s01 to runs of m053-s03',
      'warning map-not-listed: 5 not on the map: `scripts/verify-m040-s01.sh`, `scripts/verify-m041-s01.sh`, `scripts/verify-m042-s01.sh` and 2 more (A verify script is on no page and in no rail; first at scripts/verify-m040-s01.sh:1:1; all listed in the JSON report).',
      'docs-truth gate: 1 error, 0 warnings, 5 not on the map (42 commands in 3 pages, 19 rails; repo: bundled sample /work/mesh @ 0123456789ab)',
    ]);
  });

  it('the JSON report keeps every finding and the related position', () => {
    const report = toJsonReport(all, summary);
    expect(report.diagnostics).toHaveLength(6);
    expect(report.diagnostics.find((d) => d.code === 'relation-unlisted')?.related).toEqual({ file: 'scripts/verify-m053-s03.sh', line: 14, column: 8 });
  });

  it('--strict turns warnings into errors and leaves errors alone', () => {
    const strict = applyStrict(all, true);
    expect(strict.map((d) => d.severity)).toEqual(['error', 'error', 'error', 'error', 'error', 'error']);
    expect(applyStrict(all, false)).toEqual(all);
    expect(strictFromEnv({ DOCS_GATE_STRICT: '1' })).toBe(true);
    expect(strictFromEnv({ DOCS_GATE_STRICT: '0' })).toBe(false);
    expect(strictFromEnv({})).toBe(false);
  });

  it('strict on some soft words fails only those; an unknown word is a usage error', () => {
    const unverified: Diagnostic = { code: 'repo-unverified', severity: 'warning', position: { file: 'p.md', line: 1, column: 1 }, subject: 'mesher/README.md', message: 'not checked' };
    const words = strictFromEnv({ DOCS_GATE_STRICT: 'unverified' });
    expect(words).toEqual(['unverified']);
    const strict = applyStrict([...all, unverified], words);
    expect(strict.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['relation-unlisted', 'repo-unverified']);
    expect(strictFromEnv({ DOCS_GATE_STRICT: 'unverified, not on the map' })).toEqual(['unverified', 'not on the map']);
    // The value is never echoed (an env value may be anything a CI holds): what kind of thing is wrong, and the words allowed.
    expect(() => strictFromEnv({ DOCS_GATE_STRICT: 'unverifed' })).toThrow(/^DOCS_GATE_STRICT holds 1 word that is not a kind of soft finding\. Use 1 .*unverified, not on the map/);
    expect(() => strictFromEnv({ DOCS_GATE_STRICT: 'secret-value' })).not.toThrow(/secret-value/);
  });
});

describe('JSON report', () => {
  const report = toJsonReport(diagnostics, summary);

  it('has the versioned shape with repo, counts and sorted diagnostics', () => {
    expect(report.version).toBe(1);
    expect(report.repo).toEqual({ root: '/work/mesh', kind: 'sample', commit: summary.repo.commit });
    expect(report.counts).toEqual({ errors: 2, warnings: 1, aggregated: {}, commands: 42, meshReferences: 0, pages: 3, rails: 19 });
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'src/content/docs/a.md:3:20',
      'src/content/docs/a.md:12:1',
      'src/content/docs/b.md:9:6',
    ]);
    expect(report.diagnostics[0]).toEqual({
      code: 'cargo-unknown-test',
      severity: 'error',
      file: 'src/content/docs/a.md',
      line: 3,
      column: 20,
      subject: 'cargo test -p meshc --test e2e_x',
      message: 'e2e_x is not a test target of package meshc.',
      suggestion: 'did you mean e2e_m047_s07?',
      title: 'A cargo test target does not exist',
      docs: '/contributing/rails/#cargo',
    });
    expect(report.diagnostics[1]).not.toHaveProperty('suggestion');
    expect(toJsonReport([], { ...summary, repo: { root: '/r', kind: 'env' } }).repo.commit).toBeNull();
  });

  it('writes pretty JSON, creating the folder', () => {
    const file = path.join(makeTempDir(), 'nested', 'gate.json');
    writeJsonReport(file, report);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(report);
  });
});

describe('terminal safety', () => {
  it('shows control characters from pages escaped, so a page cannot clear the screen or set the title', () => {
    const hostile = finding({
      code: 'cli-unknown-subcommand',
      position: { file: 'src/content/docs/\u001b[31mx.md', line: 1, column: 1 },
      subject: 'meshc \u001b[2J\u001b]0;owned\u0007 \u009b1m\r',
      message: 'No subcommand "\u001b[2J".',
      suggestion: 'did you mean \u202ebuild?',
    });
    const text = formatTerminal([hostile], { ...summary, repo: { ...summary.repo, root: '/r\u001b[2J' } }, { color: false });
    // eslint-disable-next-line no-control-regex
    expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('meshc \\x1b[2J\\x1b]0;owned\\x07 \\x9b1m\\x0d');
    expect(text).toContain('src/content/docs/\\x1b[31mx.md:1:1');
    expect(text).toContain('did you mean \\u202ebuild?');
    expect(text).toContain('/r\\x1b[2J');
  });
});

describe('colour', () => {
  it('follows the color option, so the build (which logs through Astro) gets plain lines on a TTY too', async () => {
    const { runGateAndReport } = await import('../src/gate/cli.ts');
    const siteRoot = path.resolve(import.meta.dirname, '..');
    const lines = async (color: boolean) => {
      const printed: string[] = [];
      await runGateAndReport(withConfig({ siteRoot, env: {}, color, print: (line) => printed.push(line) }));
      return printed.join('\n');
    };
    expect(await lines(true)).toContain('\u001b[');
    const plain = await lines(false);
    expect(plain).not.toContain('\u001b[');
    expect(plain).toMatch(/^docs-truth gate: ok/m);
    expect(plain).toMatch(/^warning map-not-listed: /m);
  });
});
