/**
 * Sätteri mdast plugin: expands the proof-map directives on the site's pages (Sätteri is Astro's
 * Markdown processor; the gate reads pages through remark-proof-map.ts, and both expand through
 * expand-directive.ts). It must come before Starlight's plugins, which turn directives they do
 * not know back into text.
 *
 * A bad directive is reported where Astro can see it: Astro logs an error thrown while
 * rendering a page and carries on, so each problem is also recorded (render-problems.ts) and
 * the build fails on them once content has rendered.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RootContent } from 'mdast';
import type { MdastPluginDefinition, MdastVisitorContext, PluginFactoryContext } from 'satteri';
import type { DiagnosticCode } from '../core/codes.ts';
import type { Diagnostic } from '../core/types.ts';
import { isDiagnosticCode } from '../core/vfile-diagnostic.ts';
import type { RenderContext } from './context.ts';
import { STARLIGHT_DIRECTIVES } from './directives.ts';
import { expand, pageTools, renderContext, SKIP_DIRECTIVE, type AnyDirective, type ProofMapOptions } from './expand-directive.ts';
import { loadGraphviz } from './graph/layout.ts';
import { recordRenderProblems } from './render-problems.ts';

/** A plain, writable copy of a Sätteri node and its children (its own fields, not its handles). */
function plainNode(node: object): object {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('_') || key === 'children') continue;
    copy[key] = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : value;
  }
  const children = (node as { children?: unknown }).children;
  if (Array.isArray(children)) copy['children'] = children.map((child: object) => plainNode(child));
  return copy;
}

/** A plugin factory: Sätteri makes one instance per page, so the page's state starts fresh. */
export function satteriProofMap(options: ProofMapOptions) {
  return ({ fileURL, source }: PluginFactoryContext): MdastPluginDefinition => {
    const filePath = fileURL ? fileURLToPath(fileURL) : undefined;
    const shownFile = filePath ? path.relative(options.siteRoot, filePath).split(path.sep).join('/') : 'page';
    const problems: Diagnostic[] = [];
    let graphviz: RenderContext['graphviz'];
    let page: ReturnType<typeof pageTools> | undefined;

    const record = (node: AnyDirective, message: string, ruleId: string) => {
      const start = node.position?.start;
      const line = start?.line ?? 1;
      const column = start?.column ?? 1;
      const written = node.position ? source.slice(start!.offset ?? 0, node.position.end.offset ?? 0).split(/\r?\n/)[0]!.trim() : `:${node.name}`;
      const code: DiagnosticCode = isDiagnosticCode(ruleId) ? ruleId : 'directive-bad-attribute';
      problems.push({ code, severity: 'error', position: { file: shownFile, line, column }, subject: written, message });
    };

    const visitDirective = async (node: AnyDirective, ctx: MdastVisitorContext): Promise<void> => {
      if (STARLIGHT_DIRECTIVES.has(node.name)) return;
      if (node.type === 'leafDirective' && node.name === 'failure-map' && options.graph !== false) graphviz ??= await loadGraphviz();
      page ??= pageTools(options, filePath, source, renderContext(options, undefined), record);
      if (page.railsBroken()) return; // one line about the YAML is enough
      page.tools.context = renderContext(options, graphviz);
      try {
        // Sätteri's nodes are read-only views; the expansion may mark the label's nodes.
        const replacement: RootContent[] | undefined = expand(plainNode(node) as AnyDirective, page.tools);
        if (replacement !== undefined) ctx.replaceNode(node, replacement as never);
      } catch (error) {
        if (error === SKIP_DIRECTIVE) return;
        // A bug, not the author's mistake: still a finding at the directive, so the build stops.
        record(node, `the directive failed to render: ${(error as Error)?.message ?? String(error)}`, 'gate-internal');
      }
    };

    return {
      name: 'mesh-proof-map',
      // Positions, so a problem names the page's line and column.
      options: { position: true },
      leafDirective: (node, ctx) => visitDirective(node as AnyDirective, ctx),
      textDirective: (node, ctx) => visitDirective(node as AnyDirective, ctx),
      containerDirective: (node, ctx) => visitDirective(node as AnyDirective, ctx),
      after: () => {
        recordRenderProblems(shownFile, problems);
        if (problems.length === 0) return;
        const first = problems[0]!;
        throw new Error(`${first.position.file}:${first.position.line}:${first.position.column}: ${first.message}`);
      },
    };
  };
}
