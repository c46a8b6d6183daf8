/**
 * Remark plugin: expands the proof-map directives (`::failure-map`, `:rail{id=...}`, ...) from
 * rails.yaml. Must run before Starlight's directive handling, which turns unknown directives
 * back into text. Errors carry the directive's position (`file.fail`), so the build says
 * `page.md:line:col`.
 */
import path from 'node:path';
import type { Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { LeafDirective, TextDirective, ContainerDirective } from 'mdast-util-directive';
import type { Node } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { LoadRailsOptions } from '../rails/load.ts';
import { currentRails } from '../rails/current.ts';
import type { RailsModel } from '../rails/model.ts';
import type { RenderContext } from './context.ts';
import { DIRECTIVES, DirectiveError, STARLIGHT_DIRECTIVES } from './directives.ts';
import { suggestName } from '../gate/suggest.ts';
import { loadGraphviz } from './graph/layout.ts';

export interface RemarkProofMapOptions extends LoadRailsOptions, RenderContext {
  /** Draw the rails graph above each failure map (default true; `PROOF_GRAPH=off` for a build without it). */
  graph?: boolean;
}

type AnyDirective = LeafDirective | TextDirective | ContainerDirective;

export default function remarkProofMap(options: RemarkProofMapOptions) {
  return async (tree: Root, file: VFile): Promise<void> => {
    // Graphviz is WASM and loads asynchronously, once per process; only pages with a map need it.
    const graphviz = options.graph !== false && hasFailureMap(tree) ? await loadGraphviz() : undefined;
    const context: RenderContext = { ...(options.provenance ? { provenance: options.provenance } : {}), ...(graphviz ? { graphviz } : {}) };
    let model: RailsModel | undefined;
    const getModel = (node: AnyDirective): RailsModel => {
      if (model) return model;
      const loaded = currentRails(options);
      if (!loaded.ok) {
        const first = loaded.diagnostics[0]!;
        file.fail(
          `rails.yaml is invalid (${first.position.file}:${first.position.line}:${first.position.column}: ${first.message}); fix it before this page can render`,
          { place: node.position, ruleId: first.code, source: 'mesh-proof-map' },
        );
      }
      model = loaded.model;
      return model;
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
      const directive = DIRECTIVES[node.name];
      if (!directive) {
        // `host:port` in prose parses as a text directive named `port`; only a directive with
        // attributes or a label, or a block one, is clearly meant as a directive.
        const meant = node.type !== 'textDirective' || node.children.length > 0 || Object.keys(node.attributes ?? {}).length > 0;
        if (!meant) return undefined;
        file.fail(`Unknown directive "${node.name}"; ${suggestName(node.name, Object.keys(DIRECTIVES))}`, {
          place: node.position,
          ruleId: 'directive-unknown',
          source: 'mesh-proof-map',
        });
      }
      const expectedType = directive.kind === 'leaf' ? 'leafDirective' : 'textDirective';
      if (node.type !== expectedType) {
        const form = directive.kind === 'leaf' ? `::${node.name}` : `:${node.name}{...}`;
        failAt(file, node, `"${node.name}" is written as \`${form}\` (on its own line for blocks, inside a sentence for inline)`, 'directive-bad-attribute');
      }
      const attributes = Object.fromEntries(
        Object.entries(node.attributes ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      const unknown = Object.keys(attributes).filter((name) => !directive.attributes.includes(name));
      if (unknown.length > 0) {
        const allowed = directive.attributes.length > 0 ? `it takes: ${directive.attributes.join(', ')}` : 'it takes no attributes';
        failAt(file, node, `Unknown attribute "${unknown[0]}" on "${node.name}"; ${allowed}`, 'directive-bad-attribute');
      }
      const m = getModel(node);
      let replacement: RootContent[];
      try {
        const children = (node.children ?? []) as PhrasingContent[];
        const input = { children, model: m, context, attributes, pageId: pageId(m) };
        replacement = directive.kind === 'leaf' ? directive.render(input) : [directive.render(input)].flat();
      } catch (error) {
        if (error instanceof DirectiveError) failAt(file, node, error.message, error.ruleId);
        throw error;
      }
      if (parent && index !== undefined) {
        (parent as Parent).children.splice(index, 1, ...(replacement as Parent['children']));
        return [SKIP, index + replacement.length];
      }
      return undefined;
    });
  };
}

function hasFailureMap(tree: Root): boolean {
  let found = false;
  visit(tree, 'leafDirective', (node: LeafDirective) => {
    if (node.name === 'failure-map') found = true;
  });
  return found;
}

function isDirective(node: Node): node is AnyDirective {
  return node.type === 'leafDirective' || node.type === 'textDirective' || node.type === 'containerDirective';
}

function failAt(file: VFile, node: AnyDirective, message: string, ruleId: string): never {
  file.fail(message, { place: node.position, ruleId, source: 'mesh-proof-map' });
}
