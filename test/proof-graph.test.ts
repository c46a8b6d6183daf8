/**
 * The rails graph: laid out by Graphviz, drawn as inline SVG that parses as XML, one node per
 * rail shown (each a link to its row) and one edge per relation, escaped YAML text, the legend
 * in words, a border for "verified" and a fill plus words for the last result.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Html, RootContent } from 'mdast';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGate } from '../src/gate/run.ts';
import { type GateResult } from '../src/gate/report/gate-result.ts';
import { provenanceFromGate } from '../src/integrations/provenance.ts';
import { loadGraphviz } from '../src/proof-map/graph/layout.ts';
import { failureMapTable } from '../src/proof-map/sections.ts';
import { parseRails } from '../src/rails/load.ts';
import { plantResults } from './helpers/plant-results.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { RESULTS_CHECKOUT, gateConfig } from './helpers/gate-config.ts';

let gate: GateResult;
let graphviz: Awaited<ReturnType<typeof loadGraphviz>>;

beforeAll(async () => {
  const repo = sampleRepoCopy();
  plantResults(repo.root, '.tmp/m053-s01/verify', { status: 'failed\n', phase: 'staged-deploy\n' });
  gate = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
  graphviz = await loadGraphviz();
});

function figureOf(nodes: RootContent[]): string {
  return nodes.find((node): node is Html => node.type === 'html')?.value ?? '';
}

/** One of the two drawings: Graphviz's (`wide`) or the phone's column (`narrow`). */
function svgOf(nodes: RootContent[], drawing: 'wide' | 'narrow' = 'wide'): string {
  return figureOf(nodes).match(new RegExp(`<div class="proof-graph-${drawing}">(<svg[\\s\\S]*?</svg>)</div>`))?.[1] ?? '';
}

