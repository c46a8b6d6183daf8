/**
 * What a repo script does, read with the gate's shell parser (never a regex over its text):
 * which scripts it runs, which files it sources (followed, confined to the repo), and which
 * results folders it writes. Comments, `echo`/`printf` strings, heredoc bodies and the
 * arguments of data commands (`cp`, `grep`, ...) never count as runs.
 *
 * A command runs a script when the script's path is its head, follows a run word (`bash`,
 * `exec`, ...), or is its last word: the real scripts run rails through helper functions that
 * take the command as trailing words (`run_expect_success name ... 3600 bash scripts/x.sh`).
 */
import { perRepo } from '../repo/per-repo.ts';
import { parseShell } from '../shell/parse-line.ts';
import type { CommandOccurrence, CommandWord, RepoView, SourcePosition } from '../types.ts';
import { expandWord } from './expand.ts';
import { ROOT_VARIABLES, splitRoot, type RepoRole } from './roots.ts';

export interface ScriptRun {
  /** Repo-relative path of the script that is run. */
  target: string;
  /** Where the path word is (file is the repo-relative script or sourced file). */
  at: SourcePosition;
}

export interface ResultsWrite {
  /** Folder relative to its repo's root, no trailing slash (`.tmp/m053-s01/verify`). */
  folder: string;
  /** Which repo: this one, or the product repo of the two-repo workspace (`$HYPERPUSH_ROOT/...`). */
  repo: RepoRole;
  at: SourcePosition;
}

export interface ScriptReading {
  script: string;
  runs: ScriptRun[];
  /** Files sourced, transitively, in discovery order. */
  sourced: string[];
  resultsFolders: ResultsWrite[];
}

/** Words after which the next word is a program or script to run. */
const RUN_WORDS = new Set(['bash', 'sh', 'zsh', 'exec', 'env', 'time', 'nohup', 'command', 'timeout', 'xargs', 'python', 'python3', 'node']);
/** Heads whose arguments are data (copied, searched, printed), never programs. */
const DATA_HEADS = new Set([
  'cp', 'mv', 'rm', 'ln', 'install', 'rsync', 'tar', 'grep', 'egrep', 'fgrep', 'rg', 'sed', 'awk', 'cat', 'head', 'tail',
  'echo', 'printf', 'test', '[', '[[', 'ls', 'stat', 'find', 'diff', 'cmp', 'wc', 'chmod', 'touch', 'mkdir', 'tee',
  'git', 'basename', 'dirname', 'readlink', 'realpath', 'sha256sum', 'shellcheck', 'local', 'export', 'declare',
  'readonly', 'typeset', 'read', 'return', 'exit', 'trap',
]);
const DECLARE_HEADS = new Set(['export', 'local', 'declare', 'readonly', 'typeset']);
const SOURCE_HEADS = new Set(['source', '.']);
/** A rail's retained results folder: `.tmp/<slug>/verify`, or the Fly rail's `.tmp/<slug>/fly`. */
const RESULTS_FOLDER = /^\.tmp\/[^/]+\/(?:verify|fly)$/;
/** Extensions of files a script runs that count as scripts (a rail or a helper). */
const RUNNABLE = /\.(?:sh|bash|py|mjs|cjs|js|ts)$/;

const readings = perRepo(() => new Map<string, ScriptReading>());
const parsed = perRepo(() => new Map<string, CommandOccurrence[]>());

/** A file's simple commands, parsed once per repo view (a shared lib is sourced by every rail). */
function commandsOf(repo: RepoView, file: string): CommandOccurrence[] {
  const cache = parsed(repo);
  let commands = cache.get(file);
  if (commands === undefined) {
    const text = repo.read(file);
    // Parse errors of a script are not findings about the docs: what parses is read.
    commands = text === undefined ? [] : parseShell({ text, at: { file, line: 1, column: 1 }, origin: 'repo-script' }).commands;
    cache.set(file, commands);
  }
  return commands;
}

