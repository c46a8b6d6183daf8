/**
 * One shared tree-sitter parser for Rust. Loading the wasm is slow and async, so it happens
 * once per process and every caller awaits the same promise.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

let parserPromise: Promise<Parser> | undefined;

/** Resolves a file of an installed package, from this module first, then from the cwd
 * (a bundled build may move this module away from node_modules). */
function resolvePackageFile(specifier: string): string {
  const bases = [import.meta.url, join(process.cwd(), 'package.json')];
  let lastError: unknown;
  for (const base of bases) {
    try {
      return createRequire(base).resolve(specifier);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function createRustParser(): Promise<Parser> {
  const runtimeWasm = resolvePackageFile('web-tree-sitter/web-tree-sitter.wasm');
  await Parser.init({ locateFile: () => runtimeWasm });
  // Bytes instead of a path: works the same whether or not the module was bundled.
  const grammar = readFileSync(resolvePackageFile('tree-sitter-rust/tree-sitter-rust.wasm'));
  const rust = await Language.load(new Uint8Array(grammar));
  const parser = new Parser();
  parser.setLanguage(rust);
  return parser;
}

/** The Rust parser, created on first use. A failed load is not cached, so a retry can work. */
export function getRustParser(): Promise<Parser> {
  parserPromise ??= createRustParser().catch((error: unknown) => {
    parserPromise = undefined;
    throw error;
  });
  return parserPromise;
}
