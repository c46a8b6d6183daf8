/**
 * Input nested far deeper than anyone writes cannot crash the gate: a rail script nested 5,000
 * levels (`${X:-${X:-…}}`, subshells in subshells) or a page with 4,000 nested parentheses is
 * one finding at its place, and everything else is still checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { appendAll } from '../src/core/append.ts';
import { runGate } from '../src/gate/run.ts';
import type { Diagnostic } from '../src/core/types.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';
import { gateConfig } from './helpers/gate-config.ts';

const DEPTH = 5000;
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

async function gateWithScriptLine(line: string) {
  const copy = sampleRepoCopy();
  const script = 'scripts/verify-m053-s01.sh';
  copy.edit(script, (text) => `${text}\n${line}\n`);
  copy.commit();
  const lineNumber = readFileSync(path.join(copy.root, script), 'utf8').split('\n').length - 1;
  return { result: await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: copy.root, env: {} })), lineNumber };
}

describe('a rail script nested 5,000 levels deep', () => {
  it.each([
    ['parameter expansions', 'bash "' + '${X:-'.repeat(DEPTH) + 'scripts/verify-m047-s04.sh' + '}'.repeat(DEPTH) + '"'],
    ['quoted parameter expansions', 'bash ' + '"${X:-'.repeat(DEPTH) + 'x' + '}"'.repeat(DEPTH)],
    ['subshells', '('.repeat(DEPTH) + 'true' + ')'.repeat(DEPTH)],
    ['command substitutions', 'echo ' + '$('.repeat(DEPTH) + 'true' + ')'.repeat(DEPTH)],
  ])('%s: the gate runs to the end; the statement is skipped like any script line it cannot parse', async (_name, line) => {
    const { result, lineNumber } = await gateWithScriptLine(line);
    const found = errors(result.diagnostics);
    // Parse problems of a script are not findings about the docs (read-script.ts); the rest of
    // the script and every other rail are still read: the sample passes as before.
    expect(found).toEqual([]);
    expect(lineNumber).toBeGreaterThan(1);
    expect(result.summary.rails).toBeGreaterThan(10);
    expect(result.relations?.diagnostics).toEqual([]);
  }, 120_000);
});

describe('a page with 4,000 nested parentheses', () => {
  it.each([
    ['in prose', `Deep: ${'('.repeat(4000)}x${')'.repeat(4000)}`],
    ['in a shell fence', '```bash\n' + '('.repeat(4000) + 'true' + ')'.repeat(4000) + '\n```'],
    ['in inline code', '`' + 'echo ' + '$('.repeat(4000) + 'true' + ')'.repeat(4000) + '`'],
  ])('%s: is at most one finding at its place, not link errors on other pages', async (_name, markdown) => {
    const site = copySite();
    const page = 'src/content/docs/distributed-actors.md';
    const full = path.join(site, page);
    const text = readFileSync(full, 'utf8');
    writeFileSync(full, `${text}\n${markdown}\n`);
    const result = await runGate(gateConfig({ siteRoot: site, env: {} }));
    const found = errors(result.diagnostics);
    expect(found.filter((d) => d.position.file !== page)).toEqual([]);
    expect(found.length).toBeLessThanOrEqual(1);
    if (_name === 'in a shell fence') {
      expect(found).toEqual([expect.objectContaining({ code: 'command-unparsable', message: expect.stringMatching(/nested too deep/), position: expect.objectContaining({ line: text.split('\n').length + 2 }) })]);
    }
  }, 120_000);
});

describe('no unbounded list is spread into call arguments', () => {
  it('push(...list) overflows on a long list; appendAll does not', () => {
    const long = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(long as never[]))).toThrow(RangeError);
    expect(appendAll([] as number[], long, [1]).length).toBe(500_001);
  });

  it('the sources use no push(...x), unshift(...x), Math.max(...x) or Math.min(...x)', async () => {
    const files = await glob(['src/**/*.ts', 'scripts/**/*.ts'], { cwd: projectRoot });
    const spreads = files.flatMap((file) =>
      readFileSync(path.join(projectRoot, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (/\b(push|unshift|Math\.max|Math\.min|fromCharCode|fromCodePoint)\(\s*\.\.\./.test(line) && !line.trim().startsWith('*') ? [`${file}:${index + 1}`] : [])),
    );
    expect(spreads).toEqual([]);
  });
});