/** What a script runs, sources and writes; read once per repo view (relations and env checks share it). */
export function readScript(repo: RepoView, script: string): ScriptReading {
  const cache = readings(repo);
  let reading = cache.get(script);
  if (reading === undefined) {
    reading = { script, runs: [], sourced: [], resultsFolders: [] };
    readFile(repo, script, new Map(), reading, new Set([script]));
    cache.set(script, reading);
  }
  return reading;
}

function readFile(repo: RepoView, file: string, variables: Map<string, string | undefined>, reading: ScriptReading, seen: Set<string>): void {
  for (const command of commandsOf(repo, file)) {
    const [head] = command.words;
    if (head === undefined || (DECLARE_HEADS.has(head.value) && !head.dynamic)) assign(command, variables, reading);
    if (head === undefined) continue;
    if (SOURCE_HEADS.has(head.value) && command.words[1]) {
      const sourced = resolveFile(repo, command.words[1], variables);
      if (sourced !== undefined && !seen.has(sourced)) {
        seen.add(sourced);
        reading.sourced.push(sourced);
        readFile(repo, sourced, variables, reading, seen); // a sourced file shares the variables
      }
      continue;
    }
    if (head.value === 'mkdir') {
      for (const word of command.words.slice(1)) noteResults(resolvePath(word, variables), word.position, reading);
    }
    for (const word of runWords(command.words)) {
      const target = resolveFile(repo, word, variables);
      if (target !== undefined && RUNNABLE.test(target) && !reading.runs.some((run) => run.target === target && samePlace(run.at, word.position))) {
        reading.runs.push({ target, at: word.position });
      }
    }
  }
}

/** `NAME=value` statements (and `export`/`local` ones): remember the value, note results folders. */
function assign(command: CommandOccurrence, variables: Map<string, string | undefined>, reading: ScriptReading): void {
  for (const { name, value, position } of command.assigns) {
    const expanded = expandWord(value, variables);
    // `ROOT_DIR="$(cd ... && pwd)"` keeps meaning the repo root.
    if (expanded === undefined && name in ROOT_VARIABLES) continue;
    variables.set(name, expanded);
    noteResults(expanded, position, reading);
  }
}

function noteResults(expanded: string | undefined, at: SourcePosition, reading: ScriptReading): void {
  if (expanded === undefined) return;
  const { role, path } = splitRoot(expanded);
  const folder = path.replace(/^\.\//, '').replace(/\/+$/, '');
  if (RESULTS_FOLDER.test(folder) && !reading.resultsFolders.some((write) => write.folder === folder && write.repo === role)) {
    reading.resultsFolders.push({ folder, repo: role, at });
  }
}

/** The words of a command that stand where a program is named. */
function runWords(words: readonly CommandWord[]): CommandWord[] {
  const head = words[0];
  if (head === undefined || (DATA_HEADS.has(head.value) && !head.dynamic)) return [];
  const picked = new Set<CommandWord>([head]);
  words.forEach((word, i) => {
    if (word.dynamic || !RUN_WORDS.has(word.value)) return;
    // The program follows the run word's own options (`bash -eu x.sh`, `env -i x.sh`).
    const program = words.slice(i + 1).find((next) => !next.value.startsWith('-'));
    if (program) picked.add(program);
  });
  if (words.length > 1) picked.add(words[words.length - 1]!);
  return [...picked];
}

function resolvePath(word: CommandWord, variables: Map<string, string | undefined>): string | undefined {
  if (word.placeholder) return undefined;
  return word.dynamic ? expandWord(word.value, variables) : word.value;
}

/** A word naming a tracked file of this repo, as a repo-relative path. */
function resolveFile(repo: RepoView, word: CommandWord, variables: Map<string, string | undefined>): string | undefined {
  const expanded = resolvePath(word, variables);
  if (expanded === undefined) return undefined;
  const { role, path } = splitRoot(expanded);
  if (role !== 'self' || path === '') return undefined;
  const relative = repo.normalise(path);
  return relative !== undefined && repo.fileStatus(relative) === 'tracked' ? relative : undefined;
}

function samePlace(a: SourcePosition, b: SourcePosition): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}
