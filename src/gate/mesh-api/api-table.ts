/**
 * The type checker's table for one run: read from the checked repo's committed infer.rs, and
 * the flat builtins from builtins.rs. Parsing `stdlib_modules()` (about 2,800 lines in the real
 * repo) costs the baseline wasm tier about 0.1-0.2 s, so both are readings the gate keeps
 * between runs (repo/reading-cache.ts): reused while the texts they came from, and the code
 * that read them, are the same, and then the Rust grammar is not even loaded.
 */
import type { Parser } from 'web-tree-sitter';
import { z } from 'zod';
import type { RepoView } from '../../core/types.ts';
import { readingCacheOf } from '../../repo/reading-cache.ts';
import type { ApiContext } from './check.ts';
import { BUILTINS_FILE, INFER_FILE, readFlatBuiltins, readStdlibTable, type StdlibTable } from './read-typeck.ts';

export interface ApiTableOptions {
  /** Read from source even when the repo's readings are kept (the benchmark's baseline). */
  uncached?: boolean;
}

const unreadableSchema = z.object({ line: z.number(), why: z.string() });
const lineByName = z.record(z.string(), z.number());

/** A kept table is checked against this before use. */
const tableSchema: z.ZodType<StdlibTable | { missing: string }> = z.union([
  z.object({
    modules: z.record(
      z.string(),
      z.object({
        functions: z.record(z.string(), z.object({ arity: z.number().optional(), value: z.literal(true).optional(), line: z.number() })),
        line: z.number(),
        unreadable: unreadableSchema.optional(),
      }),
    ),
    listed: z.array(z.string()).optional(),
    variadic: lineByName,
    refused: lineByName,
    elsewhere: lineByName,
    typeFunctions: z.array(z.string()),
    typeFunctionPatterns: z.array(z.object({ prefix: z.string(), suffix: z.string() })),
    unreadable: z.array(unreadableSchema),
  }),
  z.object({ missing: z.string() }),
]);
const namesSchema = z.array(z.string());

/**
 * The table and flat builtins of `repo` (none without a checkout). `parser` is called only
 * when something must be read from source; it may reject, and then so does this.
 */
export async function apiContext(repo: RepoView | undefined, parser: () => Promise<Parser>, options: ApiTableOptions = {}): Promise<ApiContext> {
  if (!repo) return { table: { missing: 'the Mesh checkout was not found' }, flatBuiltins: () => new Set() };
  const kept = options.uncached ? undefined : readingCacheOf(repo);
  const readTable = async (view: RepoView): Promise<StdlibTable | { missing: string }> => {
    const source = view.read(INFER_FILE);
    return source === undefined ? { missing: `the checked repo has no committed ${INFER_FILE}` } : readStdlibTable(await parser(), source);
  };
  const readFlat = async (view: RepoView): Promise<string[]> => {
    const source = view.read(BUILTINS_FILE);
    return source === undefined ? [] : [...readFlatBuiltins(await parser(), source)].sort();
  };
  if (kept) {
    // Both kept: a warm run parses nothing and never loads the Rust grammar.
    const [table, flat] = await Promise.all([kept.rememberAsync('mesh-api-table', repo, tableSchema, readTable), kept.rememberAsync('mesh-api-flat', repo, namesSchema, readFlat)]);
    const flatBuiltins = new Set(flat);
    return { table, flatBuiltins: () => flatBuiltins };
  }
  // Nothing kept: the grammar is loaded for the table anyway, and the flat builtins are read
  // only if a finding asks for them (most runs have none).
  const rust = await parser();
  const table = await readTable(repo);
  let flat: ReadonlySet<string> | undefined;
  const flatBuiltins = (): ReadonlySet<string> => {
    if (flat === undefined) {
      const source = repo.read(BUILTINS_FILE);
      flat = source === undefined ? new Set() : readFlatBuiltins(rust, source);
    }
    return flat;
  };
  return { table, flatBuiltins };
}
