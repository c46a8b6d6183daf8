/**
 * The proof-map directives, expanded the same way for the site (Sätteri, satteri-proof-map.ts)
 * and for the gate (remark, remark-proof-map.ts): each adapter walks its own tree and hands
 * every directive here, with the page's tools.
 */
import path from 'node:path';
import type { PhrasingContent, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { Node } from 'unist';
import { suggestName } from '../core/did-you-mean.ts';
import { currentRails } from '../rails/current.ts';
import type { LoadRailsOptions } from '../rails/load.ts';
import type { RailsModel } from '../rails/model.ts';
import type { Provenance, RenderContext } from './context.ts';
import { DIRECTIVES, DirectiveError } from './directives.ts';

export type AnyDirective = LeafDirective | TextDirective | ContainerDirective;

/** What both adapters take: where rails.yaml and the pages are, and what pages show about the gate. */
export interface ProofMapOptions extends LoadRailsOptions, RenderContext {
  /** Draw the rails graph above each failure map (default true; `PROOF_GRAPH=off` for a build without it). */
  graph?: boolean;
  /** Reads the gate's latest provenance when a page renders (dev re-checks change it); wins over `provenance`. */
  provenanceSource?: () => Provenance | undefined;
}

/** The page's render context: the latest provenance and, when loaded, the graph layout. */
export function renderContext(options: ProofMapOptions, graphviz: RenderContext['graphviz']): RenderContext {
  const provenance = options.provenanceSource?.() ?? options.provenance;
  return { ...(provenance ? { provenance } : {}), ...(graphviz ? { graphviz } : {}) };
}

/** Sätteri reads no label or attributes on an inline directive whose `[label]` spans lines. */
export const oneLineMessage = (name: string) =>
  `Write \`:${name}[...]{...}\` on one line: the site's Markdown renderer drops the label and attributes of an inline directive that spans lines`;

/** Thrown by `fail` to leave a bad directive in place and go on with the next one. */
export const SKIP_DIRECTIVE = Symbol('skip directive');

export interface ExpandTools {
  fail: (node: AnyDirective, message: string, ruleId: string) => never;
  /** Records a problem and goes on expanding the directive. */
  record: (node: AnyDirective, message: string, ruleId: string) => void;
  /** The page's text, to see what the parser left next to a directive. */
  source: string;
  getModel: (node: AnyDirective) => RailsModel;
  pageId: (model: RailsModel) => string | undefined;
  context: RenderContext;
}

/** The nodes a directive expands to; undefined for text that only looks like a directive. */
export function expand(node: AnyDirective, { fail, record, getModel, pageId, context, source }: ExpandTools): RootContent[] | undefined {
  const directive = DIRECTIVES[node.name];
  if (directive && node.type === 'textDirective' && node.position) {
    // Sätteri (the site's parser, and the gate's) reads `:name[label over\nlines]{...}` as a
    // bare `:name` followed by text: its label and attributes are lost, so skip it. remark
    // keeps them; the page would still render without them on the site.
    const bare = node.children.length === 0 && Object.keys(node.attributes ?? {}).length === 0;
    if (bare && source[node.position.end.offset ?? -1] === '[') fail(node, oneLineMessage(node.name), 'directive-bad-attribute');
    if (node.position.start.line !== node.position.end.line) record(node, oneLineMessage(node.name), 'directive-bad-attribute');
  }
  if (!directive) {
    // `host:port` in prose parses as a text directive named `port`; only a directive with
    // attributes or a label, or a block one, is clearly meant as a directive.
    const meant = node.type !== 'textDirective' || node.children.length > 0 || Object.keys(node.attributes ?? {}).length > 0;
    if (!meant) return undefined;
    return fail(node, `Unknown directive "${node.name}"; ${suggestName(node.name, Object.keys(DIRECTIVES))}`, 'directive-unknown');
  }
  const expectedType = directive.kind === 'leaf' ? 'leafDirective' : 'textDirective';
  if (node.type !== expectedType) {
    const form = directive.kind === 'leaf' ? `::${node.name}` : `:${node.name}{...}`;
    fail(node, `"${node.name}" is written as \`${form}\` (on its own line for blocks, inside a sentence for inline)`, 'directive-bad-attribute');
  }
  const attributes = Object.fromEntries(
    Object.entries(node.attributes ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const unknown = Object.keys(attributes).filter((name) => !directive.attributes.includes(name));
  if (unknown.length > 0) {
    const allowed = directive.attributes.length > 0 ? `it takes: ${directive.attributes.join(', ')}` : 'it takes no attributes';
    fail(node, `Unknown attribute "${unknown[0]}" on "${node.name}"; ${allowed}`, 'directive-bad-attribute');
  }
  const m = getModel(node);
  try {
    const children = (node.children ?? []) as PhrasingContent[];
    const input = { children, model: m, context, attributes, pageId: pageId(m) };
    return directive.kind === 'leaf' ? directive.render(input) : [directive.render(input)].flat();
  } catch (error) {
    if (error instanceof DirectiveError) return fail(node, error.message, error.ruleId);
    throw error;
  }
}

export function isDirective(node: Node): node is AnyDirective {
  return node.type === 'leafDirective' || node.type === 'textDirective' || node.type === 'containerDirective';
}


/**
 * What a page's directives need: the rails model (read once per page; a broken YAML is one
 * problem, reported at the first directive, and the page's other directives are left alone),
 * the page's id, and `fail`, which records a problem through `record` and skips the directive.
 */
export function pageTools(
  options: LoadRailsOptions,
  filePath: string | undefined,
  source: string,
  context: RenderContext,
  record: (node: AnyDirective, message: string, ruleId: string) => void,
): { tools: ExpandTools; railsBroken: () => boolean } {
  const fail = (node: AnyDirective, message: string, ruleId: string): never => {
    record(node, message, ruleId);
    throw SKIP_DIRECTIVE;
  };
  let model: RailsModel | undefined;
  let broken = false;
  const getModel = (node: AnyDirective): RailsModel => {
    if (model) return model;
    const loaded = currentRails(options);
    if (!loaded.ok) {
      broken = true;
      const first = loaded.diagnostics[0]!;
      fail(
        node,
        `rails.yaml is invalid (${first.position.file}:${first.position.line}:${first.position.column}: ${first.message}); fix it before this page can render`,
        first.code,
      );
    }
    model = loaded.model;
    return model!;
  };
  const pageId = (m: RailsModel): string | undefined => {
    if (!filePath) return undefined;
    // Astro gives absolute paths; the gate gives paths relative to the site root.
    const relative = path.relative(options.docsDir, path.resolve(options.siteRoot, filePath)).split(path.sep).join('/');
    return m.pages.find((page) => page.file === relative)?.id;
  };
  return { tools: { fail, record, getModel, pageId, context, source }, railsBroken: () => broken };
}
