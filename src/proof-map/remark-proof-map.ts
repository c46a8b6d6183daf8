/**
 * Remark plugin: expands the proof-map directives (`::failure-map`, `:rail{id=...}`, ...) from
 * rails.yaml as the gate reads pages (the site renders them with Sätteri, satteri-proof-map.ts;
 * both expand through expand-directive.ts). Errors carry the directive's position, so the gate
 * says `page.md:line:col`; every bad directive of a page is recorded, not only the first.
 * Generated nodes carry the directive's position, so a finding about them names its line.
 */
import type { Parent, Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { Node } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { escapeControl } from '../core/escape.ts';
import { STARLIGHT_DIRECTIVES } from './directives.ts';
import { expand, isDirective, pageTools, renderContext, SKIP_DIRECTIVE, type ProofMapOptions } from './expand-directive.ts';
import { loadGraphviz } from './graph/layout.ts';

export default function remarkProofMap(options: ProofMapOptions) {
  return async (tree: Root, file: VFile): Promise<void> => {
    // Graphviz is WASM and loads asynchronously, once per process; only pages with a map need it.
    const graphviz = options.graph !== false && hasFailureMap(tree) ? await loadGraphviz() : undefined;
    // Every bad directive of the page is recorded; the first is thrown at the end, so the build
    // (and the dev overlay) still stops on the page, while the gate reports them all.
    const problems: VFileMessage[] = [];
    const page = pageTools(options, file.path, String(file.value ?? ''), renderContext(options, graphviz), (node, message, ruleId) => {
      // Astro prints these to the terminal: page and YAML text must not drive it.
      const problem = file.message(escapeControl(message), { place: node.position, ruleId, source: 'mesh-proof-map' });
      problem.fatal = true;
      problems.push(problem);
    });
    visit(tree, (node: Node, index, parent) => {
      if (!isDirective(node)) return undefined;
      if (STARLIGHT_DIRECTIVES.has(node.name)) return undefined;
      if (page.railsBroken()) return SKIP; // one line about the YAML is enough
      try {
        const replacement = expand(node, page.tools);
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

function hasFailureMap(tree: Root): boolean {
  let found = false;
  visit(tree, 'leafDirective', (node: LeafDirective) => {
    if (node.name === 'failure-map') found = true;
  });
  return found;
}

