/**
 * Entry point: the command-line model of a clap-derive binary in the checked repo.
 * Models are reused while every file they were read from still has the same text: between
 * runs in the gate's reading cache (repo/reading-cache.ts), else per repo root, commit and
 * binary in this process.
 */
import type { RepoView } from '../../core/types.ts';
import { buildModel } from './build-model.ts';
import { type CliModel, cliModelResultSchema } from './model.ts';
import { readingCacheOf } from '../../repo/reading-cache.ts';
import { loadCrate } from './rust-crate.ts';
import { getRustParser } from './tree-sitter.ts';

export type { CliModel } from './model.ts';

export interface CliEntry {
  /** The name users type (`meshc`). */
  bin: string;
  /** Repo-relative path of the binary's `main.rs`. */
  mainPath: string;
}

export type CliModelResult = CliModel | { error: string };

interface CacheEntry {
  reads: ReadonlyMap<string, string | undefined>;
  result: CliModelResult;
}

const cache = new Map<string, CacheEntry>();

function isFresh(repo: RepoView, entry: CacheEntry): boolean {
  for (const [path, text] of entry.reads) if (repo.read(path) !== text) return false;
  return true;
}

/** True when `result` is a model rather than an error. */
export function isCliModel(result: CliModelResult): result is CliModel {
  return !('error' in result);
}

/**
 * Reads the clap model of `entry.bin` from `entry.mainPath` and the modules it declares.
 * Never throws: a missing file or an unreadable source comes back as `{ error }`.
 * The returned model is shared with later callers; treat it as read-only. When the gate keeps
 * readings between runs, a model read from the same texts is reused without loading the Rust
 * grammar (about 0.1 s on the real repo).
 */
export async function loadCliModel(repo: RepoView, entry: CliEntry): Promise<CliModelResult> {
  try {
    // A parser that fails to load throws out of `readModel`, so that answer is never kept.
    const kept = readingCacheOf(repo);
    if (kept) return await kept.rememberAsync(`cli-model\0${entry.bin}\0${entry.mainPath}`, repo, cliModelResultSchema, async (view) => (await readModel(view, entry)).result);
    const key = [repo.root, repo.commit ?? '', entry.bin, entry.mainPath].join('\0');
    const hit = cache.get(key);
    if (hit && isFresh(repo, hit)) return hit.result;
    const read = await readModel(repo, entry);
    cache.set(key, read);
    return read.result;
  } catch (error) {
    if (error instanceof ParserUnavailable) return { error: `the Rust parser (tree-sitter) could not be loaded: ${String(error.cause)}` };
    throw error;
  }
}

/** The Rust grammar did not load: the model is unknown, not absent. */
class ParserUnavailable extends Error {}

async function readModel(repo: RepoView, entry: CliEntry): Promise<CacheEntry> {
  const parser = await getRustParser().catch((cause: unknown) => {
    throw new ParserUnavailable('no Rust parser', { cause });
  });
  const crate = loadCrate(repo, parser, entry.mainPath);
  const result: CliModelResult = crate.root
    ? buildModel(entry.bin, crate.root)
    : { error: `${entry.mainPath} is missing or not tracked in the repo` };
  return { reads: crate.reads, result };
}
