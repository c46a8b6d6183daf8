/**
 * The directives pages may use, in one table: name, where it may stand, the attributes it
 * takes, and what it renders. Anything else with our shape is an error with a position.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import { suggestName } from '../core/did-you-mean.ts';
import type { RailsModel } from '../rails/model.ts';
import type { RenderContext } from './context.ts';
import { statusSummary } from './status-summary.ts';
import { commandsBlock, failureMapTable, railReference, retainedList, surfacesList, workflowList } from './sections.ts';

export interface DirectiveInput {
  /** The directive's own content (`:name[content]`), for inline directives that wrap text. */
  children: PhrasingContent[];
  model: RailsModel;
  context: RenderContext;
  attributes: Record<string, string>;
  /** Id of the page the directive sits on, when the YAML lists that page. */
  pageId?: string;
}

/** A thrown `DirectiveError` becomes a build error at the directive's position. */
export class DirectiveError extends Error {
  readonly ruleId: 'directive-unknown' | 'directive-bad-attribute';
  constructor(message: string, ruleId: DirectiveError['ruleId'] = 'directive-bad-attribute') {
    super(message);
    this.ruleId = ruleId;
  }
}

interface BlockDirective {
  kind: 'leaf';
  attributes: readonly string[];
  render(input: DirectiveInput): RootContent[];
}
interface InlineDirective {
  kind: 'text';
  attributes: readonly string[];
  render(input: DirectiveInput): PhrasingContent | PhrasingContent[];
}

export const DIRECTIVES: Record<string, BlockDirective | InlineDirective> = {
  'proof-surfaces': { kind: 'leaf', attributes: [], render: ({ model, context }) => surfacesList(model, context) },
  'retained-rails': { kind: 'leaf', attributes: [], render: ({ model, context }) => retainedList(model, context) },
  'proof-commands': { kind: 'leaf', attributes: [], render: ({ model, context }) => commandsBlock(model, context) },
  'proof-status': { kind: 'leaf', attributes: [], render: ({ model, context }) => statusSummary(model, context) },
  'operator-workflow': { kind: 'leaf', attributes: [], render: ({ model, context }) => workflowList(model, context) },
  'failure-map': {
    kind: 'leaf',
    attributes: ['page'],
    render: ({ model, context, attributes, pageId }) => {
      const target = attributes.page ?? pageId;
      if (!target) {
        throw new DirectiveError(
          'This page is not listed under `pages` in rails.yaml, so `::failure-map` does not know whose map to show; add the page there or write `::failure-map{page=<page-id>}`',
        );
      }
      if (!model.pageById.has(target)) {
        throw new DirectiveError(`No page "${target}" in rails.yaml; known pages: ${[...model.pageById.keys()].join(', ')}`);
      }
      return failureMapTable(model, target, context);
    },
  },
  // `:gate-skip[`curl ... | sh`]{reason="installs from the network"}`: prose that shows a
  // command the gate cannot check, marked on purpose. Renders its content unchanged.
  'gate-skip': {
    kind: 'text',
    attributes: ['reason'],
    render: ({ children, attributes }) => {
      const reason = attributes.reason?.trim();
      if (!reason) throw new DirectiveError('`:gate-skip[...]` needs a reason, for example `:gate-skip[`curl ... | sh`]{reason="installs from the network"}`');
      markSkipped(children, reason);
      return children;
    },
  },
  rail: {
    kind: 'text',
    attributes: ['id'],
    render: ({ model, attributes }) => {
      const id = attributes.id;
      if (!id) throw new DirectiveError('`:rail` needs an id, for example `:rail{id=m053-s01}`');
      const rail = model.railById.get(id);
      if (!rail) throw new DirectiveError(`No rail "${id}" in rails.yaml; ${suggestName(id, [...model.railById.keys()])}`);
      return railReference(model, rail);
    },
  },
};

/** Directive names Starlight handles itself (asides); we leave them alone. */
export const STARLIGHT_DIRECTIVES = new Set(['note', 'tip', 'caution', 'danger']);

/** Marks every inline code inside skipped content, so the gate reports the reason instead. */
function markSkipped(nodes: PhrasingContent[], reason: string): void {
  for (const node of nodes) {
    if (node.type === 'inlineCode') node.data = { ...node.data, gateSkip: reason };
    if ('children' in node) markSkipped(node.children as PhrasingContent[], reason);
  }
}
