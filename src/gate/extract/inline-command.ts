/**
 * When inline code in prose is a command. Prose is full of code that is not (`work.mpl`,
 * `HTTP.clustered(1, ...)`), so only a known head with at least one argument counts, or a
 * `./path` run directly; `NAME=value` assignments may come first.
 */

/** Heads that make inline code a command (with at least one argument after them). */
export const INLINE_COMMAND_HEADS: readonly string[] = [
  'bash',
  'sh',
  'cargo',
  'npm',
  'meshc',
  'meshpkg',
  'cd',
  'export',
  'curl',
  'git',
];

const HEADS = new Set(INLINE_COMMAND_HEADS);

/** Optional assignments, then the head, then maybe a first argument. */
const SHAPE = /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|[^\s'"]*)\s+)*([^\s;&|()]+)(\s+\S)?/;

export function readsAsCommand(code: string): boolean {
  const match = SHAPE.exec(code);
  if (!match) return false;
  const head = match[1] ?? '';
  if (head.startsWith('./') && head.length > 2) return true;
  return HEADS.has(head) && match[2] !== undefined;
}
