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
import { perRepo } from '../../repo/per-repo.ts';
import { parseShell } from '../shell/parse-line.ts';
import type { CommandOccurrence, CommandWord, RepoView, SourcePosition } from '../../core/types.ts';
import { expandWord } from './expand.ts';
import path from 'node:path';
import { rootTable, SELF, splitRoot, type RootTable } from './roots.ts';

export interface ScriptRun {
  /** Path of the script that is run, relative to the root of `repo`. */
  target: string;
  /** `self` (the script's own repo) or the id of another repo (`"$HYPERPUSH_ROOT/..."`). */
  repo: string;
  /** Where the path word is (file is the repo-relative script or sourced file). */
  at: SourcePosition;
}

export interface ResultsWrite {
  /** Folder relative to its repo's root, no trailing slash (`.tmp/m053-s01/verify`). */
  folder: string;
  /** `self` (the script's own repo) or the id of another repo (`"$HYPERPUSH_ROOT/..."`). */
  repo: string;
  at: SourcePosition;
}

export interface ScriptReading {
  script: string;
  runs: ScriptRun[];
  /** Files sourced, transitively, in discovery order. */
  sourced: string[];
  /** Folders shaped like a rail's results folder (`.tmp/<slug>/verify`): what an undeclared `results` is checked by. */
  resultsFolders: ResultsWrite[];
  /** Every `.tmp/...` folder the script names (assigned or made): a declared `results` of another shape is found here. */
  tmpFolders: ResultsWrite[];
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

/**
 * What a script runs, sources and writes; read once per repo view (relations and env checks
 * share it). `roots` names the variables that hold another repo's root (from rails.yaml).
 */
export function readScript(repo: RepoView, script: string, roots: RootTable = rootTable()): ScriptReading {
  const cache = readings(repo);
  // Another root table (the env check reads without rails.yaml's repos) reads the script anew.
  const key = `${script}\0${[...roots].join(';')}`;
  let reading = cache.get(key);
  if (reading === undefined) {
    reading = { script, runs: [], sourced: [], resultsFolders: [], tmpFolders: [] };
    readFile({ repo, roots, reading }, script, new Map(), new Set([script]));
    cache.set(key, reading);
  }
  return reading;
}

interface Reader {
  repo: RepoView;
  roots: RootTable;
  reading: ScriptReading;
}

function readFile(reader: Reader, file: string, variables: Map<string, string | undefined>, seen: Set<string>): void {
  const { repo, reading } = reader;
  for (const command of commandsOf(repo, file)) {
    const [head] = command.words;
    if (head === undefined || (DECLARE_HEADS.has(head.value) && !head.dynamic)) assign(reader, command, variables);
    if (head === undefined) continue;
    if (SOURCE_HEADS.has(head.value) && command.words[1]) {
      const sourced = resolveFile(reader, command.words[1], variables);
      if (sourced?.repo === SELF && !seen.has(sourced.path)) {
        seen.add(sourced.path);
        reading.sourced.push(sourced.path);
        readFile(reader, sourced.path, variables, seen); // a sourced file shares the variables
      }
      continue;
    }
    if (head.value === 'mkdir') {
      for (const word of command.words.slice(1)) noteResults(resolvePath(reader, word, variables), word.position, reading);
    }
    for (const word of runWords(command.words)) {
      const target = resolveFile(reader, word, variables);
      if (target === undefined || !RUNNABLE.test(target.path)) continue;
      if (!reading.runs.some((run) => run.target === target.path && run.repo === target.repo && samePlace(run.at, word.position))) {
        reading.runs.push({ target: target.path, repo: target.repo, at: word.position });
      }
    }
  }
}

/** `NAME=value` statements (and `export`/`local` ones): remember the value, note results folders. */
function assign(reader: Reader, command: CommandOccurrence, variables: Map<string, string | undefined>): void {
  for (const { name, value, position } of command.assigns) {
    // A root variable keeps meaning its repo's root whatever the script computes it from:
    // `ROOT_DIR="$(cd ... && pwd)"`, `HYPERPUSH_ROOT="$ROOT_DIR/../hyperpush-mono"`.
    if (reader.roots.has(name)) continue;
    const expanded = expandWord(value, variables, reader.roots);
    variables.set(name, expanded);
    noteResults(expanded, position, reader.reading);
  }
}

function noteResults(expanded: string | undefined, at: SourcePosition, reading: ScriptReading): void {
  if (expanded === undefined) return;
  const { repo, path: rest } = splitRoot(expanded);
  const folder = rest.replace(/^\.\//, '').replace(/\/+$/, '');
  if (!folder.startsWith('.tmp/')) return;
  const note = (list: ResultsWrite[]) => {
    if (!list.some((write) => write.folder === folder && write.repo === repo)) list.push({ folder, repo, at });
  };
  note(reading.tmpFolders);
  if (RESULTS_FOLDER.test(folder)) note(reading.resultsFolders);
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

function resolvePath(reader: Reader, word: CommandWord, variables: Map<string, string | undefined>): string | undefined {
  if (word.placeholder) return undefined;
  return word.dynamic ? expandWord(word.value, variables, reader.roots) : word.value;
}

/**
 * A word naming a file: a tracked file of the script's own repo, or a path under another repo's
 * root variable (checked against that repo by the caller, which may not have its checkout).
 */
function resolveFile(reader: Reader, word: CommandWord, variables: Map<string, string | undefined>): { repo: string; path: string } | undefined {
  const expanded = resolvePath(reader, word, variables);
  if (expanded === undefined) return undefined;
  const { repo, path: rest } = splitRoot(expanded);
  if (rest === '') return undefined;
  if (repo !== SELF) {
    // Confined lexically: another repo's path never climbs out of that repo's root.
    const clean = path.posix.normalize(rest);
    return clean.startsWith('../') || clean === '..' || path.posix.isAbsolute(clean) ? undefined : { repo, path: clean };
  }
  const relative = reader.repo.normalise(rest);
  return relative !== undefined && reader.repo.fileStatus(relative) === 'tracked' ? { repo, path: relative } : undefined;
}

function samePlace(a: SourcePosition, b: SourcePosition): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}
