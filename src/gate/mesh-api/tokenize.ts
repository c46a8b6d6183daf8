/**
 * A tokenizer for Mesh code shown on pages, following the rules of the compiler's own lexer
 * (`compiler/mesh-lexer/src/lib.rs`): `#` line comments, nestable `#= … =#` block comments,
 * `"…"` and `"""…"""` strings whose `${…}` and `#{…}` interpolations hold code, `~r/…/flags`
 * regex literals, `:atom` literals, `|>` and slot pipes `|2>`. Strings, comments and regexes
 * produce no tokens, so their text never reads as an API reference; the code inside an
 * interpolation is code the compiler checks, so it is tokenized like any other.
 *
 * Ours rather than the TextMate grammar: the grammar only colours text (it cannot say where a
 * string or a block comment is left open), and this is the lexer's own state machine, small.
 */

export type MeshTokenKind =
  | 'ident' // identifiers and keywords (`fn`, `end`, `do` are told apart by text)
  | 'dot'
  | 'open' // ( [ {
  | 'close' // ) ] }
  | 'comma'
  | 'pipe' // |> and |N>
  | 'arrow' // ->
  | 'bar' // |
  | 'literal' // a string, regex or atom: a value, its text never a reference
  | 'other';

export interface MeshToken {
  kind: MeshTokenKind;
  text: string;
  /** Offset (UTF-16) of the token's first character in the block. */
  offset: number;
}

/** Where and why a block stops being Mesh the lexer reads. */
export interface MeshLexError {
  offset: number;
  reason: string;
}

export interface MeshTokens {
  tokens: MeshToken[];
  /** The first lexer error; tokens stop there, since what follows may be misread. */
  error?: MeshLexError;
}

const IDENT_START = /[\p{L}_]/u;
const IDENT_CONTINUE = /[\p{L}\p{N}_]/u;
const OTHER_CHARS = '=!<>&+-:*/%?@;';

type Frame = { kind: 'string'; triple: boolean; quote: number } | { kind: 'interpolation'; braces: number };

