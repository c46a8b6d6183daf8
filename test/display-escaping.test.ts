/**
 * Text from result files (and rails.yaml) reaches people through the page, its graph, its
 * tooltips and the search index; bidi overrides and control characters reach none of them raw:
 * one rule (the terminal's escaper) shows them as visible escapes. A 60,000-character phase
 * name is drawn clipped, its full text in the node link's spoken name, so the graph stays page-sized.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGate } from '../src/gate/run.ts';
import { provenanceFromGate } from '../src/integrations/provenance.ts';
import { railSearchRecords } from '../src/proof-map/search-records.ts';
import { plantResults } from './helpers/plant-results.ts';
import { proofMapFixture } from './helpers/proof-map-fixture.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { gateConfig, resultsFromEnv } from './helpers/gate-config.ts';

const HOSTILE = 'deploy\u202Egnp.exe\u001b[2J\u0007\u2066x';
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const LONG = `phase-${'x'.repeat(60_000)}`;

let page: string;
let records: ReturnType<typeof railSearchRecords>;

beforeAll(async () => {
  const repo = sampleRepoCopy();
  plantResults(repo.root, '.tmp/m053-s01/verify', { status: 'failed\n', phase: `${HOSTILE}\n`, phases: `${HOSTILE}\tfailed\n` });
  plantResults(repo.root, '.tmp/m047-s04/verify', { status: 'failed\n', phase: `${LONG}\n`, phases: `${LONG}\tfailed\n` });
  const gate = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
  const fixture = proofMapFixture(readFileSync(path.join(projectRoot, 'src/data/rails.yaml'), 'utf8'), [
    'distributed-proof.md',
    'clustered-example.md',
    'distributed-actors.md',
    'production-backend-proof.md',
  ]);
  const provenance = provenanceFromGate(gate, resultsFromEnv({}), new Date('2026-11-28T09:30:00Z'))!;
  fixture.options.provenance = provenance;
  page = await fixture.renderSite('::failure-map', 'distributed-proof.md');
  records = railSearchRecords(gate.model!, { provenance });
}, 120_000);

describe('bidi overrides and control characters from result files', () => {
  it('never reach the page raw: text, title attributes and the SVG show visible escapes', () => {
    expect(page).toContain('m053-s01');
    expect(page).not.toMatch(RAW);
    expect(page).toContain('deploy\\u202egnp.exe\\x1b[2J\\x07\\u2066x');
    // The graph's drawing (the legend's swatches are small SVGs of their own).
    const start = page.indexOf('<svg xmlns');
    const svg = page.slice(start, page.indexOf('</svg>', start));
    expect(svg.length).toBeGreaterThan(0);
    expect(svg).toContain('\\u202e');
  });

  it('never reach the search records raw', () => {
    const record = records.find((entry) => entry.url.endsWith('#rail-m053-s01'))!;
    expect(record.content).toContain('\\u202e');
    for (const entry of records) expect(`${entry.title} ${entry.content}`).not.toMatch(RAW);
  });
});

describe('a 60,000-character phase name', () => {
  it('is clipped where it is drawn, whole in the link\'s spoken name, and the graph stays page-sized', () => {
    const width = Number(/<svg xmlns[^>]* width="(\d+)"/.exec(page)![1]);
    expect(width).toBeLessThan(4000);
    const node = page.slice(page.lastIndexOf('<a ', page.indexOf('data-rail="m047-s04"')));
    const drawn = /<text class="pg-state"[^>]*>([^<]*)<\/text>/.exec(node)![1]!;
    expect(drawn.length).toBeLessThan(80);
    expect(drawn).toMatch(/…$/);
    expect(/data-rail="m047-s04" aria-label="([^"]*)"/.exec(node)![1]).toContain(LONG);
  });

  it('is clipped in the failure-map row (badge and phases), the whole name in their titles', () => {
    const start = page.indexOf('id="rail-m047-s04"');
    const row = page.slice(start, page.indexOf('</tr>', start));
    const badge = /<em class="proof-result proof-result-failed" title="([^"]*)"[^>]*>([^<]*)<\/em>/.exec(row)!;
    expect(badge[1]).toContain(LONG);
    expect(badge[2]!.length).toBeLessThanOrEqual(80);
    // The phase in the row's phase list: its title holds it whole, the code shows 79 characters and "…".
    expect(row.split(`<code title="${LONG}">`)).toHaveLength(2);
    expect(row).toContain(`${LONG.slice(0, 79)}…`);
    expect(row.replace(/title="[^"]*"/g, '').length).toBeLessThan(2500);
  });
});