/** Parses strictly as XML and returns the elements (name + attributes) in document order. */
function parseXml(xml: string): Array<{ name: string; attributes: Record<string, string>; text: string }> {
  const elements: Array<{ name: string; attributes: Record<string, string>; text: string }> = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => elements.push({ name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' }));
  parser.on('text', (text) => {
    const last = elements.at(-1);
    if (last) last.text += text;
  });
  parser.write(xml).close();
  return elements;
}

describe('the rails graph of a failure map', () => {
  it('parses as XML, with a node per rail shown (its chain included) and an edge per relation', () => {
    const provenance = provenanceFromGate(gate, RESULTS_CHECKOUT, new Date('2026-11-30T00:00:00Z'));
    const map = failureMapTable(gate.model!, 'distributed-proof', { graphviz, ...(provenance ? { provenance } : {}) });
    const svg = svgOf(map);
    const elements = parseXml(svg);
    // The phone's drawing shows the same rails and relations.
    const narrow = parseXml(svgOf(map, 'narrow'));
    expect(narrow.filter((e) => e.name === 'a').map((e) => e.attributes['data-rail'])).toEqual(elements.filter((e) => e.name === 'a').map((e) => e.attributes['data-rail']));
    const nodes = elements.filter((e) => e.name === 'a').map((e) => e.attributes['data-rail']);
    // Every rail on the page, plus m044-s04, which only a page rail (m045-s03) runs.
    const onPage = gate.model!.rails.filter((rail) => rail.failureMaps.includes('distributed-proof')).map((rail) => rail.id);
    expect(nodes.sort()).toEqual([...onPage, 'm044-s04'].sort());
    for (const link of elements.filter((e) => e.name === 'a')) expect(link.attributes.href).toBe(`#rail-${link.attributes['data-rail']}`);
    const edges = elements.filter((e) => e.name === 'path' && e.attributes.class?.startsWith('pg-edge')).map((e) => `${e.attributes['data-from']}>${e.attributes['data-to']}`);
    const relations = gate.model!.rails.flatMap((rail) => rail.runs.map((to) => `${rail.id}>${to}`));
    expect(edges.sort()).toEqual(relations.sort());
    expect(relations).toHaveLength(10);
    // Script and YAML agree everywhere in the sample: every edge is drawn solid.
    expect(new Set(elements.filter((e) => e.name === 'path' && e.attributes['data-from']).map((e) => e.attributes.class))).toEqual(new Set(['pg-edge pg-edge-both']));
    // Not an image (it holds links): a figure named by its caption, with the graph as a list too.
    expect(svg).not.toContain('role="img"');
    const figure = figureOf(map);
    expect(figure).toMatch(/<figure class="proof-graph" aria-labelledby="proof-graph-distributed-proof-name"><figcaption id="proof-graph-distributed-proof-name"/);
    expect(figure).toContain('<li><a href="#rail-m053-s02">Starter failover</a> (<code><span class="nowrap">m053-s02</span></code>): ○ not run here, CI: tags; runs m053-s01</li>');
    // Five aliases run m047-s04: their arrows merge into one arrowhead.
    expect(elements.filter((e) => e.name === 'path' && e.attributes.class === 'pg-arrowhead' && e.attributes['data-to'] === 'm047-s04')).toHaveLength(1);
  });

  it('shows the verified border and the result in words and fill: failed is hatched and named', () => {
    const provenance = provenanceFromGate(gate, RESULTS_CHECKOUT, new Date('2026-11-30T00:00:00Z'))!;
    provenance.verifiedRails = provenance.verifiedRails.filter((id) => id !== 'm047-s07');
    const svg = svgOf(failureMapTable(gate.model!, 'distributed-proof', { graphviz, provenance }));
    const node = (id: string) => svg.match(new RegExp(`<a [^>]*data-rail="${id}"[^>]*>[\\s\\S]*?</a>`))?.[0] ?? '';
    expect(node('m053-s01')).toMatch(/class="pg-node pg-state-failed pg-verified"/);
    expect(node('m053-s01')).toContain('style="fill:url(#proof-graph-distributed-proof-wide-hatch)"');
    expect(node('m053-s01')).toContain('>✗ last run failed in staged-deploy</text>');
    // Its own last run only: the failed rail it runs is advice in its row, never a second mark here.
    expect(node('m053-s02')).toContain('>○ not run here</text>');
    expect(node('m053-s02')).not.toContain('failed');
    expect(node('m047-s07')).toMatch(/class="pg-node pg-state-not-run pg-unverified"/);
    expect(node('m047-s07')).toContain('aria-label="Clustered HTTP routes (S07) m047-s07 ○ not run here, commands not verified"');
  });

  it("a page's subset: only its rails and what they run", () => {
    const svg = svgOf(failureMapTable(gate.model!, 'production-backend-proof', { graphviz }));
    const nodes = parseXml(svg).filter((e) => e.name === 'a').map((e) => e.attributes['data-rail']);
    expect(nodes).toEqual(['mesher-maintainer', 'm051-s01', 'm051-s02', 'production-proof-surface', 'docs-build']);
  });

  it('escapes YAML text: a label with markup stays text and the SVG still parses', () => {
    const yamlPath = path.join(projectRoot, 'src/data/rails.yaml');
    const text = readFileSync(yamlPath, 'utf8').replace('label: Starter failover', `label: "Fail<script>alert('x')</script> & \\"over\\""`);
    const loaded = parseRails(text, { yamlPath, siteRoot: projectRoot, docsDir: path.join(projectRoot, 'src/content/docs') });
    if (!loaded.ok) throw new Error('yaml');
    const svg = svgOf(failureMapTable(loaded.model, 'distributed-proof', { graphviz }));
    expect(svg).not.toContain('<script>');
    const node = parseXml(svg).find((e) => e.name === 'a' && e.attributes['data-rail'] === 'm053-s02');
    expect(node?.attributes['aria-label']).toBe(`Fail<script>alert('x')</script> & "over" m053-s02 – results not shown`);
    expect(parseXml(svgOf(failureMapTable(loaded.model, 'distributed-proof', { graphviz }), 'narrow')).length).toBeGreaterThan(10);
  });

  it('is left out when the graph is switched off (no Graphviz in the context)', () => {
    expect(svgOf(failureMapTable(gate.model!, 'distributed-proof', {}))).toBe('');
  });
});