export function tokenizeMesh(text: string): MeshTokens {
  const tokens: MeshToken[] = [];
  const stack: Frame[] = [];
  let i = 0;
  const fail = (offset: number, reason: string): MeshTokens => ({ tokens, error: { offset, reason } });
  const push = (kind: MeshTokenKind, start: number, end: number): void => {
    tokens.push({ kind, text: text.slice(start, end), offset: start });
  };

  while (i < text.length) {
    const top = stack[stack.length - 1];
    if (top?.kind === 'string') {
      // String content: scan to the closing quote or an interpolation.
      let closed = false;
      while (i < text.length) {
        const c = text[i];
        if ((c === '$' || c === '#') && text[i + 1] === '{') {
          stack.push({ kind: 'interpolation', braces: 0 });
          i += 2;
          closed = true;
          break;
        }
        if (c === '"' && (!top.triple || text.startsWith('"""', i))) {
          stack.pop();
          i += top.triple ? 3 : 1;
          closed = true;
          break;
        }
        i += c === '\\' ? 2 : 1;
      }
      if (!closed) return fail(top.quote, 'a string is not closed');
      continue;
    }

    const c = text[i]!;
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i += 1;
      continue;
    }
    if (top?.kind === 'interpolation' && (c === '{' || c === '}')) {
      if (c === '{') top.braces += 1;
      else if (top.braces === 0) {
        stack.pop(); // back into the string
        i += 1;
        continue;
      } else top.braces -= 1;
    }
    if (c === '#') {
      if (text[i + 1] === '=') {
        const end = blockCommentEnd(text, i + 2);
        if (end === undefined) return fail(start, 'a `#=` block comment is not closed with `=#`');
        i = end;
      } else {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i += 1;
      }
      continue;
    }
    if (c === '"') {
      const triple = text.startsWith('"""', i);
      push('literal', i, i + 1);
      stack.push({ kind: 'string', triple, quote: i });
      i += triple ? 3 : 1;
      continue;
    }
    if (c === '~') {
      const end = text[i + 1] === 'r' && text[i + 2] === '/' ? regexEnd(text, i + 3) : undefined;
      if (end === undefined) return fail(start, 'a `~` that does not start a closed `~r/…/` regex literal');
      push('literal', start, start + 1);
      i = end;
      continue;
    }
    if (c === ':' && text[i + 1] !== ':' && /[a-z_]/.test(text[i + 1] ?? '')) {
      // An atom (`:nodedown`): a value, never a reference.
      i += 1;
      while (i < text.length && IDENT_CONTINUE.test(text[i]!)) i += 1;
      push('literal', start, i);
      continue;
    }
    if (c === '|') {
      if (text[i + 1] === '>') {
        push('pipe', i, i + 2);
        i += 2;
        continue;
      }
      const slot = /^\|(\d+)>/.exec(text.slice(i, i + 12));
      if (slot) {
        if (Number(slot[1]) < 2) return fail(start, `\`${slot[0]}\` is not a pipe (slots start at |2>; use |> for the first)`);
        push('pipe', i, i + slot[0].length);
        i += slot[0].length;
        continue;
      }
      if (/^\|\d/.test(text.slice(i, i + 2))) return fail(start, 'a slot pipe `|N` without its closing `>`');
      const double = text[i + 1] === '|';
      push(double ? 'other' : 'bar', i, i + (double ? 2 : 1));
      i += double ? 2 : 1;
      continue;
    }
    if (c === '-' && text[i + 1] === '>') {
      push('arrow', i, i + 2);
      i += 2;
      continue;
    }
    if (c === '.') {
      const double = text[i + 1] === '.';
      push(double ? 'other' : 'dot', i, i + (double ? 2 : 1));
      i += double ? 2 : 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      push('open', i, i + 1);
      i += 1;
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      push('close', i, i + 1);
      i += 1;
      continue;
    }
    if (c === ',') {
      push('comma', i, i + 1);
      i += 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9a-zA-Z_.]/.test(text[i]!) && !(text[i] === '.' && !/[0-9]/.test(text[i + 1] ?? ''))) i += 1;
      push('other', start, i);
      continue;
    }
    const point = text.codePointAt(i)!;
    const char = String.fromCodePoint(point);
    if (IDENT_START.test(char)) {
      i += char.length;
      while (i < text.length) {
        const next = String.fromCodePoint(text.codePointAt(i)!);
        if (!IDENT_CONTINUE.test(next)) break;
        i += next.length;
      }
      push('ident', start, i);
      continue;
    }
    if (OTHER_CHARS.includes(c)) {
      push('other', i, i + 1);
      i += 1;
      continue;
    }
    return fail(start, `\`${char}\` is not a character Mesh code can hold here`);
  }
  const open = stack[stack.length - 1];
  if (open?.kind === 'string') return fail(open.quote, 'a string is not closed');
  if (open?.kind === 'interpolation') return fail(text.length, 'a string interpolation is not closed with `}`');
  return { tokens };
}

/** Offset just past a nestable block comment whose `#=` ended before `from`; undefined when unclosed. */
function blockCommentEnd(text: string, from: number): number | undefined {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    if (text[i] === '#' && text[i + 1] === '=') {
      depth += 1;
      i += 2;
    } else if (text[i] === '=' && text[i + 1] === '#') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return undefined;
}

/** Offset just past `~r/pattern/flags` (pattern starting at `from`); undefined when unclosed or a flag is not i, m or s. */
function regexEnd(text: string, from: number): number | undefined {
  let i = from;
  let escaped = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && !escaped) break;
    escaped = c === '\\' && !escaped;
    i += 1;
  }
  if (i >= text.length) return undefined;
  i += 1;
  while (/[a-zA-Z]/.test(text[i] ?? '')) {
    if (!'ims'.includes(text[i]!)) return undefined;
    i += 1;
  }
  return i;
}
