/**
 * Layout of the rails graph by Graphviz (`dot`, compiled to WASM by @viz-js/viz): we hand it
 * node sizes, tier clusters and the `runs` edges, and read back positions (`json0`), never
 * hand-placed coordinates. Drawing is ours (svg.ts), so the picture has real text, classes and
 * links.
 */
import type { Viz } from '@viz-js/viz';

export type Graphviz = Viz;

let loading: Promise<Graphviz> | undefined;

/**
 * The WASM module, loaded once per process, when the first page with a graph renders: a
 * rebuild whose pages all come from Astro's cache never loads it (its module and WASM cost
 * about 0.07 s of the main thread, and the compile more on other threads).
 */
export function loadGraphviz(): Promise<Graphviz> {
  loading ??= import('@viz-js/viz').then((viz) => viz.instance());
  return loading;
}

export interface LayoutNode {
  id: string;
  /** Cluster (tier) the node sits in. */
  group: string;
  width: number;
  height: number;
}

export interface LayoutInput {
  nodes: LayoutNode[];
  edges: Array<{ from: string; to: string }>;
  /** Cluster titles by group, in drawing order. */
  groups: ReadonlyMap<string, string>;
  /** Width a cluster's title needs (our font, not Graphviz's guess), so it never sticks out. */
  titleWidth(title: string): number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  groups: Array<{ group: string; title: string; box: Box }>;
  /**
   * Each edge as cubic Bézier points (start, then triples), plus the arrow tip. Edges into the
   * same rail share their tip (and edges out of one rail their start), so they merge into one
   * arrowhead instead of piling several into a blob.
   */
  edges: Array<{ from: string; to: string; points: Array<[number, number]>; tip?: [number, number] }>;
  /** The way every arrowhead points (a unit vector): along the ranks. */
  arrow: [number, number];
  /** Where arrows meet a rail's box: the middle of its `w`est side, or of its `e`ast side. */
  headSide: 'w' | 'e';
}

const POINTS_PER_INCH = 72;
/** Points each cluster box is drawn inside the one dot computed (it keeps `margin=10` around nodes). */
const CLUSTER_INSET = 4;

export function toDot(input: LayoutInput): string {
  const quote = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, ' ')}"`;
  const lines = [
    'digraph rails {',
    // nodesep also keeps stacked tier boxes apart; ranksep leaves room for merged arrows.
    '  graph [rankdir=LR, nodesep=0.3, ranksep=0.5, margin=0, fontname="sans-serif", fontsize=12];',
    '  node [shape=box, fixedsize=true, label=""];',
    // All edges into one rail end at the middle of its west side, all out of one start at the
    // middle of its east side: they merge there (svg.ts draws one arrowhead) instead of
    // crossing into a pile of arrowheads.
    '  edge [headport=w, tailport=e];',
  ];
  const titleLabel = (title: string) =>
    `<<table border="0" cellpadding="0" cellspacing="0" fixedsize="true" width="${Math.ceil(input.titleWidth(title))}" height="18"><tr><td> </td></tr></table>>`;
  // Dot stacks LR clusters bottom-up in input order; emit them reversed so the first tier is on top.
  for (const [group, title] of [...input.groups].reverse()) {
    const members = input.nodes.filter((node) => node.group === group);
    if (members.length === 0) continue;
    lines.push(`  subgraph ${quote(`cluster_${group}`)} {`, `    label=${titleLabel(title)}; labeljust=l; margin=10;`);
    for (const node of members) {
      lines.push(`    ${quote(node.id)} [width=${(node.width / POINTS_PER_INCH).toFixed(3)}, height=${(node.height / POINTS_PER_INCH).toFixed(3)}];`);
    }
    lines.push('  }');
  }
  for (const edge of input.edges) lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)};`);
  lines.push('}');
  return lines.join('\n');
}

interface Json0 {
  bb: string;
  objects?: Array<{ _gvid: number; name: string; pos?: string; width?: string; height?: string; bb?: string; label?: string; nodes?: number[] }>;
  edges?: Array<{ tail: number; head: number; pos?: string }>;
}

export function layoutGraph(graphviz: Graphviz, input: LayoutInput): Layout {
  const json = JSON.parse(graphviz.renderString(toDot(input), { format: 'json0', engine: 'dot' })) as Json0;
  const [, , width, height] = json.bb.split(',').map(Number) as [number, number, number, number];
  const flip = (x: number, y: number): [number, number] => [x, height - y];
  const byGvid = new Map<number, string>();
  const nodes = new Map<string, Box>();
  const groups: Layout['groups'] = [];
  const titles = new Map([...input.groups].map(([group, title]) => [`cluster_${group}`, { group, title }]));
  for (const object of json.objects ?? []) {
    const cluster = titles.get(object.name);
    if (cluster && object.bb) {
      const [x1, y1, x2, y2] = object.bb.split(',').map(Number) as [number, number, number, number];
      // Dot lets stacked clusters share an edge; inset each box so neighbours never touch.
      groups.push({ ...cluster, box: { x: x1 + CLUSTER_INSET, y: height - y2 + CLUSTER_INSET, width: x2 - x1 - 2 * CLUSTER_INSET, height: y2 - y1 - 2 * CLUSTER_INSET } });
      continue;
    }
    if (!object.pos) continue;
    byGvid.set(object._gvid, object.name);
    const [cx, cy] = object.pos.split(',').map(Number) as [number, number];
    const w = Number(object.width) * POINTS_PER_INCH;
    const h = Number(object.height) * POINTS_PER_INCH;
    const [x, y] = flip(cx, cy);
    nodes.set(object.name, { x: x - w / 2, y: y - h / 2, width: w, height: h });
  }
  const edges = (json.edges ?? []).map((edge) => {
    const parts = (edge.pos ?? '').split(' ').filter(Boolean);
    let tip: [number, number] | undefined;
    const points: Array<[number, number]> = [];
    for (const part of parts) {
      const [kind, ...rest] = part.split(',');
      if (kind === 'e') tip = flip(Number(rest[0]), Number(rest[1]));
      else if (kind !== 's') points.push(flip(Number(kind), Number(rest[0])));
    }
    return { from: byGvid.get(edge.tail)!, to: byGvid.get(edge.head)!, points, ...(tip ? { tip } : {}) };
  });
  return { width, height, nodes, groups, edges, arrow: [1, 0], headSide: 'w' };
}
