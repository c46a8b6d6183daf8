import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureMapRails } from '../src/proof-map/rail-links.ts';
import { currentRails } from '../src/rails/current.ts';
import type { RailsModel } from '../src/rails/model.ts';
import { builtSite } from './helpers/built-site.ts';
import { projectRoot } from './helpers/site-fixture.ts';

let site: string;
let model: RailsModel;
const html = (page: string) => readFileSync(path.join(site, 'dist', page, 'index.html'), 'utf8');
const rowIds = (page: string) => [...html(page).matchAll(/<h4 id="rail-([^"]+)"/g)].map((m) => m[1]);
/** The page's text with tags removed: inline code is split into no-wrap word spans. */
const text = (page: string) => html(page).replace(/<[^>]+>/g, '');

beforeAll(async () => {
  // The run's one build, shared with the browser tests (it fails here with the build output).
  site = path.dirname(await builtSite());
  const loaded = currentRails({
    yamlPath: path.join(projectRoot, 'src/data/rails.yaml'),
    siteRoot: projectRoot,
    docsDir: path.join(projectRoot, 'src/content/docs'),
  });
  if (!loaded.ok) throw new Error('rails.yaml is invalid');
  model = loaded.model;
});

describe('the whole site', () => {
  it('builds every page and the search index', () => {
    for (const page of ['', 'distributed-proof', 'clustered-example', 'distributed-actors', 'production-backend-proof', 'contributing/rails']) {
      expect(existsSync(path.join(site, 'dist', page, 'index.html')), page).toBe(true);
    }
    expect(existsSync(path.join(site, 'dist/pagefind/pagefind.js'))).toBe(true);
    // The rails' own search records, merged into the site's search.
    expect(existsSync(path.join(site, 'dist/pagefind-rails/pagefind.js'))).toBe(true);
  });

  it('Distributed Proof has one failure-map row per rail listed for it (and each rail those run), in YAML order', () => {
    const expected = failureMapRails(model, 'distributed-proof').map((rail) => rail.id);
    expect(expected).toContain('m044-s04'); // no page lists it; m045-s03, which the page lists, runs it
    expect(expected.length).toBeGreaterThan(15);
    expect(rowIds('distributed-proof')).toEqual(expected);
  });

  it('Production Backend Proof shows its own smaller map from the same data', () => {
    const expected = failureMapRails(model, 'production-backend-proof').map((rail) => rail.id);
    expect(rowIds('production-backend-proof')).toEqual(expected);
    expect(expected.length).toBeLessThan(rowIds('distributed-proof').length);
  });

  it('every generated section is on the proof page, with each rail command from the YAML', () => {
    expect(html('distributed-proof')).toContain('<pre'); // the named commands block, rendered by Expressive Code
    const page = text('distributed-proof');
    expect(page).toMatch(/meshc cluster status &lt;node-name@host:port&gt; --json|meshc cluster status &#x3C;node-name@host:port> --json/);
    for (const rail of model.rails) {
      for (const step of rail.forms.flatMap((form) => form.steps)) {
        expect(page, step.run).toContain(step.run.replace(/</g, '&#x3C;'));
      }
    }
  });

  it('the failure map says what the build checked: rails marked checked, both sample repos, sources on main', () => {
    const page = html('distributed-proof');
    const at = '( at commit <code[^>]*>[0-9a-f]{12}</code>)?';
    expect(page).toMatch(new RegExp(`Checked by this build against the bundled sample repo${at}, and the bundled hyperpush-mono sample${at}\\.`));
    expect(page).toContain('href="https://github.com/hyperpush-org/hyperpush-mono/blob/main/mesher/scripts/verify-maintainer-surface.sh"');
    expect(page.match(/class="proof-commands proof-commands-verified"/g)?.length).toBe(rowIds('distributed-proof').length);
    expect(page).toContain('href="https://github.com/hyperpush-org/mesh-lang/blob/main/scripts/verify-m053-s01.sh"');
  });

  it('draws the rails graph above each failure map, and writes proof-map.json beside the pages', () => {
    const proofGraph = html('distributed-proof').match(/<figure class="proof-graph"[\s\S]*?<\/figure>/)?.[0] ?? '';
    expect(proofGraph).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="proof-graph-svg"');
    // Two drawings (wide and phone), each a box per row: every box lands on a row.
    expect(proofGraph.match(/class="pg-node /g)?.length).toBe(rowIds('distributed-proof').length * 2);
    expect(html('production-backend-proof').match(/class="pg-node /g)?.length).toBe(rowIds('production-backend-proof').length * 2);
    expect(html('distributed-proof')).not.toMatch(/<script[^>]*>[^<]*proof-graph/);
    const map = JSON.parse(readFileSync(path.join(site, 'dist/proof-map.json'), 'utf8'));
    expect(map).toMatchObject({ version: 1, repo: { kind: 'sample', sample: true, commitUrl: null }, results: 'on' });
    expect(map.rails.map((rail: { id: string }) => rail.id)).toEqual(model.rails.map((rail) => rail.id));
  });

  it('the proof pages type no rail command by hand: every one comes from the YAML', () => {
    for (const file of ['distributed-proof.md', 'production-backend-proof.md']) {
      const source = readFileSync(path.join(projectRoot, 'src/content/docs', file), 'utf8');
      for (const rail of model.rails) {
        for (const step of rail.forms.flatMap((form) => form.steps)) expect(source, `${file}: ${step.run}`).not.toContain(step.run);
      }
      expect(source).not.toMatch(/bash scripts\/|cargo (test|run) |npm --prefix/);
    }
  });
});
