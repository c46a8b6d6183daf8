/**
 * Draws the laid-out rails graph as inline SVG: real text, CSS classes (themed by the site's
 * CSS variables, light and dark), `<title>`/`<desc>`, each node a link to its failure-map row.
 * Border = the gate verified the rail's commands; fill = its last result, always with the
 * result in words on the node too (and a hatch for failed), never color alone.
 * Every text from the YAML is escaped.
 */
import { clipText, escapeForDisplay, NODE_TEXT_MAX } from '../display-text.ts';
import type { Layout } from './layout.ts';

export interface DrawnNode {
  id: string;
  /** Shown on the node (short: the rail id). */
  label: string;
  /** Shown in the node's tooltip and the description (id and label). */
  longLabel?: string;
  /** `ok`, `failed`, `running`, `not-run`, `unreadable`, or `off` (results not shown). */
  state: string;
  /** The result line, in words (`✗ failed in phase failover`). */
  stateText: string;
  verified: boolean | undefined;
  href: string;
  /** A small mark when a CI workflow runs the rail (`CI: tags`), in the tooltip too. */
  ci?: string;
}

export interface DrawnEdge {
  from: string;
  to: string;
  /**
   * Where the relation comes from: `both` (YAML and script agree), `yaml` or `script`; `unread`
   * when rails.yaml declares it with the reason the gate cannot read it from the script.
   */
  source: 'both' | 'yaml' | 'script' | 'unread';
}

export interface DrawInput {
  /** Unique per page: prefixes element ids. */
  idPrefix: string;
  title: string;
  description: string;
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  layout: Layout;
}

export const NODE_HEIGHT = 40;
const CHAR_WIDTH = 6.6;
const PADDING = 10;

/** Width that fits the node's two lines of text, as drawn (clipped). */
export function nodeWidth(label: string, stateText: string): number {
  return Math.ceil(Math.max(drawn(label).length, drawn(stateText).length * 0.92) * CHAR_WIDTH + PADDING * 2);
}

/** A node's line as drawn: clipped to fit (the node's title holds it whole). */
const drawn = (text: string): string => clipText(escapeForDisplay(text), NODE_TEXT_MAX);

/**
 * Text for XML: control and bidi characters as visible escapes (the one display rule; control
 * characters are not even allowed in XML 1.0), then the markup characters as references.
 */
export function escapeXml(text: string): string {
  return escapeForDisplay(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const round = (n: number) => Math.round(n * 10) / 10;

export function drawGraph(input: DrawInput): string {
  const { layout, idPrefix } = input;
  const pad = 4;
  const width = Math.ceil(layout.width + pad * 2);
  const height = Math.ceil(layout.height + pad * 2);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="proof-graph-svg" width="${width}" height="${height}" viewBox="${-pad} ${-pad} ${width} ${height}" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc">`,
    `<title id="${idPrefix}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${idPrefix}-desc">${escapeXml(input.description)}</desc>`,
    '<defs>',
    `<marker id="${idPrefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="pg-arrowhead" d="M0,0L10,5L0,10z"/></marker>`,
    `<pattern id="${idPrefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="pg-hatch-bg" width="6" height="6"/><line class="pg-hatch-line" x1="0" y1="0" x2="0" y2="6"/></pattern>`,
    '</defs>',
  );
  for (const group of layout.groups) {
    const { x, y, width: w, height: h } = group.box;
    out.push(
      `<g class="pg-group"><rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="6"/><text x="${round(x + 8)}" y="${round(y + 14)}">${escapeXml(group.title)}</text></g>`,
    );
  }
  const sources = new Map(input.edges.map((edge) => [`${edge.from}\u0000${edge.to}`, edge.source]));
  for (const edge of layout.edges) {
    if (edge.points.length === 0) continue;
    const [start, ...rest] = edge.points;
    let d = `M${round(start![0])},${round(start![1])}`;
    for (let i = 0; i + 2 < rest.length; i += 3) {
      d += `C${rest.slice(i, i + 3).map(([x, y]) => `${round(x)},${round(y)}`).join(' ')}`;
    }
    if (edge.tip) d += `L${round(edge.tip[0])},${round(edge.tip[1])}`;
    const source = sources.get(`${edge.from}\u0000${edge.to}`) ?? 'both';
    out.push(
      `<path class="pg-edge pg-edge-${source}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}" d="${d}" marker-end="url(#${idPrefix}-arrow)"/>`,
    );
  }
  for (const node of input.nodes) {
    const box = layout.nodes.get(node.id);
    if (!box) continue;
    const border = node.verified === undefined ? 'pg-unchecked' : node.verified ? 'pg-verified' : 'pg-unverified';
    const hatch = node.state === 'failed' ? ` style="fill:url(#${idPrefix}-hatch)"` : '';
    const cx = round(box.x + box.width / 2);
    out.push(
      `<a href="${escapeXml(node.href)}" class="pg-node pg-state-${escapeXml(node.state)} ${border}" data-rail="${escapeXml(node.id)}">`,
      `<title>${escapeXml(`${node.longLabel ?? node.label}: ${node.stateText}${node.verified === false ? ' (commands not verified)' : ''}${node.ci ? ` · ${node.ci}` : ''}`)}</title>`,
      `<rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}" rx="5"${hatch}/>`,
      `<text class="pg-label" x="${cx}" y="${round(box.y + 16)}" text-anchor="middle">${escapeXml(drawn(node.label))}</text>`,
      `<text class="pg-state" x="${cx}" y="${round(box.y + 31)}" text-anchor="middle">${escapeXml(drawn(node.stateText))}</text>`,
      ...(node.ci ? [`<text class="pg-ci" x="${round(box.x + box.width - 4)}" y="${round(box.y + 10)}" text-anchor="end" font-size="8">CI</text>`] : []),
      '</a>',
    );
  }
  out.push('</svg>');
  return out.join('');
}
