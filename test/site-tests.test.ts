/**
 * The split of the suite (vitest.config.ts): every file that builds the site, starts `astro
 * dev` or opens the browser is in the site project (two files at a time, after the unit files),
 * and nothing else is, so a new build test never runs beside the unit files by accident.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/site-fixture.ts';
import { FIRST } from './sequencer.ts';
import { SITE_TESTS } from './site-tests.ts';

/** The helpers that start a build, a dev server or the browser. */
const SITE_CALLS = /\b(runAstro|startDev|builtSite|openSiteBrowser|everyBuiltPage)\(/;

describe('the site project', () => {
  it('holds exactly the test files that build, run dev or drive the browser', () => {
    const files = readdirSync(path.join(projectRoot, 'test')).filter((file) => file.endsWith('.test.ts'));
    const needSite = files.filter((file) => SITE_CALLS.test(readFileSync(path.join(projectRoot, 'test', file), 'utf8'))).map((file) => `test/${file}`);
    expect([...SITE_TESTS].sort()).toEqual(needSite.sort());
  });
});

describe('the start order (test/sequencer.ts)', () => {
  it('names only test files that exist, so a renamed slow file is not silently started last', () => {
    const files = readdirSync(path.join(projectRoot, 'test')).map((file) => `test/${file}`);
    expect(FIRST.filter((file) => !files.includes(file))).toEqual([]);
  });
});
