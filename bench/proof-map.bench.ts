/**
 * Cost of the live proof map, as ratios measured in one run (goals: a build with the graph
 * within 1.15× of one without, on the sample; laying out and drawing 200 rails under 1 s).
 */
import { performance } from 'node:perf_hooks';
import { describe, test } from 'vitest';
import { layoutGraph, loadGraphviz } from '../src/proof-map/graph/layout.ts';
import { drawGraph, NODE_HEIGHT, nodeWidth, titleWidth } from '../src/proof-map/graph/svg.ts';
import { columnLayout } from '../src/proof-map/graph/column.ts';
import { TIER_TITLES } from '../src/proof-map/tiers.ts';
import { TIERS } from '../src/rails/schema.ts';
import { copySite, runAstro } from '../test/helpers/site-fixture.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('live proof map', () => {
  test('astro build on the sample: with the graph / without it', async () => {
    const site = copySite();
    await runAstro(site, ['build']); // warm the caches once
    const timed = async (graph: 'on' | 'off') => {
      const start = performance.now();
      const run = await runAstro(site, ['build'], { PROOF_GRAPH: graph });
      if (run.code !== 0) throw new Error(run.output);
      return performance.now() - start;
    };
    const withGraph: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < 3; i++) {
      without.push(await timed('off'));
      withGraph.push(await timed('on'));
    }
    const ratio = median(withGraph) / median(without);
    console.log(`build with graph ${median(withGraph).toFixed(0)} ms, without ${median(without).toFixed(0)} ms: ratio ${ratio.toFixed(3)} (goal ≤ 1.15)`);
  });

  test('lay out and draw 200 rails', async ({ bench }) => {
    const graphviz = await loadGraphviz();
    const ids = Array.from({ length: 200 }, (_, i) => `m${String(100 + Math.floor(i / 8)).padStart(3, '0')}-s${String(i % 8).padStart(2, '0')}`);
    const nodes = ids.map((id, i) => ({ id, group: TIERS[i % TIERS.length]!, width: nodeWidth({ id, label: 'A rail of the benchmark', stateText: '✓ last run ok' }), height: NODE_HEIGHT }));
    // Chains like the real map: each slice replays the one before it, aliases replay a cutover.
    const edges = ids.flatMap((id, i) => (i % 8 === 0 ? [] : [{ from: id, to: ids[i - 1]! }]));
    const groups = new Map(Object.entries(TIER_TITLES));
    const once = () => {
      const input = { nodes, edges, groups, titleWidth };
      const drawn = ids.map((id) => ({ id, label: 'A rail of the benchmark', state: 'ok', stateText: '✓ last run ok', verified: true, href: `#rail-${id}`, spoken: id }));
      const sourced = edges.map((edge) => ({ ...edge, source: 'both' as const }));
      // Both drawings, as a page has them: Graphviz's and the phone's column.
      return [layoutGraph(graphviz, input), columnLayout(input)].map((layout) => drawGraph({ idPrefix: 'bench', nodes: drawn, edges: sourced, layout }));
    };
    const start = performance.now();
    once();
    const ms = performance.now() - start;
    console.log(`200 rails laid out and drawn in ${ms.toFixed(0)} ms: ${(ms / 1000).toFixed(3)} of the 1 s goal`);
    await bench('layout + draw, 200 rails', once).run();
  });
});
