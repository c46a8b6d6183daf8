/**
 * The type checker's table for one run: read from the checked repo's committed infer.rs, once.
 * Parsing `stdlib_modules()` (about 2,800 lines in the real repo) costs the baseline wasm tier
 * about 0.1-0.2 s, so the table is cached by the hash of the text it came from (and this
 * reader's version): a changed infer.rs is a new key, never a stale table. The cache is only
 * derived data; any trouble reading or writing it means the table is read from source again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { prepareReportFolder, writeJsonAtomically } from '../report/report-file.ts';
import type { RepoView } from '../../core/types.ts';
import type { ApiContext } from './check.ts';
import { BUILTINS_FILE, INFER_FILE, readFlatBuiltins, readStdlibTable, type StdlibTable } from './read-typeck.ts';

/** Bump when read-typeck.ts reads differently, so cached tables of the old reader are not used. */
const READER_VERSION = '2';

export interface ApiTableOptions {
  /** Folder for cached tables; undefined reads from source every run. */
  cacheDir?: string;
}

export function apiContext(repo: RepoView | undefined, parser: Parser, options: ApiTableOptions = {}): ApiContext {
  let flat: Set<string> | undefined;
  const flatBuiltins = (): ReadonlySet<string> => {
    const source = repo?.read(BUILTINS_FILE);
    flat ??= source === undefined ? new Set() : readFlatBuiltins(parser, source);
    return flat;
  };
  if (!repo) return { table: { missing: 'the Mesh checkout was not found' }, flatBuiltins };
  const source = repo.read(INFER_FILE);
  if (source === undefined) return { table: { missing: `the checked repo has no committed ${INFER_FILE}` }, flatBuiltins };
  return { table: cachedTable(source, parser, options.cacheDir), flatBuiltins };
}

function cachedTable(source: string, parser: Parser, cacheDir: string | undefined): StdlibTable {
  if (!cacheDir) return readStdlibTable(parser, source);
  const key = createHash('sha256').update(READER_VERSION).update('\0').update(source).digest('hex').slice(0, 32);
  const file = path.join(cacheDir, `mesh-api-${key}.json`);
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as StdlibTable;
    if (cached && typeof cached.modules === 'object' && Array.isArray(cached.unreadable)) return cached;
  } catch {
    // not cached yet (or unreadable): read from source below
  }
  const table = readStdlibTable(parser, source);
  try {
    if (prepareReportFolder(file) === undefined) writeJsonAtomically(file, table);
  } catch {
    // a cache that cannot be written only costs the next run the parse
  }
  return table;
}
