/**
 * A statement of a tree-sitter-bash tree (one without syntax errors) -> its simple commands,
 * in source order. Descends into lists, pipelines, compound commands, functions and subshells;
 * never into `$(...)` or heredoc bodies, whose commands are not shown commands.
 */
import type { Node } from 'web-tree-sitter';
import type { AssignAt, ShellEvent } from './events.ts';
import { endOf, groupWords, startOf, toWord, type WordAt, type WordContext } from './words.ts';
import { appendAll } from '../../core/append.ts';

/** Nodes that hold no statements: never descend (commands in `$(...)` only feed a word). */
const NO_STATEMENTS = new Set([
  'word', 'string', 'raw_string', 'ansi_c_string', 'translated_string', 'concatenation', 'number',
  'simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion',
  'heredoc_start', 'heredoc_body', 'heredoc_end', 'comment', 'variable_name', 'file_descriptor',
]);

/** One top-level statement; dropped with an error when the parser glued lines into one command. */
export function readStatement(context: WordContext, statement: Node, events: ShellEvent[]): void {
  const found: ShellEvent[] = [];
  walk(context, statement, found);
  const glued = found.find((event) => event.kind === 'error');
  if (glued) events.push(glued);
  else for (const event of found) events.push(event);
}

function walk(context: WordContext, node: Node, events: ShellEvent[]): void {
  switch (node.type) {
    case 'command':
      recordCommand(context, events, commandParts(context, node, []), startOf(context, node), endOf(context, node));
      return;
    case 'redirected_statement':
      walkRedirected(context, node, events);
      return;
    case 'declaration_command':
      record(context, events, declParts(context, node), startOf(context, node), endOf(context, node));
      return;
    case 'unset_command':
      record(context, events, { words: groupWords(context, node.children), assigns: [] }, startOf(context, node), endOf(context, node));
      return;
    case 'variable_assignment':
      record(context, events, { words: [], assigns: [assignOf(context, node)] }, startOf(context, node), endOf(context, node));
      return;
    case 'variable_assignments':
      record(context, events, { words: [], assigns: node.namedChildren.map((a) => assignOf(context, a)) }, startOf(context, node), endOf(context, node));
      return;
    case 'test_command':
      // `[ ... ]` is a command named `[` (no check knows it: fails closed); `[[ ... ]]` is syntax.
      if (node.child(0)?.type === '[') {
        const head = node.child(0)!;
        record(context, events, { words: [toWord(context, [head])], assigns: [] }, startOf(context, node), endOf(context, node));
      }
      return;
    case 'subshell':
      // A subshell's `cd` ends with the subshell.
      events.push({ kind: 'enter-subshell' });
      for (const child of node.namedChildren) walk(context, child, events);
      events.push({ kind: 'leave-subshell' });
      return;
    case 'c_style_for_statement': {
      // `for ((i = 0; ...))`: only the body holds commands.
      const body = node.childForFieldName('body');
      if (body) walk(context, body, events);
      return;
    }
    default:
      if (NO_STATEMENTS.has(node.type)) return;
      for (const child of node.namedChildren) walk(context, child, events);
  }
}

/** `cmd ARGS > out <<EOF | next`: the command's text runs to its redirections; a heredoc body is not part of it. */
function walkRedirected(context: WordContext, node: Node, events: ShellEvent[]): void {
  const body = node.childForFieldName('body');
  const redirects = node.namedChildren.filter((child) => !body || !child.equals(body));
  if (body?.type === 'command') {
    let end = endOf(context, body);
    for (const redirect of redirects) end = Math.max(end, redirectEnd(context, redirect));
    recordCommand(context, events, commandParts(context, body, redirects), startOf(context, body), end);
  } else if (body) {
    walk(context, body, events);
  }
  // A heredoc redirect holds whatever follows its delimiter on the same line (`<<EOF | sh`).
  for (const redirect of redirects) {
    if (redirect.type !== 'heredoc_redirect') continue;
    for (const child of redirect.namedChildren) if (!child.type.endsWith('_redirect')) walk(context, child, events);
  }
}

/** Where a redirection ends on the command line: a heredoc's delimiter, not its body. */
function redirectEnd(context: WordContext, redirect: Node): number {
  if (redirect.type !== 'heredoc_redirect') return endOf(context, redirect);
  let end = startOf(context, redirect);
  for (const child of redirect.children) {
    if (child.type !== '<<' && child.type !== '<<-' && child.type !== 'heredoc_start' && child.type !== 'file_redirect') break;
    end = endOf(context, child);
  }
  return end;
}

