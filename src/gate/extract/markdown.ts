/**
 * Reads a docs page (Markdown or MDX) with the site's own parser (Sätteri), expands its
 * directives through the remark plugin (the same expansion the site runs), and collects what
 * the gate checks: shell commands shown in
 * fences and inline code, links, and heading slugs. Nodes a plugin generated from the rails
 * YAML (`data.generated`) are skipped for commands: the gate checks the YAML itself.
 */
import GithubSlugger from 'github-slugger';
import type { Code, Definition, Heading, InlineCode, Link, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Features } from 'satteri';
import { unified, type PluggableList } from 'unified';
import type { Node } from 'unist';
import { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import type { SourcePosition } from '../../core/types.ts';
import { LineIndex, piecewiseLocator } from '../../core/positions.ts';
import { loadShellParser, parseShell, ShellSession } from '../shell/parse-line.ts';
import { inlineAlternatives } from './inline-alternatives.ts';
import { fenceKind, fenceSkip, fenceText } from './code-fence.ts';
import { meshBlock } from './mesh-fence.ts';
import { readsAsCommand } from './inline-command.ts';
import type { LinkOccurrence, MarkdownExtract } from './occurrences.ts';
import { isDiagnosticCode, isVFileMessage, messageToDiagnostic } from '../../core/vfile-diagnostic.ts';

/**
 * Sätteri's features as Astro and Starlight set them for the site (GFM, smart punctuation,
 * directives), plus frontmatter: the gate reads whole files, so positions are the file's own.
 */
const PAGE_FEATURES: Features = { gfm: true, smartPunctuation: true, directive: true, frontmatter: true };

export interface MarkdownInput {
  /** Path relative to the site root; used in positions, and `.mdx` turns on MDX. */
  file: string;
  source: string;
  /** Transforms run on the parsed tree, unified-style (the directive expansion). */
  remarkPlugins?: PluggableList;
}

export async function extractFromMarkdown(input: MarkdownInput): Promise<MarkdownExtract> {
  const index = new LineIndex(input.file, input.source);
  const result: MarkdownExtract = { commands: [], diagnostics: [], links: [], headings: [], anchors: [], inlineCode: [], meshBlocks: [] };
  const vfile = new VFile({ path: input.file, value: input.source });

  // Loaded on the first page parsed: a run with every page kept loads no Markdown parser (its
  // native binding alone took about 7 ms of a check).
  const { markdownToMdast, mdxToMdast } = await import('satteri');
  let tree: Root;
  try {
    // The parser the site renders with, so the gate sees each page as readers get it.
    tree = (input.file.endsWith('.mdx') ? mdxToMdast : markdownToMdast)(input.source, { features: PAGE_FEATURES }) as Root;
  } catch (error) {
    // Only MDX syntax throws here (`3:1: Expected a closing tag ...`); the page cannot be read,
    // so neither can its commands.
    const reason = error instanceof Error ? error.message : String(error);
    const at = /^(\d+):(\d+): /.exec(reason);
    result.diagnostics.push({
      code: 'command-unparsable',
      severity: 'error',
      position: { file: input.file, line: at ? Number(at[1]) : 1, column: at ? Number(at[2]) : 1 },
      subject: input.file,
      message: `The page does not parse as MDX, so its commands cannot be read: ${at ? reason.slice(at[0].length) : reason}.`,
      suggestion: 'Fix the MDX syntax at this place (an unclosed tag or a stray `{` or `<` in text).',
    });
    return result;
  }
  const processor = unified().use(input.remarkPlugins ?? []);

  let failure: unknown;
  try {
    await processor.run(tree, vfile);
  } catch (error) {
    failure = error;
  }
  // `file.fail` both records and throws its message: report each message once. Other
  // messages count when their ruleId is a gate code (a plugin's non-fatal finding).
  const messages: unknown[] = [...vfile.messages];
  if (failure !== undefined && !messages.includes(failure)) {
    if (!isVFileMessage(failure)) throw failure; // a bug in a plugin, not a finding about the page
    messages.push(failure);
  }
  for (const message of messages) {
    if (!isVFileMessage(message)) continue;
    if (message === failure || isDiagnosticCode(message.ruleId)) {
      result.diagnostics.push(messageToDiagnostic(message, index, 'directive-unknown'));
    }
  }

  // The tree as far as the plugins got (all of it unless one failed).
  await loadShellParser();
  walk(tree, { generated: false, fallback: { file: input.file, line: 1, column: 1 } }, {
    index,
    result,
    slugger: new GithubSlugger(),
    session: new ShellSession(),
    lastBlockMoved: false,
  });
  return result;
}

interface WalkState {
  index: LineIndex;
  result: MarkdownExtract;
  slugger: GithubSlugger;
  /**
   * The shell the section's shell blocks share (a heading starts a new one). A `cd` holds for
   * the rest of its block and for the next shell block of the section; a block after that starts
   * at the repo root again (what a section clones stays known for the whole section).
   */
  session: ShellSession;
  /** The previous shell block of this section ran a `cd` (so its folder carries into this one). */
  lastBlockMoved: boolean;
}

interface Scope {
  /** Inside a node a plugin generated. */
  generated: boolean;
  /** Position of the nearest positioned ancestor, for generated nodes without one. */
  fallback: SourcePosition;
}

function walk(node: Node, scope: Scope, state: WalkState): void {
  const data = node.data as { generated?: unknown; hProperties?: { id?: unknown } } | undefined;
  const generated = scope.generated || data?.generated === true;
  const position = startOf(node, state.index) ?? scope.fallback;
  if (typeof data?.hProperties?.id === 'string') state.result.anchors.push(data.hProperties.id);

  switch (node.type) {
    case 'heading':
      state.result.headings.push(state.slugger.slug(toString(node as Heading)));
      state.session = new ShellSession();
      state.lastBlockMoved = false;
      break;
    case 'link':
    case 'definition': {
      const link: LinkOccurrence = { url: (node as Link | Definition).url, position, kind: node.type };
      if (generated) link.generated = true;
      if (generated && (node.data as { source?: SourcePosition } | undefined)?.source) link.source = (node.data as { source: SourcePosition }).source;
      state.result.links.push(link);
      break;
    }
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      // `<LinkCard href="/x/" />` and friends link like Markdown links do.
      for (const attribute of (node as unknown as { attributes: Array<Node & { name?: string; value?: unknown }> }).attributes) {
        if (attribute.type === 'mdxJsxAttribute' && attribute.name === 'href' && typeof attribute.value === 'string') {
          const at = startOf(attribute, state.index) ?? attributeStart(node, 'href', state.index) ?? position;
          state.result.links.push({ url: attribute.value, position: at, kind: 'link' });
        }
      }
      break;
    case 'yaml':
      fromFrontmatterLinks(node as unknown as { value: string }, position, state);
      break;
    case 'code': {
      if (generated) break;
      const mesh = meshBlock(node as Code, state.index);
      if (mesh) state.result.meshBlocks.push(mesh);
      else fromFence(node as Code, state);
      break;
    }
    case 'inlineCode':
      if (!generated) fromInlineCode(node as InlineCode, state);
      break;
  }

  const children = (node as { children?: Node[] }).children;
  if (children) for (const child of children) walk(child, { generated, fallback: position }, state);
}

/** Where `name=` is written inside a JSX element (Sätteri gives attributes no positions). */
function attributeStart(element: Node, name: string, index: LineIndex): SourcePosition | undefined {
  const from = element.position?.start.offset;
  const to = element.position?.end.offset;
  if (from === undefined || to === undefined) return undefined;
  const match = new RegExp(`\\s${name}\\s*=`).exec(index.source.slice(from, to));
  return match ? index.position(from + match.index + 1) : undefined;
}

function startOf(node: Node, index: LineIndex): SourcePosition | undefined {
  const start = node.position?.start;
  return start ? { file: index.file, line: start.line, column: start.column } : undefined;
}

function fromFence(node: Code, state: WalkState): void {
  const kind = fenceKind(node.lang);
  if (!kind || !node.position || node.value.trim() === '') return;
  const skip = fenceSkip(node, state.index);
  if (skip.diagnostic) state.result.diagnostics.push(skip.diagnostic);
  const { text, locate } = fenceText(node, state.index);
  // Two blocks after its `cd`, a page is back at the repo root (see WalkState.session).
  if (!state.lastBlockMoved) state.session.cwd = undefined;
  const parsed = parseShell({
    text,
    at: locate,
    origin: 'code-block',
    console: kind === 'console',
    session: state.session,
    ...(skip.reason ? { skipReason: skip.reason } : {}),
  });
  push(state.result.diagnostics, parsed.diagnostics);
  push(state.result.commands, parsed.commands);
  state.lastBlockMoved = parsed.commands.some((command) => ['cd', 'pushd', 'popd'].includes(command.words[0]?.value ?? ''));
}

function fromInlineCode(node: InlineCode, state: WalkState): void {
  const position = node.position;
  if (!position || position.start.offset === undefined || position.end.offset === undefined) return;
  if (!readsAsCommand(node.value)) {
    state.result.inlineCode.push({ value: node.value, position: { file: state.index.file, line: position.start.line, column: position.start.column } });
    return;
  }
  // Parse the span as written between its backtick runs, line endings read as spaces (same
  // length, so offsets stay those of the page).
  const raw = state.index.source.slice(position.start.offset, position.end.offset);
  const ticks = /^`+/.exec(raw)?.[0].length ?? 1;
  const inner = raw.slice(ticks, raw.length - ticks).replace(/[\r\n]/g, ' ');
  // A span continued inside a blockquote carries `>` prefixes: fall back to the value.
  const faithful = inner.replace(/ +/g, ' ').trim() === node.value.replace(/ +/g, ' ').trim();
  const text = faithful ? inner : node.value;
  const at = piecewiseLocator(text, state.index, [position.start.offset + (faithful ? ticks : 0)]);
  // `meshc cluster status|continuity` names alternatives: each one is a command to check.
  for (const alternative of inlineAlternatives(text)) {
    const parsed = parseShell({
      text: alternative.text,
      at,
      origin: 'inline-code',
      ...(typeof node.data?.gateSkip === 'string' ? { skipReason: node.data.gateSkip } : {}),
    });
    if (alternative.shown !== undefined) for (const command of parsed.commands) command.text = alternative.shown(command.text);
    push(state.result.diagnostics, parsed.diagnostics);
    push(state.result.commands, parsed.commands);
  }
}

/** Starlight's splash hero links (`hero.actions[].link` in frontmatter) are links too. */
function fromFrontmatterLinks(node: { value: string }, start: SourcePosition, state: WalkState): void {
  if (!/^\s*link:/m.test(node.value)) return; // no link in it: skip the YAML parse
  let data: unknown;
  try {
    data = parseYaml(node.value);
  } catch {
    return; // Astro reports broken frontmatter itself
  }
  const actions = (data as { hero?: { actions?: Array<{ link?: unknown }> } } | null)?.hero?.actions ?? [];
  const lines = node.value.split('\n');
  for (const action of actions) {
    if (typeof action?.link !== 'string') continue;
    // The frontmatter starts after its `---` line; find the line that holds this link.
    const index = lines.findIndex((line) => /^\s*link:/.test(line) && line.includes(action.link as string));
    const line = start.line + 1 + Math.max(index, 0);
    const column = index >= 0 ? lines[index]!.indexOf('link:') + 1 : 1;
    state.result.links.push({ url: action.link, position: { file: start.file, line, column }, kind: 'link' });
  }
}

function push<T>(target: T[], items: T[]): void {
  for (const item of items) target.push(item);
}

export type { MarkdownExtract } from './occurrences.ts';
