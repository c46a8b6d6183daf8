/**
 * Remark plugin: expands the proof-map directives (`::failure-map`, `:rail{id=...}`, ...) from
 * rails.yaml. Must run before Starlight's directive handling, which turns unknown directives
 * back into text. Errors carry the directive's position, so the build says `page.md:line:col`;
 * every bad directive of a page is recorded, not only the first. Generated nodes carry the
 * directive's position, so a finding about them names the directive's line.
 */
import path from 'node:path';
import type { Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { LeafDirective, TextDirective, ContainerDirective } from 'mdast-util-directive';
import type { Node } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { LoadRailsOptions } from '../rails/load.ts';
import { currentRails } from '../rails/current.ts';
import type { RailsModel } from '../rails/model.ts';
import type { Provenance, RenderContext } from './context.ts';
import { DIRECTIVES, DirectiveError, STARLIGHT_DIRECTIVES } from './directives.ts';
import { escapeControl } from '../gate/report/escape.ts';
import { suggestName } from '../gate/suggest.ts';
import { loadGraphviz } from './graph/layout.ts';

export interface RemarkProofMapOptions extends LoadRailsOptions, RenderContext {
  /** Draw the rails graph above each failure map (default true; `PROOF_GRAPH=off` for a build without it). */
  graph?: boolean;
  /** Reads the gate's latest provenance when a page renders (dev re-checks change it); wins over `provenance`. */
  provenanceSource?: () => Provenance | undefined;
}

type AnyDirective = LeafDirective | TextDirective | ContainerDirective;

export default function remarkProofMap(options: RemarkProofMapOptions) {
  return async (tree: Root, file: VFile): Promise<void> => {
    // Graphviz is WASM and loads asynchronously, once per process; only pages with a map need it.
    const graphviz = options.graph !== false && hasFailureMap(tree) ? await loadGraphviz() : undefined;
    const provenance = options.provenanceSource?.() ?? options.provenance;
    const context: RenderContext = { ...(provenance ? { provenance } : {}), ...(graphviz ? { graphviz } : {}) };
    // Every bad directive of the page is recorded; the first is thrown at the end, so the build
    // (and the dev overlay) still stops on the page, while the gate reports them all.
    const problems: VFileMessage[] = [];
    const fail = (node: AnyDirective, message: string, ruleId: string): never => {
      // Astro prints these to the terminal: page and YAML text must not drive it.
      const problem = file.message(escapeControl(message), { place: node.position, ruleId, source: 'mesh-proof-map' });
      problem.fatal = true;
      problems.push(problem);
      throw SKIP_DIRECTIVE;
    };
    let model: RailsModel | undefined;
    let railsBroken = false;
    const getModel = (node: AnyDirective): RailsModel => {
      if (model) return model;
      const loaded = currentRails(options);
      if (!loaded.ok) {
        railsBroken = true;
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
      if (!file.path) return undefined;
      // Astro gives absolute paths; the gate gives paths relative to the site root.
      const relative = path.relative(options.docsDir, path.resolve(options.siteRoot, file.path)).split(path.sep).join('/');
      return m.pages.find((page) => page.file === relative)?.id;
    };

    visit(tree, (node: Node, index, parent) => {
      if (!isDirective(node)) return undefined;
      if (STARLIGHT_DIRECTIVES.has(node.name)) return undefined;
      if (railsBroken) return SKIP; // one line about the YAML is enough
      try {
        const replacement = expand(node, { fail, getModel, pageId, context });
        if (replacement === undefined) return undefined;
        for (const generatedNode of replacement) generatedNode.position ??= node.position; // generated from this line
        if (parent && index !== undefined) {
          (parent as Parent).children.splice(index, 1, ...(replacement as Parent['children']));
          return [SKIP, index + replacement.length];
        }
        return undefined;
      } catch (error) {
        if (error === SKIP_DIRECTIVE) return SKIP;
        throw error;
      }
    });
    if (problems.length > 0) throw problems[0];
  };
}

/** Thrown by `fail` to leave a bad directive in place and go on with the next one. */
const SKIP_DIRECTIVE = Symbol('skip directive');

interface ExpandTools {
  fail: (node: AnyDirective, message: string, ruleId: string) => never;
  getModel: (node: AnyDirective) => RailsModel;
  pageId: (model: RailsModel) => string | undefined;
  context: RenderContext;
}

/** The nodes a directive expands to; undefined for text that only looks like a directive. */
function expand(node: AnyDirective, { fail, getModel, pageId, context }: ExpandTools): RootContent[] | undefined {
  const directive = DIRECTIVES[node.name];
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

function isDirective(node: Node): node is AnyDirective {
  return node.type === 'leafDirective' || node.type === 'textDirective' || node.type === 'containerDirective';
}

function hasFailureMap(tree: Root): boolean {
  let found = false;
  visit(tree, 'leafDirective', (node: LeafDirective) => {
    if (node.name === 'failure-map') found = true;
  });
  return found;
}