interface Parts {
  words: WordAt[];
  assigns: AssignAt[];
}

function commandParts(context: WordContext, command: Node, redirects: readonly Node[]): Parts {
  const assigns: AssignAt[] = [];
  const parts: Node[] = [];
  for (const child of command.children) {
    if (child.type === 'variable_assignment') assigns.push(assignOf(context, child));
    else if (child.type === 'command_name') appendAll(parts, child.children);
    else if (child.type.endsWith('_redirect')) appendAll(parts, extraDestinations(child));
    else if (child.type !== 'comment') parts.push(child);
  }
  for (const redirect of redirects) appendAll(parts, extraDestinations(redirect));
  return { words: groupWords(context, parts), assigns };
}

/** `> out arg`: bash reads `arg` as an argument, the grammar as a second destination. */
function extraDestinations(redirect: Node): Node[] {
  if (redirect.type !== 'file_redirect') return [];
  return redirect.childrenForFieldName('destination').slice(1);
}

/**
 * `export A=1 B` -> words `export`, `B` (flags and bare names stay words, so a resolver sees
 * the whole clause) and assigns `A=1`.
 */
function declParts(context: WordContext, decl: Node): Parts {
  const words: WordAt[] = [];
  const assigns: AssignAt[] = [];
  for (const child of decl.children) {
    if (child.type === 'variable_assignment') assigns.push(assignOf(context, child));
    else if (child.type !== 'comment' && !child.type.endsWith('_redirect')) words.push(toWord(context, [child]));
  }
  return { words, assigns };
}

function assignOf(context: WordContext, assign: Node): AssignAt {
  const nameNode = assign.childForFieldName('name');
  const name = nameNode?.type === 'subscript' ? (nameNode.namedChild(0)?.text ?? '') : (nameNode?.text ?? '');
  const valueParts: Node[] = [];
  let seenEquals = false;
  for (const child of assign.children) {
    if (seenEquals) valueParts.push(child);
    else if (child.type === '=' || child.type === '+=') seenEquals = true;
  }
  let value = '';
  if (valueParts.some((part) => part.type === 'array')) {
    // `NAME=(a b)` has no word value: keep its source text.
    value = context.source.slice(startOf(context, valueParts[0]!), endOf(context, valueParts[valueParts.length - 1]!));
  } else if (valueParts.length > 0) {
    value = toWord(context, valueParts).value;
  }
  return { name, value, start: startOf(context, assign), end: endOf(context, assign) };
}

/**
 * A simple command. `time [-p] CMD` (a keyword of bash before a pipeline, which this grammar
 * reads as a command named `time`) shows CMD: the command starts after the keyword.
 */
function recordCommand(context: WordContext, events: ShellEvent[], parts: Parts, start: number, end: number): void {
  const [first, second] = parts.words;
  if (parts.assigns.length === 0 && first && context.source.slice(first.start, first.end) === 'time') {
    const skip = second && context.source.slice(second.start, second.end) === '-p' ? 2 : 1;
    const words = parts.words.slice(skip);
    if (words.length === 0) return;
    record(context, events, { words, assigns: [] }, words[0]!.start, end);
    return;
  }
  record(context, events, parts, start, end);
}

function record(context: WordContext, events: ShellEvent[], parts: Parts, start: number, end: number): void {
  if (parts.words.length === 0 && parts.assigns.length === 0) return;
  const glued = gluedLine(context, parts);
  if (glued !== undefined) {
    const lineStart = context.source.lastIndexOf('\n', start - 1) + 1;
    events.push({ kind: 'error', offset: glued, lineStart, reason: 'the parser read words of separate lines as one command' });
    return;
  }
  events.push({ kind: 'command', start, end, words: parts.words, assigns: parts.assigns });
}

/**
 * A guard against grammar bugs: words of one simple command may only span lines through a
 * `\` continuation. Returns the offset of the first word that starts on a later line.
 */
function gluedLine(context: WordContext, parts: Parts): number | undefined {
  const items = [...parts.assigns, ...parts.words].sort((a, b) => a.start - b.start);
  for (let i = 1; i < items.length; i++) {
    const gap = context.source.slice(items[i - 1]!.end, items[i]!.start);
    if (gap.replace(/\\\r?\n/g, '').includes('\n')) return items[i]!.start;
  }
  return undefined;
}
