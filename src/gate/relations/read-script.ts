/**
 * What a repo script does, read with the gate's shell parser (never a regex over its text):
 * which scripts it runs, which files it sources (followed, confined to the repo), and which
 * results folders it writes. Comments, `echo`/`printf` strings, heredoc bodies and the
 * arguments of data commands (`cp`, `grep`, ...) never count as runs.
 *
 * Which commands run a script is decided by the run rules (run-rules.ts); this file resolves
 * what they run to repo files and notes the results folders the script names.
 */
import { perRepo } from '../../repo/per-repo.ts';
import type { RepoView, SourcePosition } from '../../core/types.ts';
import path from 'node:path';
import { rootsKey, rootTable, SELF, splitRoot, type RootTable } from './roots.ts';
import { shellRuns } from './run-rules.ts';
import { z } from 'zod';
import { positionSchema } from '../../core/kept-shapes.ts';
import { readingCacheOf } from '../../repo/reading-cache.ts';

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

/** A rail's retained results folder: `.tmp/<slug>/verify`, or the Fly rail's `.tmp/<slug>/fly`. */
const RESULTS_FOLDER = /^\.tmp\/[^/]+\/(?:verify|fly)$/;
/** Extensions of files a script runs that count as scripts (a rail or a helper). */
const RUNNABLE = /\.(?:sh|bash|py|mjs|cjs|js|ts)$/;

const writeSchema = z.object({ folder: z.string(), repo: z.string(), at: positionSchema });
/** What a reading kept between runs must look like before it is used (repo/reading-cache.ts). */
const readingSchema: z.ZodType<ScriptReading> = z.object({
  script: z.string(),
  runs: z.array(z.object({ target: z.string(), repo: z.string(), at: positionSchema })),
  sourced: z.array(z.string()),
  resultsFolders: z.array(writeSchema),
  tmpFolders: z.array(writeSchema),
});

const readings = perRepo(() => new Map<string, ScriptReading>());
const plainReadings = perRepo(() => new Map<string, ScriptReading>());

/** Cache key: another root table (the env check reads without rails.yaml's repos) reads anew. */
const readingKey = (script: string, roots: RootTable): string => `${script}\0${rootsKey(roots)}`;

/**
 * What a script runs, sources and writes; read once per repo view (relations and env checks
 * share it). `roots` names the variables that hold another repo's root (from rails.yaml). The
 * folders a script it runs writes as their own are set apart as that delegate's, which reads
 * every script it runs too.
 */
export function readScript(repo: RepoView, script: string, roots: RootTable = rootTable()): ScriptReading {
  const cache = readings(repo);
  const key = readingKey(script, roots);
  let reading = cache.get(key);
  if (reading === undefined) {
    reading = { ...readScriptRuns(repo, script, roots) };
    cache.set(key, reading); // before the delegates are read: a cycle of scripts stops here
    withoutDelegateFolders(repo, reading, roots);
  }
  return reading;
}

/**
 * What a script runs and sources, read once per repo view, without reading the scripts it runs:
 * enough for who runs what (the CI wiring follows a workflow's scripts this way). Its results
 * folders still include a delegate's; `readScript` sets those apart.
 */
export function readScriptRuns(repo: RepoView, script: string, roots: RootTable = rootTable()): ScriptReading {
  const cache = plainReadings(repo);
  const key = readingKey(script, roots);
  let reading = cache.get(key);
  if (reading === undefined) {
    const kept = readingCacheOf(repo);
    reading = kept ? kept.remember(`script-runs\0${key}`, repo, readingSchema, (asked) => readFresh(asked, script, roots)) : readFresh(repo, script, roots);
    cache.set(key, reading);
  }
  return reading;
}

/**
 * What a shell text that is no repo file runs (a CI workflow's `run:` block), by the same run
 * rules as a rail script: `at` is where the text starts in its file, `cwd` the folder it runs in
 * (`working-directory:`), relative to the repo root.
 */
export function readShellText(repo: RepoView, text: string, at: SourcePosition, options: { roots?: RootTable; cwd?: string } = {}): ScriptReading {
  const reading: ScriptReading = { script: at.file, runs: [], sourced: [], resultsFolders: [], tmpFolders: [] };
  // A `run: |` block's lines all stand at the column its first line starts at.
  const shift = (place: SourcePosition): SourcePosition => ({ file: at.file, line: place.line + at.line - 1, column: place.column + at.column - 1 });
  for (const run of shellRuns(text, { file: at.file, roots: options.roots ?? rootTable() })) {
    if (run.program === undefined) continue;
    const target = resolveFile(repo, run.program, options.cwd);
    if (target === undefined || !RUNNABLE.test(target.path)) continue;
    const place = shift(run.at);
    if (!reading.runs.some((known) => known.target === target.path && known.repo === target.repo && samePlace(known.at, place))) {
      reading.runs.push({ target: target.path, repo: target.repo, at: place });
    }
  }
  return reading;
}

