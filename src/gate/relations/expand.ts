/**
 * Expands the parameter expansions of one shell word (already quote-removed by the parser)
 * from the variables a script assigned before it: `$X`, `${X}`, `${X:-default}`. A root
 * variable (`$ROOT_DIR`) becomes its root marker. Anything the gate cannot know (`$(...)`,
 * `${X[0]}`, an unset variable without a default) makes the whole word unknown.
 */
import { rootMarker, rootTable, type RootTable } from './roots.ts';

/** What expansion reads of the variables: a Map, or the walk's tracked view of them. */
export interface Variables {
  has(name: string): boolean;
  get(name: string): string | undefined;
}

const DEFAULT_ROOTS = rootTable();

/** Defaults inside defaults (`${A:-${B:-…}}`) deeper than this are unknown, not a deep recursion. */
const MAX_DEFAULT_DEPTH = 32;

export function expandWord(value: string, variables: Variables, roots: RootTable = DEFAULT_ROOTS, depth = 0): string | undefined {
  if (depth > MAX_DEFAULT_DEPTH) return undefined;
  let out = '';
  let index = 0;
  while (index < value.length) {
    const dollar = value.indexOf('$', index);
    if (dollar < 0) return out + value.slice(index);
    out += value.slice(index, dollar);
    const expansion = readExpansion(value, dollar, variables, roots, depth);
    if (expansion === undefined) return undefined;
    out += expansion.text;
    index = expansion.end;
  }
  return out;
}

function lookup(name: string, variables: Variables, roots: RootTable): string | undefined {
  if (variables.has(name)) return variables.get(name);
  const repo = roots.get(name);
  return repo ? rootMarker(repo) : undefined;
}

function readExpansion(value: string, at: number, variables: Variables, roots: RootTable, depth: number): { text: string; end: number } | undefined {
  const bare = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9])/.exec(value.slice(at));
  if (bare) {
    const text = lookup(bare[1]!, variables, roots);
    return text === undefined ? undefined : { text, end: at + bare[0].length };
  }
  if (value[at + 1] !== '{') return undefined; // `$(...)`, `$?`: only the shell knows
  const close = matchingBrace(value, at + 1);
  if (close < 0) return undefined;
  const inner = value.slice(at + 2, close);
  const parts = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+)(?:(:?[-=])([\s\S]*))?$/.exec(inner);
  if (!parts) return undefined;
  const known = lookup(parts[1]!, variables, roots);
  const emptyCounts = parts[2]?.startsWith(':') ?? false;
  if (known !== undefined && !(emptyCounts && known === '')) return { text: known, end: close + 1 };
  if (parts[2] === undefined) return undefined;
  const fallback = expandWord(stripQuotes(parts[3] ?? ''), variables, roots, depth + 1);
  return fallback === undefined ? undefined : { text: fallback, end: close + 1 };
}

function matchingBrace(value: string, open: number): number {
  let depth = 0;
  for (let i = open; i < value.length; i++) {
    if (value[i] === '{') depth++;
    else if (value[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** A default inside `${X:-"..."}` keeps its quotes in the word's source text. */
function stripQuotes(text: string): string {
  return text.replace(/^"([\s\S]*)"$/, '$1').replace(/^'([\s\S]*)'$/, '$1');
}
