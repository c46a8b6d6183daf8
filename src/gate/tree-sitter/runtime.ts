/**
 * The one web-tree-sitter runtime of the process, shared by every grammar the gate loads
 * (Rust for the clap source, Bash for shell text). Initialising the runtime twice would load
 * its wasm twice, so every caller awaits the same promise.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

let runtimePromise: Promise<void> | undefined;

/** Resolves a file of an installed package, from this module first, then from the cwd
 * (a bundled build may move this module away from node_modules). */
export function resolvePackageFile(specifier: string): string {
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

/**
 * Grammars are wasm modules with a few huge functions (the lexer, the parse tables). V8's
 * optimising wasm tier (TurboFan) recompiles those in the background at a cost of about 450 MB
 * of peak memory and 0.3-0.5 s per process, more than it ever saves the gate's parsing
 * (measured with `npm run bench`). The baseline tier (Liftoff) alone is enough. Set before
 * the first wasm module is compiled; it only affects wasm, which in the gate is tree-sitter.
 */
function useBaselineWasmTier(): void {
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
}

function initRuntime(): Promise<void> {
  if (runtimePromise === undefined) useBaselineWasmTier();
  runtimePromise ??= Parser.init({ locateFile: () => resolvePackageFile('web-tree-sitter/web-tree-sitter.wasm') }).catch(
    (error: unknown) => {
      runtimePromise = undefined; // a failed load is not cached, so a retry can work
      throw error;
    },
  );
  return runtimePromise;
}

/** A parser for the grammar in `wasmSpecifier` (a package file such as `tree-sitter-rust/tree-sitter-rust.wasm`). */
export async function createParser(wasmSpecifier: string): Promise<Parser> {
  await initRuntime();
  // Bytes instead of a path: works the same whether or not the module was bundled.
  const grammar = await Language.load(new Uint8Array(readFileSync(resolvePackageFile(wasmSpecifier))));
  const parser = new Parser();
  parser.setLanguage(grammar);
  return parser;
}
