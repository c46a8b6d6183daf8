/**
 * Entry point: the command-line model of a clap-derive binary in the checked repo.
 * Models are cached per repo root, commit and binary, and reused while every file they were
 * read from still has the same text (one gate run asks for them for many commands).
 */
import type { RepoView } from '../../core/types.ts';
import { buildModel } from './build-model.ts';
import type { CliModel } from './model.ts';
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
 * The returned model is shared with later callers; treat it as read-only.
 */
export async function loadCliModel(repo: RepoView, entry: CliEntry): Promise<CliModelResult> {
  const key = [repo.root, repo.commit ?? '', entry.bin, entry.mainPath].join('\0');
  const hit = cache.get(key);
  if (hit && isFresh(repo, hit)) return hit.result;

  let parser;
  try {
    parser = await getRustParser();
  } catch (error) {
    return { error: `the Rust parser (tree-sitter) could not be loaded: ${String(error)}` };
  }
  const crate = loadCrate(repo, parser, entry.mainPath);
  const result: CliModelResult = crate.root
    ? buildModel(entry.bin, crate.root)
    : { error: `${entry.mainPath} is missing or not tracked in the repo` };
  cache.set(key, { reads: crate.reads, result });
  return result;
}
