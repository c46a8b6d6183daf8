/**
 * Draws the laid-out rails graph as inline SVG: real text, CSS classes (themed by the site's
 * CSS variables, light and dark), each node a link to its failure-map row showing the rail's
 * name, id and last-run mark (marks.ts). Border = the gate verified the rail's commands; fill =
 * its last run, always in words on the node too (and a hatch for failed), never color alone.
 * Every text from the YAML is escaped.
 */
import { clipText, escapeForDisplay, NODE_TEXT_MAX } from '../display-text.ts';
import type { Layout } from './layout.ts';

export interface DrawnNode {
  id: string;
  /** The rail's name, the node's first line. */
  label: string;
  /** `ok`, `failed`, `running`, `not-run`, `unreadable`, or `off` (results not shown). */
  state: string;
  /** The last-run mark, in words (`✗ last run failed in failover`): the third line. */
  stateText: string;
  verified: boolean | undefined;
  href: string;
  /** What a screen reader says for the node's link. */
  spoken: string;
  /** A small mark when a CI workflow runs the rail (`CI: tags`). */
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
  /** Unique per page and drawing: prefixes element ids. */
  idPrefix: string;
  /** Where names wrap (as given to nodeWidth and nodeHeight for the layout). */
  wrapAt?: number;
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  layout: Layout;
}

export const NODE_HEIGHT = 56;
const PADDING = 10;
/** Average advance per character of each line's font (12 px semibold, 11 px mono, 11 px). */
const LABEL_CHAR = 7.2;
const ID_CHAR = 6.8;
const STATE_CHAR = 6.4;

const LINE = 15;

/**
 * The name's lines: whole words, at most `wrapAt` characters a line where a word allows (the
 * wide drawing wraps long names so three ranks fit the content column; the column does not).
 */
export function labelLines(label: string, wrapAt = Infinity): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= wrapAt) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The id line: the id, and `· CI` when a hosted workflow runs the rail. */
function idLine(node: Pick<DrawnNode, 'id' | 'ci'>): string {
  return node.ci ? `${node.id} · CI` : node.id;
}

/** Width that fits the node's lines of text. */
export function nodeWidth(node: Pick<DrawnNode, 'label' | 'id' | 'stateText' | 'ci'>, wrapAt?: number): number {
  const name = labelLines(node.label, wrapAt).reduce((longest, line) => Math.max(longest, line.length), 0);
  return Math.ceil(Math.max(name * LABEL_CHAR, idLine(node).length * ID_CHAR, node.stateText.length * STATE_CHAR) + PADDING * 2);
}

/** Height that fits the node's lines: the name's lines, the id, the last run. */
export function nodeHeight(label: string, wrapAt?: number): number {
  return NODE_HEIGHT + LINE * (labelLines(label, wrapAt).length - 1);
}

/** Width a tier box's title needs (11 px semibold), with room on both sides. */
export function titleWidth(title: string): number {
  return Math.ceil(title.length * 6.8 + 20);
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
  // Not role="img": the drawing holds links. The figure around it is the labelled group.
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="proof-graph-svg" width="${width}" height="${height}" viewBox="${-pad} ${-pad} ${width} ${height}">`,
    '<defs>',
    `<pattern id="${idPrefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="pg-hatch-bg" width="6" height="6"/><line class="pg-hatch-line" x1="0" y1="0" x2="0" y2="6"/></pattern>`,
    '</defs>',
  );
  for (const group of layout.groups) {
    const { x, y, width: w, height: h } = group.box;
    out.push(
      `<g class="pg-group"><rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="6"/><text x="${round(x + 10)}" y="${round(y + 15)}">${escapeXml(group.title)}</text></g>`,
    );
  }
  const sources = new Map(input.edges.map((edge) => [`${edge.from}\u0000${edge.to}`, edge.source]));
  const [ax, ay] = layout.arrow;
  const heads = new Map<string, [number, number]>();
  for (const edge of layout.edges) {
    if (edge.points.length === 0) continue;
    const box = layout.nodes.get(edge.to);
    if (!box) continue;
    // One arrowhead per rail, whatever the number of arrows into it, at the middle of its side.
    const shared: [number, number] = [layout.headSide === 'w' ? box.x : box.x + box.width, box.y + box.height / 2];
    heads.set(edge.to, shared);
    const base: [number, number] = [shared[0] - ax * ARROW, shared[1] - ay * ARROW];
    const [start, ...rest] = edge.points;
    let d = `M${round(start![0])},${round(start![1])}`;
    for (let i = 0; i + 2 < rest.length; i += 3) {
      d += `C${rest.slice(i, i + 3).map(([x, y]) => `${round(x)},${round(y)}`).join(' ')}`;
    }
    d += `L${round(base[0])},${round(base[1])}`;
    const source = sources.get(`${edge.from}\u0000${edge.to}`) ?? 'both';
    out.push(`<path class="pg-edge pg-edge-${source}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}" d="${d}"/>`);
  }
  for (const [to, [tx, ty]] of heads) {
    const bx = tx - ax * ARROW;
    const by = ty - ay * ARROW;
    const points = [
      [tx, ty],
      [bx - ay * 4.5, by + ax * 4.5],
      [bx + ay * 4.5, by - ax * 4.5],
    ];
    out.push(`<path class="pg-arrowhead" data-to="${escapeXml(to)}" d="M${points.map(([x, y]) => `${round(x!)},${round(y!)}`).join('L')}z"/>`);
  }
  for (const node of input.nodes) {
    const box = layout.nodes.get(node.id);
    if (!box) continue;
    const border = node.verified === undefined ? 'pg-unchecked' : node.verified ? 'pg-verified' : 'pg-unverified';
    const hatch = node.state === 'failed' ? ` style="fill:url(#${idPrefix}-hatch)"` : '';
    const cx = round(box.x + box.width / 2);
    out.push(
      `<a href="${escapeXml(node.href)}" class="pg-node pg-state-${escapeXml(node.state)} ${border}" data-rail="${escapeXml(node.id)}" aria-label="${escapeXml(node.spoken)}">`,
      `<rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}" rx="5"${hatch}/>`,
      // Each line ends in a space, so the link's text reads as words (it is also its accessible name).
      ...labelLines(node.label, input.wrapAt).map((line, i) => `<text class="pg-label" x="${cx}" y="${round(box.y + 17 + LINE * i)}" text-anchor="middle">${escapeXml(line)} </text>`),
      `<text class="pg-id" x="${cx}" y="${round(box.y + box.height - 24)}" text-anchor="middle">${escapeXml(idLine(node))} </text>`,
      `<text class="pg-state" x="${cx}" y="${round(box.y + box.height - 9)}" text-anchor="middle">${escapeXml(node.stateText)}</text>`,
      '</a>',
    );
  }
  out.push('</svg>');
  return out.join('');
}

const ARROW = 9;
