/**
 * Astro caches rendered Markdown between builds. These tests prove that an edit alone (no page
 * touched, no cache cleared) reaches every page that uses it: an edit of rails.yaml, of the
 * renderer code, and of code outside proof-map/ that rendering imports.
 *
 * One site copy for the three edits, in order: each test's build starts from the previous
 * build's dist/ and cache (what an author has after the last build), so three edits cost four
 * builds instead of six, and each test first asserts its change is not on the page yet.
 * The dev-server side is in freshness-dev.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addRail } from './helpers/freshness-rail.ts';
import { copySite, runAstro, type RunResult } from './helpers/site-fixture.ts';

let site: string;
let first: RunResult;
const read = (page: string) => readFileSync(path.join(site, 'dist', page, 'index.html'), 'utf8');

// The first build; under a loaded machine one takes minutes, hence the ceilings.
beforeAll(async () => {
  site = copySite();
  first = await runAstro(site, ['build']);
}, 600_000);

describe('freshness after an edit, cache kept', () => {
  it('npm run build shows a rails.yaml edit on every page that uses the YAML', async () => {
    expect(first.code, first.output).toBe(0);
    expect(read('distributed-proof')).not.toContain('Freshness probe rail');

    addRail(site);
    const second = await runAstro(site, ['build']);
    expect(second.code, second.output).toBe(0);
    const proof = read('distributed-proof');
    expect(proof).toContain('id="rail-freshness-probe"');
    // Tags removed: inline code is split into no-wrap word spans.
    expect(proof.replace(/<[^>]+>/g, '').match(/bash scripts\/verify-m052-s01\.sh/g)?.length).toBeGreaterThanOrEqual(3); // list, block, map
    expect(read('production-backend-proof')).toContain('id="rail-freshness-probe"');
  }, 600_000);

  it('a change to the renderer code also re-renders cached pages', async () => {
    expect(first.code, first.output).toBe(0);
    expect(read('distributed-proof')).not.toContain('Run it again');
    const sections = path.join(site, 'src/proof-map/sections.ts');
    writeFileSync(sections, readFileSync(sections, 'utf8').replace("row([text('Surface and last run')], [text('Rerun')])", "row([text('Surface and last run')], [text('Run it again')])"));
    const second = await runAstro(site, ['build']);
    expect(second.code, second.output).toBe(0);
    expect(read('distributed-proof')).toContain('Run it again');
  }, 600_000);

  it('a change to code outside proof-map/ that rendering imports (the repo URL constants) re-renders cached pages', async () => {
    expect(first.code, first.output).toBe(0);
    const page = () => read('distributed-proof');
    const links = (slug: string) => page().split(`https://github.com/${slug}/`).length - 1;
    const before = links('hyperpush-org/mesh-lang');
    expect(before).toBeGreaterThan(0);
    expect(links('mesh-fork/mesh-lang')).toBe(0);
    const constants = path.join(site, 'src/core/repo-urls.ts');
    writeFileSync(constants, readFileSync(constants, 'utf8').replace("MESH_REPO_SLUG = 'hyperpush-org/mesh-lang'", "MESH_REPO_SLUG = 'mesh-fork/mesh-lang'"));
    const second = await runAstro(site, ['build']);
    expect(second.code, second.output).toBe(0);
    // Every link the generated sections build from the constant moved to the fork; links
    // written by hand in the page's prose keep the old address.
    expect(links('mesh-fork/mesh-lang')).toBeGreaterThan(0);
    expect(links('mesh-fork/mesh-lang') + links('hyperpush-org/mesh-lang')).toBe(before);
    expect(page()).toContain('https://github.com/mesh-fork/mesh-lang/blob/');
  }, 600_000);
});
