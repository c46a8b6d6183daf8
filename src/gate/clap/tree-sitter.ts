/**
 * One shared tree-sitter parser for Rust. Loading the wasm is slow and async, so it happens
 * once per process and every caller awaits the same promise.
 */
import type { Parser } from 'web-tree-sitter';
import { createParser } from '../tree-sitter/runtime.ts';

let parserPromise: Promise<Parser> | undefined;

/** The Rust parser, created on first use. A failed load is not cached, so a retry can work. */
export function getRustParser(): Promise<Parser> {
  parserPromise ??= createParser('tree-sitter-rust/tree-sitter-rust.wasm').catch((error: unknown) => {
    parserPromise = undefined;
    throw error;
  });
  return parserPromise;
}
