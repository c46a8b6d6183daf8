/**
 * Reads Rust attributes (`#[arg(long, short = 'o')]`) and doc comments from tree-sitter
 * nodes into plain data, so the syntax tree can be freed right after a file is read.
 */
import type { Node } from 'web-tree-sitter';

/** The value after `=` (or inside `key(...)`) of one attribute argument. */
export interface AttrValue {
  kind: 'string' | 'char' | 'bool' | 'int' | 'array' | 'other';
  /** Unquoted text for literals, source text otherwise. */
  text: string;
  /** Every string literal inside the value (array items, `PossibleValuesParser::new([...])`). */
  strings: string[];
}

/** One comma-separated argument: `long`, `long = "x"`, `clap::Parser`. */
export interface AttrArg {
  key: string;
  value?: AttrValue;
}

/** `#[name(args)]` or `#[name = value]`. */
export interface RustAttr {
  name: string;
  args: AttrArg[];
  /** For the `#[name = value]` form (`#[path = "x.rs"]`). */
  value?: AttrValue;
}

/** Text of a string literal without quotes; handles the common escapes and raw strings. */
export function unquoteString(text: string): string {
  const raw = /^r(#*)"([\s\S]*)"\1$/.exec(text);
  if (raw) return raw[2] ?? '';
  const body = text.replace(/^b?"/, '').replace(/"$/, '');
  return body.replace(/\\(["\\nt'0])/g, (_m, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === '0' ? '\0' : c,
  );
}

function unquoteChar(text: string): string {
  const body = text.replace(/^b?'/, '').replace(/'$/, '');
  return body.startsWith('\\') ? body.slice(1) : body;
}

function isStringNode(node: Node): boolean {
  return node.type === 'string_literal' || node.type === 'raw_string_literal';
}

function collectStrings(node: Node, out: string[]): void {
  if (isStringNode(node)) {
    out.push(unquoteString(node.text));
    return;
  }
  for (const child of node.children) collectStrings(child, out);
}

function valueOf(tokens: Node[]): AttrValue {
  const strings: string[] = [];
  for (const token of tokens) collectStrings(token, strings);
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (only && isStringNode(only)) return { kind: 'string', text: unquoteString(only.text), strings };
  if (only?.type === 'char_literal') return { kind: 'char', text: unquoteChar(only.text), strings };
  if (only?.type === 'boolean_literal') return { kind: 'bool', text: only.text, strings };
  if (only?.type === 'integer_literal') return { kind: 'int', text: only.text, strings };
  if (only?.type === 'token_tree' && only.text.startsWith('[')) {
    return { kind: 'array', text: only.text, strings };
  }
  return { kind: 'other', text: tokens.map((t) => t.text).join(''), strings };
}

/** Splits the inside of a token tree on top-level commas. */
function splitArgs(tree: Node): Node[][] {
  const inner = tree.children.slice(1, -1); // drop the brackets
  const segments: Node[][] = [[]];
  for (const token of inner) {
    if (token.type === ',') segments.push([]);
    else segments[segments.length - 1]?.push(token);
  }
  return segments.filter((s) => s.length > 0);
}

function argOf(tokens: Node[]): AttrArg {
  const eq = tokens.findIndex((t) => t.type === '=');
  if (eq >= 0) {
    return {
      key: tokens.slice(0, eq).map((t) => t.text).join(''),
      value: valueOf(tokens.slice(eq + 1)),
    };
  }
  const last = tokens[tokens.length - 1];
  // Call form `long("name")`: the key is what comes before the parentheses.
  if (tokens.length > 1 && last?.type === 'token_tree' && last.text.startsWith('(')) {
    return {
      key: tokens.slice(0, -1).map((t) => t.text).join(''),
      value: valueOf(last.children.slice(1, -1)),
    };
  }
  return { key: tokens.map((t) => t.text).join('') };
}

/** Reads one `attribute_item` node; undefined when it has an unexpected shape. */
export function readAttribute(item: Node): RustAttr | undefined {
  const attribute = item.namedChildren.find((c) => c.type === 'attribute');
  const head = attribute?.namedChildren[0];
  if (!attribute || !head) return undefined;
  const args = attribute.childForFieldName('arguments');
  const value = attribute.childForFieldName('value');
  return {
    name: head.text,
    args: args ? splitArgs(args).map(argOf) : [],
    ...(value ? { value: valueOf([value]) } : {}),
  };
}

/** Lines of an outer doc comment (`///` or `/** *\/`), or undefined for other comments. */
function docLines(comment: Node): string[] | undefined {
  const isOuter = comment.namedChildren.some((c) => c.type === 'outer_doc_comment_marker');
  const doc = comment.childForFieldName('doc');
  if (!isOuter || !doc) return undefined;
  const lines = doc.text.split('\n');
  // `///` lines start with one space by convention; block docs also carry a `*` margin.
  const margin = comment.type === 'block_comment' ? /^\s*\*?\s?/ : /^ /;
  return lines.map((line) => line.replace(margin, '').trimEnd());
}

/** Attributes and doc lines written before a node (its preceding siblings), in source order. */
export function leadingDecorations(node: Node): { attrs: RustAttr[]; docs: string[] } {
  const attrs: RustAttr[] = [];
  const docs: string[] = [];
  let sibling = node.previousNamedSibling;
  while (sibling) {
    if (sibling.type === 'attribute_item') {
      const attr = readAttribute(sibling);
      if (attr) attrs.unshift(attr);
    } else if (sibling.type === 'line_comment' || sibling.type === 'block_comment') {
      const lines = docLines(sibling);
      // Earlier comment lines go first; one at a time (a long comment is not a call's arguments).
      if (lines) for (let i = lines.length - 1; i >= 0; i--) docs.unshift(lines[i]!);
    } else {
      break;
    }
    sibling = sibling.previousNamedSibling;
  }
  // Some grammar versions nest attributes inside the item itself.
  for (const child of node.namedChildren) {
    if (child.type !== 'attribute_item') continue;
    const attr = readAttribute(child);
    if (attr) attrs.push(attr);
  }
  return { attrs, docs };
}