/**
 * A folder the script names that a script it runs writes as its own results folder is the
 * delegate's, not this script's: a wrapper reads or passes on the folder of the rail it runs
 * (`VSIX_PROOF_ARTIFACT_DIR="$ROOT_DIR/.tmp/m034-s04/verify"` next to `bash "$VSIX_PROOF_SCRIPT"`).
 */
function withoutDelegateFolders(repo: RepoView, reading: ScriptReading, roots: RootTable): void {
  const delegated = new Set<string>();
  for (const run of reading.runs) {
    if (run.repo !== SELF || run.target === reading.script || !/\.(?:sh|bash)$/.test(run.target)) continue;
    for (const write of readScript(repo, run.target, roots).resultsFolders) if (write.repo === SELF) delegated.add(write.folder);
  }
  if (delegated.size === 0) return;
  const own = (write: ResultsWrite) => write.repo !== SELF || !delegated.has(write.folder);
  reading.resultsFolders = reading.resultsFolders.filter(own);
  reading.tmpFolders = reading.tmpFolders.filter(own);
}

function readFresh(repo: RepoView, script: string, roots: RootTable): ScriptReading {
  const reading: ScriptReading = { script, runs: [], sourced: [], resultsFolders: [], tmpFolders: [] };
  const text = repo.read(script);
  if (text === undefined) return reading;
  const seen = new Set([script]);
  const runs = shellRuns(text, {
    file: script,
    roots,
    // A sourced file shares the script's variables and functions; each is read once.
    source(expanded) {
      const sourced = resolveFile(repo, expanded);
      if (sourced?.repo !== SELF || seen.has(sourced.path)) return undefined;
      const sourcedText = repo.read(sourced.path);
      if (sourcedText === undefined) return undefined;
      seen.add(sourced.path);
      reading.sourced.push(sourced.path);
      return { file: sourced.path, text: sourcedText };
    },
    onAssign: (_name, value, at) => noteResults(value, at, reading),
    onCommand(words) {
      if (words[0]?.value === 'mkdir') for (const word of words.slice(1)) noteResults(word.value, word.at, reading);
    },
    // Embedded code that builds a results folder (`ROOT / '.tmp' / 'm057-s02' / 'verify'`).
    onHeredoc(body, _program, at) {
      for (const folder of embeddedResultsFolders(body)) noteResults(folder.path, { ...at, line: at.line + folder.line }, reading);
    },
  });
  for (const run of runs) {
    if (run.program === undefined) continue;
    const target = resolveFile(repo, run.program);
    if (target === undefined || !RUNNABLE.test(target.path)) continue;
    if (!reading.runs.some((known) => known.target === target.path && known.repo === target.repo && samePlace(known.at, run.at))) {
      reading.runs.push({ target: target.path, repo: target.repo, at: run.at });
    }
  }
  return reading;
}

/**
 * Results folders built in embedded code as a path of quoted parts
 * (`ROOT / '.tmp' / 'm057-s02' / 'verify'`, `os.path.join(ROOT, ".tmp", "x", "verify")`), with
 * their line within the body (0-based). Only the `.tmp/<slug>/verify|fly` shape counts.
 */
function embeddedResultsFolders(body: string): Array<{ path: string; line: number }> {
  const found: Array<{ path: string; line: number }> = [];
  body.split('\n').forEach((line, index) => {
    const parts = [...line.matchAll(/(['"])([^'"\n]*)\1/g)].map((m) => m[2]!);
    for (let i = 0; i + 2 < parts.length; i++) {
      const folder = `${parts[i]}/${parts[i + 1]}/${parts[i + 2]}`;
      if (parts[i] === '.tmp' && RESULTS_FOLDER.test(folder)) found.push({ path: folder, line: index });
    }
  });
  return found;
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

/**
 * An expanded path naming a file: a tracked file of the script's own repo, or a path under
 * another repo's root variable (checked against that repo by the caller, which may not have
 * its checkout).
 */
function resolveFile(repo: RepoView, expanded: string, cwd?: string): { repo: string; path: string } | undefined {
  const { repo: repoId, path: rest } = splitRoot(expanded);
  if (rest === '') return undefined;
  if (repoId !== SELF) {
    // Confined lexically: another repo's path never climbs out of that repo's root.
    const clean = path.posix.normalize(rest);
    return clean.startsWith('../') || clean === '..' || path.posix.isAbsolute(clean) ? undefined : { repo: repoId, path: clean };
  }
  const relative = repo.normalise(rest, cwd);
  return relative !== undefined && repo.fileStatus(relative) === 'tracked' ? { repo: repoId, path: relative } : undefined;
}

function samePlace(a: SourcePosition, b: SourcePosition): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}
