/**
 * Reads shell (and embedded Python) script text the way the script gate needs it: without
 * comments, with the repo scripts it sources or runs, and with the names it mentions.
 */
import { perRepo } from '../repo/per-repo.ts';
import path from 'node:path';
import type { RepoView } from '../types.ts';

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

/** Extensions of files a script can run or source whose text the gate follows. */
const FOLLOWED_EXTENSIONS = /\.(?:sh|bash|py|mjs|cjs|js|ts)$/;
/** Words after which the next word is a file to source. */
const SOURCE_WORDS = new Set(['source', '.']);
/** Words after which the next word is a file to run. */
const RUN_WORDS = new Set(['bash', 'sh', 'zsh', 'exec', 'python', 'python3', 'node', 'env', 'time', 'command', 'nohup']);
/** Words after which a new command starts, so a path word there is run. */
const COMMAND_START_WORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{']);

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

/** True when a flag such as `--help` or `-h` occurs as a whole token. */
export function mentionsFlag(code: string, flag: string): boolean {
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`).test(code);
}

/** UPPER_SNAKE names in the text (the env-like names a script could be reading). */
export function upperSnakeNames(code: string): Set<string> {
  return new Set(code.match(/(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])/g) ?? []);
}

/**
 * Repo files a script sources or runs: a path word after `source`/`.` (sourced), after a runner
 * such as `bash` or `python3`, or in command position (run). A leading `$VAR/` (`$ROOT_DIR/`) is
 * dropped; the rest is tried from the repo root, then from the script's own folder. Paths that
 * are only mentioned (help text, strings) are not followed.
 */
export function findScriptReferences(code: string, fromFile: string, repo: RepoView): ScriptReference[] {
  const found = new Map<string, ScriptReference>();
  const joined = code.replace(/\\\r?\n/g, ' ');
  let heredocEnd: string | undefined;
  for (const line of joined.split('\n')) {
    // A heredoc body is data for a command (help text, Python), not commands of this script.
    if (heredocEnd !== undefined) {
      if (line.replace(/^\t+/, '').trimEnd() === heredocEnd) heredocEnd = undefined;
      continue;
    }
    heredocEnd = /(?<!<)<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(line)?.[2];
    const quoted = quotedPositions(line);
    let previous: string | undefined;
    let lastEnd = 0;
    for (const match of line.matchAll(/[^\s;&|()]+/g)) {
      const between = line.slice(lastEnd, match.index);
      if (quoted[match.index]) {
        // Inside a string (`echo "see bash scripts/x.sh"`): a mention, not a run.
        previous = undefined;
        lastEnd = match.index + match[0].length;
        continue;
      }
      const atCommandStart = previous === undefined || /[;&|(]/.test(between) || COMMAND_START_WORDS.has(previous);
      const word = match[0].replace(/["']/g, '');
      const how: ScriptEdge | undefined =
        previous !== undefined && SOURCE_WORDS.has(previous) && !/[;&|(]/.test(between)
          ? 'source'
          : atCommandStart || (previous !== undefined && RUN_WORDS.has(previous))
            ? 'run'
            : undefined;
      if (how !== undefined) {
        const target = resolveReference(word, fromFile, repo, how);
        if (target !== undefined && !found.has(target)) found.set(target, { path: target, how });
      }
      previous = word;
      lastEnd = match.index + match[0].length;
    }
  }
  return [...found.values()];
}

/**
 * For each index of a line, whether it lies inside a quoted string. `$(...)` inside double
 * quotes starts unquoted code again (`OUT="$(bash scripts/x.sh)"` runs the script).
 */
function quotedPositions(line: string): boolean[] {
  const quoted: boolean[] = new Array<boolean>(line.length + 1).fill(false);
  const stack: ('double' | 'single' | 'substitution')[] = [];
  for (let index = 0; index < line.length; index += 1) {
    const top = stack[stack.length - 1];
    quoted[index] = top === 'double' || top === 'single';
    const char = line[index];
    if (top === 'single') {
      if (char === "'") stack.pop();
    } else if (char === '\\') {
      quoted[index + 1] = quoted[index] as boolean;
      index += 1;
    } else if (char === '$' && line[index + 1] === '(') {
      stack.push('substitution');
      quoted[index + 1] = quoted[index] as boolean;
      index += 1;
    } else if (char === ')' && top === 'substitution') {
      stack.pop();
    } else if (char === '"') {
      if (top === 'double') stack.pop();
      else stack.push('double');
    } else if (char === "'" && top !== 'double') {
      stack.push('single');
    }
  }
  return quoted;
}

function resolveReference(word: string, fromFile: string, repo: RepoView, how: ScriptEdge): string | undefined {
  const stripped = word.replace(/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\//, '');
  if (stripped === '' || stripped.startsWith('/') || stripped.includes('$')) return undefined;
  // Sourced files may have any name (`. scripts/lib/env`); run files must look like scripts.
  if (how === 'run' && !FOLLOWED_EXTENSIONS.test(stripped)) return undefined;
  if (!/^[A-Za-z0-9_./-]+$/.test(stripped)) return undefined;
  const folder = path.posix.dirname(fromFile);
  for (const candidate of [repo.normalise(stripped), repo.normalise(stripped, folder === '.' ? undefined : folder)]) {
    if (candidate !== undefined && candidate !== fromFile && repo.fileStatus(candidate) === 'tracked') return candidate;
  }
  return undefined;
}

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
      cache.set(file, { code, references: findScriptReferences(code, file, repo) });
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
