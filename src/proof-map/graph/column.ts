/**
 * The narrow layout of the rails graph, for phones: one column of rail boxes, each tier a box
 * around its rails, every "runs" arrow an arc on the right side. It fits a 375 px screen with
 * nothing hidden, where Graphviz's layout needs about 500 px. No Graphviz here: a column has
 * one sensible placement, so computing it is plain arithmetic, in the same `Layout` shape the
 * drawing (svg.ts) takes.
 */
import type { Box, Layout, LayoutInput } from './layout.ts';

/** The widest drawing that fits a 375 px phone's content column without scaling. */
export const COLUMN_WIDTH = 330;
const GROUP_PAD = 8;
const TITLE_HEIGHT = 22;
const NODE_GAP = 8;
const GROUP_GAP = 12;
const ARC_STEP = 7;
const ARC_BASE = 12;

export function columnLayout(input: LayoutInput): Layout {
  const order = [...input.groups.keys()].flatMap((group) => input.nodes.filter((node) => node.group === group));
  const levels = arcLevels(order.map((node) => node.id), input.edges);
  const arcSpace = ARC_BASE + ARC_STEP * Math.max(0, ...levels.values()) + 6;
  const widest = Math.max(0, ...order.map((node) => node.width), ...[...input.groups.values()].map((title) => input.titleWidth(title) - GROUP_PAD * 2));
  const width = Math.max(COLUMN_WIDTH, widest + GROUP_PAD * 2 + arcSpace);
  const groupWidth = width - arcSpace;
  const nodes = new Map<string, Box>();
  const groups: Layout['groups'] = [];
  let y = 0;
  for (const [group, title] of input.groups) {
    const members = order.filter((node) => node.group === group);
    if (members.length === 0) continue;
    const top = y;
    y += TITLE_HEIGHT;
    for (const node of members) {
      nodes.set(node.id, { x: GROUP_PAD, y, width: groupWidth - GROUP_PAD * 2, height: node.height });
      y += node.height + NODE_GAP;
    }
    y += GROUP_PAD - NODE_GAP;
    groups.push({ group, title, box: { x: 0, y: top, width: groupWidth, height: y - top } });
    y += GROUP_GAP;
  }
  const edges = input.edges.flatMap(({ from, to }) => {
    const a = nodes.get(from);
    const b = nodes.get(to);
    if (!a || !b) return [];
    const x = groupWidth - GROUP_PAD;
    const start: [number, number] = [x, a.y + a.height / 2];
    const tip: [number, number] = [x, b.y + b.height / 2];
    const bulge = x + ARC_BASE + ARC_STEP * (levels.get(`${from}\u0000${to}`) ?? 0);
    const base: [number, number] = [x + 8, tip[1]];
    const points: Array<[number, number]> = [start, [bulge, start[1]], [bulge, base[1]], base];
    return [{ from, to, points, tip }];
  });
  return { width, height: Math.max(0, y - GROUP_GAP), nodes, groups, edges, arrow: [-1, 0], headSide: 'e' };
}

/** Nested arcs get growing bulges, so no two arcs that overlap in height share one. */
function arcLevels(order: string[], edges: LayoutInput['edges']): Map<string, number> {
  const index = new Map(order.map((id, i) => [id, i]));
  const spans = edges
    .map((edge) => ({ key: `${edge.from}\u0000${edge.to}`, lo: Math.min(index.get(edge.from) ?? 0, index.get(edge.to) ?? 0), hi: Math.max(index.get(edge.from) ?? 0, index.get(edge.to) ?? 0), edge }))
    .sort((a, b) => a.hi - a.lo - (b.hi - b.lo));
  const placed: Array<{ lo: number; hi: number; level: number; from: string; to: string }> = [];
  const levels = new Map<string, number>();
  for (const span of spans) {
    let level = 0;
    // Arcs that share an end may share a level (they merge there); others that overlap may not.
    while (placed.some((other) => other.level === level && other.lo < span.hi && span.lo < other.hi && other.to !== span.edge.to && other.from !== span.edge.from)) level++;
    placed.push({ lo: span.lo, hi: span.hi, level, from: span.edge.from, to: span.edge.to });
    levels.set(span.key, level);
  }
  return levels;
}
