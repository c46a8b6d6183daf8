/**
 * Reads shell (and embedded Python) script text the way the script gate needs it: without
 * comments, with the repo scripts it sources or runs (found by the shell parser), and with the
 * names it mentions.
 */
import { readScript } from '../relations/read-script.ts';
import { perRepo } from '../../repo/per-repo.ts';
import type { RepoView } from '../../core/types.ts';

export type ScriptEdge = 'source' | 'run';

export interface ScriptReference {
  /** Repo-relative path of the referenced file (tracked). */
  path: string;
  how: ScriptEdge;
}

export interface ScriptFacts {
  /** The file's text without comments (`#` comments of shell and Python). */
  code: string;
  references: ScriptReference[];
}

/**
 * Removes `#` comments (a `#` at a word start, outside quotes). Quotes are tracked per line, so a
 * stray apostrophe in heredoc prose cannot hide the comments of the lines after it.
 */
export function stripHashComments(text: string): string {
  return text
    .split('\n')
    .map((line) => line.slice(0, commentStart(line)))
    .join('\n');
}

function commentStart(line: string): number {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
    } else if (quote === '"') {
      if (char === '\\') index += 1;
      else if (char === '"') quote = undefined;
    } else if (char === '\\') {
      index += 1;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '#' && (index === 0 || /[\s;&|(]/.test(line[index - 1] as string))) {
      return index;
    }
  }
  return line.length;
}

/** True when `name` occurs as a whole identifier (not inside a longer name). */
export function mentionsName(code: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`).test(code);
}

/** UPPER_SNAKE names in the text (the env-like names a script could be reading). */
export function upperSnakeNames(code: string): Set<string> {
  return new Set(code.match(/(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])/g) ?? []);
}

/**
 * Repo files a shell script sources or runs, read with the shell parser (see
 * `relations/read-script.ts`): sourced files (followed, sharing variables), and files run by
 * path, after a runner such as `bash` or `python3`, or as a helper's trailing words. Paths only
 * mentioned (help text, strings, heredocs, `cp`/`grep` arguments) are not followed.
 */
export function scriptReferences(repo: RepoView, file: string): ScriptReference[] {
  if (!SHELL_FILE.test(file)) return [];
  const reading = readScript(repo, file);
  const found = new Map<string, ScriptReference>();
  for (const sourced of reading.sourced) found.set(sourced, { path: sourced, how: 'source' });
  for (const run of reading.runs) if (!found.has(run.target) && run.target !== file) found.set(run.target, { path: run.target, how: 'run' });
  return [...found.values()];
}

/** Files read as shell: `.sh`/`.bash`, or no extension at all (`scripts/lib/env`). */
const SHELL_FILE = /(?:\.(?:sh|bash)|\/[^./]+)$/;

const factsCache = perRepo(() => new Map<string, ScriptFacts | undefined>());

/** Comment-free text and references of a tracked file, cached per repo. */
export function scriptFacts(repo: RepoView, file: string): ScriptFacts | undefined {
  const cache = factsCache(repo);
  if (!cache.has(file)) {
    const text = repo.read(file);
    if (text === undefined) {
      cache.set(file, undefined);
    } else {
      const code = /\.(?:m?[jt]s|cjs)$/.test(file) ? text : stripHashComments(text);
      cache.set(file, { code, references: scriptReferences(repo, file) });
    }
  }
  return cache.get(file);
}

/**
 * The script and every repo file it reaches, transitively and cycle-safe, in discovery order.
 * With `edges: 'source'` only sourced files are followed (they share the script's arguments).
 */
export function scriptClosure(repo: RepoView, entry: string, edges: 'source' | 'all'): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let index = 0; index < queue.length; index += 1) {
    const facts = scriptFacts(repo, queue[index] as string);
    for (const reference of facts?.references ?? []) {
      if (edges === 'source' && reference.how !== 'source') continue;
      if (!seen.has(reference.path)) {
        seen.add(reference.path);
        queue.push(reference.path);
      }
    }
  }
  return queue;
}
