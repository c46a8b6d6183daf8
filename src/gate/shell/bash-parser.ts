/**
 * The Bash grammar (tree-sitter-bash) on the shared web-tree-sitter runtime. Loading is async
 * and happens once: await `loadShellParser()` before the first `parseShell`; parsing itself
 * is synchronous after that.
 */
import type { Parser } from 'web-tree-sitter';
import { createParser } from '../tree-sitter/runtime.ts';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;
let uses = 0;

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

/**
 * Thrown by a parse before the grammar is loaded. A gate run that expects every parse to be kept
 * from an earlier run starts without the grammar; meeting this, it runs again with it (gate/run.ts).
 */
export class ShellParserNotLoaded extends Error {
  constructor() {
    super('the shell parser is not loaded: await loadShellParser() before parseShell()');
  }
}

/** Whether the grammar is loaded in this process (a run with every parse kept never loads it). */
export function shellParserLoaded(): boolean {
  return parser !== undefined;
}

/** How many parses this process has made (a run compares it before and after: did it parse?). */
export function shellParserUses(): number {
  return uses;
}

/** The loaded Bash parser. */
export function shellParser(): Parser {
  if (!shellParserLoaded()) throw new ShellParserNotLoaded();
  uses += 1;
  return parser!;
}
