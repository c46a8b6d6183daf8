/**
 * The Bash grammar (tree-sitter-bash) on the shared web-tree-sitter runtime. Loading is async
 * and happens once: await `loadShellParser()` before the first `parseShell`; parsing itself
 * is synchronous after that.
 */
import type { Parser } from 'web-tree-sitter';
import { createParser } from '../tree-sitter/runtime.ts';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

export function loadShellParser(): Promise<void> {
  loading ??= createParser('tree-sitter-bash/tree-sitter-bash.wasm').then(
    (created) => {
      parser = created;
    },
    (error: unknown) => {
      loading = undefined; // a failed load is not cached, so a retry can work
      throw error;
    },
  );
  return loading;
}

/** The loaded Bash parser; a call before `loadShellParser()` resolved is a bug in the caller. */
export function shellParser(): Parser {
  if (!parser) throw new Error('the shell parser is not loaded: await loadShellParser() before parseShell()');
  return parser;
}
