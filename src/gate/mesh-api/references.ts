/**
 * `Module.function` references in tokenized Mesh code, with the number of arguments at each
 * call, and the names a block defines or imports itself (`module Foo do`, `struct User`,
 * `actor Counter`, `import Api.Router`), which are the page's own and never stdlib references.
 *
 * How arguments are counted, as the parser and type checker see them:
 * - `M.f(a, b)`: the top-level commas of the parentheses, skipping nested brackets and
 *   closures (`fn x, y -> ... end`, `fn x do ... end`) and `do ... end` blocks; a trailing
 *   comma adds nothing.
 * - `x |> M.f(a)` is `M.f(x, a)`: a pipe (or slot pipe `|2>`) just before the reference adds
 *   one; `x |> M.f` is `M.f(x)`.
 * - A trailing closure (`M.f(a) do ... end`) is not an argument: the type checker does not
 *   count it (it reads only the argument list).
 * - `M.f` with no call (passed as a value) has no count; only its existence is checked.
 */
import type { MeshToken } from './tokenize.ts';

export interface MeshReference {
  /** `String`, or `Api.Router` for a dotted path. */
  module: string;
  name: string;
  /** Offset of the module's first character in the block. */
  offset: number;
  /** Arguments at the call, pipe included; undefined when not called. */
  arity?: number;
  /** True when a pipe supplied the first argument. */
  piped: boolean;
}

/** Keywords that define a name the page then owns. */
const DEFINING = new Set(['module', 'struct', 'actor', 'type', 'service', 'supervisor', 'trait', 'interface']);
// (`impl Trait for Type` counts too: see `collectReferences`.)

export interface BlockNames {
  references: MeshReference[];
  /** Names the block defines (each dotted path and its segments). */
  defined: Set<string>;
  /** Names the block imports (`import Api.Router`, `from Api.Router import x`): the program's own unless a standard module. */
  imported: Set<string>;
}

export function collectReferences(tokens: readonly MeshToken[]): BlockNames {
  const references: MeshReference[] = [];
  const defined = new Set<string>();
  const imported = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'ident') continue;
    const previous = tokens[i - 1];
    if (DEFINING.has(token.text) || token.text === 'import' || (token.text === 'from' && previous?.kind !== 'dot')) {
      const path = dottedPath(tokens, i + 1);
      // `type Id = Int` (an alias, or an impl's associated `type Iter = ListIterator`) names no module.
      if (token.text === 'type' && isAlias(tokens, path.end)) continue;
      if (path.segments.length > 0 && /^[A-Z]/.test(path.segments[0]!)) {
        const into = DEFINING.has(token.text) ? defined : imported;
        path.segments.forEach((segment, k) => into.add(path.segments.slice(0, k + 1).join('.')).add(segment));
        i = path.end - 1;
      }
      continue;
    }
    // `impl From<Int> for Wrapper do`: the page implements functions on Wrapper (`Wrapper.from`).
    if (token.text === 'for' && tokens.slice(Math.max(0, i - 12), i).some((t) => t.kind === 'ident' && t.text === 'impl')) {
      const path = dottedPath(tokens, i + 1);
      if (path.segments.length > 0 && /^[A-Z]/.test(path.segments[0]!)) defined.add(path.segments.join('.')).add(path.segments[0]!);
      continue;
    }
    if (!/^[A-Z]/.test(token.text) || previous?.kind === 'dot') continue;
    // Upper-case segments, then `.name` starting lower-case (a keyword such as `self` included).
    let end = i;
    while (tokens[end + 1]?.kind === 'dot' && tokens[end + 2]?.kind === 'ident' && /^[A-Z]/.test(tokens[end + 2]!.text)) end += 2;
    const dot = tokens[end + 1];
    const field = tokens[end + 2];
    if (dot?.kind !== 'dot' || field?.kind !== 'ident' || !/^[a-z_]/.test(field.text)) {
      i = end;
      continue;
    }
    const module = tokens.slice(i, end + 1).filter((t) => t.kind === 'ident').map((t) => t.text).join('.');
    const piped = previous?.kind === 'pipe';
    const open = tokens[end + 3];
    let arity: number | undefined;
    if (open?.kind === 'open' && open.text === '(') {
      const counted = countArguments(tokens, end + 3);
      if (counted !== undefined) arity = counted + (piped ? 1 : 0);
    } else if (piped) arity = 1;
    references.push({ module, name: field.text, offset: token.offset, piped, ...(arity !== undefined ? { arity } : {}) });
    i = end + 2;
  }
  return { references, defined, imported };
}

/** After `type Name`: an `=` before any `do` (generic parameters may come between). */
function isAlias(tokens: readonly MeshToken[], from: number): boolean {
  for (let i = from; i < Math.min(tokens.length, from + 16); i++) {
    const token = tokens[i]!;
    if (token.kind === 'ident' && token.text === 'do') return false;
    if (token.kind === 'other' && token.text === '=') return true;
  }
  return false;
}

/** `A.B.C` starting at `start`: its segments and the index just past it. */
function dottedPath(tokens: readonly MeshToken[], start: number): { segments: string[]; end: number } {
  const segments: string[] = [];
  let i = start;
  while (tokens[i]?.kind === 'ident') {
    segments.push(tokens[i]!.text);
    if (tokens[i + 1]?.kind === 'dot' && tokens[i + 2]?.kind === 'ident') i += 2;
    else {
      i += 1;
      break;
    }
  }
  return { segments, end: i };
}

type Frame = 'paren' | 'bracket' | 'fn-head' | 'block';

/**
 * Arguments of the call whose `(` is at `open`: top-level commas plus one, or 0 for `()`;
 * undefined when the parentheses never close (the block is cut or does not parse).
 */
function countArguments(tokens: readonly MeshToken[], open: number): number | undefined {
  const stack: Frame[] = [];
  let commas = 0;
  let sawArgument = false;
  let lastWasComma = false;
  for (let i = open + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (token.kind === 'close' && token.text === ')') return sawArgument ? commas + (lastWasComma ? 0 : 1) : 0;
      if (token.kind === 'comma') {
        commas += 1;
        lastWasComma = true;
        continue;
      }
      sawArgument = true;
      lastWasComma = false;
    }
    if (token.kind === 'open') stack.push(token.text === '(' ? 'paren' : 'bracket');
    else if (token.kind === 'close') {
      if (top === 'fn-head' || top === 'block') return undefined; // a bracket closes across a closure: not Mesh
      stack.pop();
    } else if (token.kind === 'ident') {
      if (token.text === 'fn') stack.push('fn-head');
      // `fn x do ... end` shares one `end`; any other `do` opens its own block.
      else if (token.text === 'do') top === 'fn-head' ? (stack[stack.length - 1] = 'block') : stack.push('block');
      else if (token.text === 'end' && (top === 'fn-head' || top === 'block')) stack.pop();
    } else if (token.kind === 'arrow' && top === 'fn-head') stack[stack.length - 1] = 'block';
  }
  return undefined;
}
