/**
 * One rule for `npm run check` arguments: a flag given twice is a usage error (never "the last
 * one wins"), and every line the command prints goes through the one terminal escaper, so a
 * value such as `--rail $'zz\n::error::X'` cannot start a line of its own in a CI log.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCheckOptions } from '../src/gate/cli-options.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';
import { runCheck } from './helpers/run-check.ts';

afterAll(removeTempDirs);

describe('a flag given twice', () => {
  it.each([
    ['--rail', ['--rail', 'a', '--rail', 'b']],
    ['--json', ['--json', 'a.json', '--json=b.json']],
    ['--repo', ['--repo', projectRoot, '--repo', projectRoot]],
    ['--strict', ['--strict', '--strict']],
  ])('%s is a usage error', (flag, argv) => {
    expect(parseCheckOptions(argv, projectRoot, {})).toEqual({ ok: false, problem: `${flag} is given twice. fix: give it once` });
  });
});

describe('every printed line is escaped', () => {
  it('an unknown --rail holding a newline and a workflow command prints no raw newline', () => {
    const result = runCheck(['--rail', 'zz\n::error::X', '--json', path.join(makeTempDir(), 'gate.json')], { env: { GITHUB_ACTIONS: '' } });
    const lines = result.out.split('\n');
    expect(lines.filter((line) => line.startsWith('::error::X'))).toEqual([]);
    expect(lines.some((line) => line.includes('zz\\x0a::error::X'))).toBe(true);
    expect(result.code).toBe(1);
  });
});
