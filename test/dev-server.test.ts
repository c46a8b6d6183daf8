/**
 * `npm run dev` keeps up with an author without a restart: an edit of rails.yaml and a new
 * verifier result reach the page, a broken YAML and a typo in a page are reported (in the
 * browser's overlay and the terminal), and fixing them brings the page back.
 *
 * One dev server for the whole file, as an author has one open all day: the tests run in order
 * on it, each asserting its own change is not shown yet before making it (starting a server and
 * rendering the proof page the first time is most of each test's cost).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRail } from './helpers/freshness-rail.ts';
import { ALIAS_BOMB } from './helpers/hostile-yaml.ts';
import { plantResults } from './helpers/plant-results.ts';
import { copySite, startDev, type DevServer } from './helpers/site-fixture.ts';

let site: string;
let dev: DevServer;
const proofPage = () => dev.page('/distributed-proof/');
const rendered = async () => (await proofPage()).includes('rail-m053-s01');

beforeAll(async () => {
  site = copySite();
  dev = startDev(site);
  await dev.waitFor(rendered, 'the dev server');
}, 300_000);
afterAll(() => dev?.stop());

describe('npm run dev', () => {
  it('serves the edited data without a restart by hand', async () => {
    expect(await proofPage()).not.toContain('Freshness probe rail');
    addRail(site);
    await dev.waitFor(async () => (await proofPage()).includes('rail-freshness-probe'), 'the edited rail');
  });

  it('shows a new verifier result on reload, without a restart', async () => {
    expect(await proofPage()).not.toContain('failed in staged-deploy');
    plantResults(path.join(site, 'sample-workspace/mesh-lang'), '.tmp/m053-s01/verify', { status: 'failed\n', phase: 'staged-deploy\n' });
    await dev.waitFor(async () => (await proofPage()).includes('✗ last run failed in staged-deploy'), 'the new result');
  });

  it('shows a broken YAML in the browser, and re-checks when the YAML is deleted and restored', async () => {
    const file = path.join(site, 'src/data/rails.yaml');
    const good = readFileSync(file, 'utf8');
    // Astro can miss the second of two content syncs that end within a moment of each other
    // (its data store is reloaded on a debounced file write), so each step lets the content
    // sync of the previous one finish before saving again, as a person editing would.
    const syncs = () => dev.output().match(/Synced content/g)?.length ?? 0;
    const save = async (write: () => void) => {
      const before = syncs();
      write();
      await dev.waitFor(() => syncs() > before, 'the content sync after a save');
    };
    const outputBefore = dev.output().length;
    const outputSince = () => dev.output().slice(outputBefore);
    await dev.waitFor(rendered, 'the page before the edits');
    // A broken YAML: the page is an error page naming the YAML line, never a blank 200.
    await save(() => writeFileSync(file, good.replace('    tier: public\n', '    tier: publik\n')));
    const line = good.split('\n').indexOf('    tier: public') + 1;
    await dev.waitFor(async () => {
      const page = await dev.overlay('/distributed-proof/');
      return page.status === 500 && (page.message ?? '').includes(`src/data/rails.yaml:${line}:11 error yaml-schema`);
    }, 'the error overlay');
    await save(() => writeFileSync(file, good));
    await dev.waitFor(rendered, 'the fixed page');

    // An alias bomb: one finding in the terminal and the browser, no unhandled rejection.
    await save(() => writeFileSync(file, `${good}${ALIAS_BOMB}`));
    await dev.waitFor(async () => ((await dev.overlay('/distributed-proof/')).message ?? '').includes('error yaml-syntax'), 'the alias bomb overlay');
    await save(() => writeFileSync(file, good));
    await dev.waitFor(rendered, 'the page after the alias bomb');

    // Deleted (as git checkout and some editors do) and restored: each is noticed.
    await save(() => rmSync(file));
    await dev.waitFor(() => /rails\.yaml:1:1 error yaml-unreadable/.test(outputSince()), 'the re-check after the delete');
    await dev.waitFor(async () => ((await dev.overlay('/distributed-proof/')).message ?? '').includes('yaml-unreadable'), 'the error overlay after the delete');
    await save(() => writeFileSync(file, good));
    await dev.waitFor(rendered, 'the restored page');
    // Each suspect line with the three before it, so a failure shows what printed it.
    const suspects = dev.output().split('\n').flatMap((line, index, lines) => (/UnhandledRejection|^\s+at .*\.(ts|js):\d+/.test(line) ? [lines.slice(Math.max(0, index - 3), index + 1).join('\n')] : []));
    expect(suspects).toEqual([]);
  });

  it('re-checks a page on save and reports a new typo with its location, without stopping', async () => {
    await dev.waitFor(async () => (await dev.page('/clustered-example/')).includes('meshc build .'), 'the page before the typo');
    // The gate ran when the server started, and found nothing.
    expect(dev.output()).toMatch(/docs-truth gate: ok/);
    expect(dev.output()).not.toMatch(/clustered-example\.md:\d+:7 error cli-unknown-subcommand/);
    const page = path.join(site, 'src/content/docs/clustered-example.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace('meshc build .', 'meshc biuld .'));
    await dev.waitFor(() => /clustered-example\.md:\d+:7 error cli-unknown-subcommand/.test(dev.output()), 'the typo report');
    // The server keeps serving: the saved page re-renders with the typo shown.
    await dev.waitFor(async () => (await dev.page('/clustered-example/')).includes('biuld'), 'the re-rendered page');
  });
});
