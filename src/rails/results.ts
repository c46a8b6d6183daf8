/**
 * A rail's last retained result, read from its results folder in the repo (`.tmp/` is
 * git-ignored, so this reads the disk, not git). Only what the files say counts: no folder is
 * "not run here", never a pass; a malformed or partial file is "unreadable" with the reason.
 * Every path is normalised and confined to the repo root before any file-system call, and no
 * symlink may lead out of it.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { joinConfined, resolvesUnder } from '../core/confine.ts';
import { normaliseLexically } from '../repo/repo-view.ts';

/** `logs`: a rail that keeps only logs (rails.yaml `logsOnly`), so there is no outcome to read. */
export type ResultState = 'ok' | 'failed' | 'running' | 'not-run' | 'unreadable' | 'logs';

export interface PhaseOutcome {
  name: string;
  outcome: string;
}

export interface RailResult {
  state: ResultState;
  /** Repo-relative results folder, when the rail has one. */
  folder?: string;
  /** `current-phase.txt`: the phase running, or the one it stopped in. */
  phase?: string;
  /** `phase-report.txt`: one entry per phase, in the order phases started, with its last outcome. */
  phases: PhaseOutcome[];
  /** When it ran: the date (UTC, YYYY-MM-DD) of `status.txt` (of the newest log, for a log-only rail). */
  ranAt?: string;
  /** What a log-only rail keeps (rails.yaml `logsOnly`). */
  keeps?: string;
  /** `latest-proof-bundle.txt`: the retained proof bundle. */
  bundle?: string;
  /** Why the result is unreadable, or why there is none. */
  reason?: string;
}

const STATUSES = new Set(['ok', 'failed', 'running']);
/** Status files are a few lines; anything bigger is not one. */
const MAX_BYTES = 64 * 1024;

class Unreadable extends Error {}

export interface ResultShape {
  /** The rail keeps only logs, and this is what it keeps (rails.yaml `logsOnly`). */
  logsOnly?: string | undefined;
}

export function readRailResult(repoRoot: string, folder: string | undefined, shape: ResultShape = {}): RailResult {
  if (folder === undefined) {
    const keeps = shape.logsOnly === undefined ? {} : { keeps: shape.logsOnly };
    return { state: 'not-run', phases: [], reason: 'this rail keeps no results folder', ...keeps };
  }
  const relative = normaliseLexically(folder);
  if (relative === undefined || relative === '') {
    return { state: 'unreadable', folder, phases: [], reason: `the results folder ${folder} is outside the repo root` };
  }
  try {
    const realRoot = realpathSync(repoRoot);
    const base = { folder: relative };
    const folderPath = confined(realRoot, relative);
    if (folderPath === undefined) return { state: 'not-run', ...base, phases: [], reason: `no ${relative}/ in this checkout` };
    if (shape.logsOnly !== undefined) return logsResult(realRoot, relative, shape.logsOnly);
    const status = readSmall(realRoot, `${relative}/status.txt`);
    if (status === undefined) return clearedStatus(realRoot, relative);
    const state = status.trim();
    if (!STATUSES.has(state)) throw new Unreadable(`status.txt holds "${state.slice(0, 40)}", not running, ok or failed`);
    const phase = readSmall(realRoot, `${relative}/current-phase.txt`)?.trim();
    const bundle = readSmall(realRoot, `${relative}/latest-proof-bundle.txt`)?.trim();
    const result: RailResult = {
      state: state as ResultState,
      ...base,
      phases: parsePhases(readSmall(realRoot, `${relative}/phase-report.txt`)),
      ranAt: statSync(path.join(realRoot, relative, 'status.txt')).mtime.toISOString().slice(0, 10),
    };
    if (phase) result.phase = phase;
    if (bundle) result.bundle = bundle;
    return result;
  } catch (error) {
    const reason = error instanceof Unreadable ? error.message : `could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    return { state: 'unreadable', folder: relative, phases: [], reason };
  }
}

/**
 * `<phase>\t<outcome>` per line, as scripts append them: `started` when a phase begins, then
 * `passed` or `failed`. One entry per phase, in the order phases started, holding its last
 * outcome (a phase still running has only `started`). Any other line makes the report unreadable.
 */
function parsePhases(text: string | undefined): PhaseOutcome[] {
  if (text === undefined) return [];
  const phases = new Map<string, PhaseOutcome>();
  text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')
    .forEach((line, index) => {
      const match = /^([^\t]+)\t([^\t]+)$/.exec(line);
      if (!match) throw new Unreadable(`phase-report.txt line ${index + 1} is not "<phase><TAB><outcome>"`);
      const name = match[1]!.trim();
      const outcome = match[2]!.trim();
      const known = phases.get(name);
      if (known) known.outcome = outcome;
      else phases.set(name, { name, outcome });
    });
  return [...phases.values()];
}

/**
 * No `status.txt` in an existing folder. A script that clears its status when it starts (and
 * writes it again at the end) is mid-run when its phase files are there: shown as running.
 * A folder without those either is not a results folder the gate can read.
 */
function clearedStatus(realRoot: string, relative: string): RailResult {
  const phase = readSmall(realRoot, `${relative}/current-phase.txt`)?.trim();
  const phasesText = readSmall(realRoot, `${relative}/phase-report.txt`);
  if (!phase && phasesText === undefined) throw new Unreadable(`${relative}/ exists but has no status.txt`);
  const phases = parsePhases(phasesText);
  const newest = newestFile(realRoot, relative, ['current-phase.txt', 'phase-report.txt']);
  return {
    state: 'running',
    folder: relative,
    phases,
    ...(phase ? { phase } : phases.length > 0 ? { phase: phases[phases.length - 1]!.name } : {}),
    ...(newest ? { ranAt: newest } : {}),
    reason: 'status.txt was cleared when this run started; it is written again when the run ends',
  };
}

/** A log-only rail: what it keeps and the date of its newest log; there is no outcome to read. */
function logsResult(realRoot: string, relative: string, keeps: string): RailResult {
  const newest = newestFile(realRoot, relative);
  return { state: 'logs', folder: relative, phases: [], keeps, ...(newest ? { ranAt: newest } : {}) };
}

/** Date (UTC, YYYY-MM-DD) of the newest regular file directly in the folder (or of the named ones). */
function newestFile(realRoot: string, relative: string, names?: readonly string[]): string | undefined {
  const folder = confined(realRoot, relative);
  if (folder === undefined) return undefined;
  let newest = 0;
  for (const name of names ?? readdirSync(folder)) {
    if (name.includes('/') || name.startsWith('.')) continue;
    const file = confined(realRoot, `${relative}/${name}`);
    if (file === undefined) continue;
    const stats = statSync(file);
    if (stats.isFile() && stats.mtimeMs > newest) newest = stats.mtimeMs;
  }
  return newest === 0 ? undefined : new Date(newest).toISOString().slice(0, 10);
}

/** The absolute path when it exists and, symlinks resolved, stays under the root (the gate's one confinement). */
export function confined(realRoot: string, relative: string): string | undefined {
  const absolute = joinConfined(realRoot, relative);
  if (absolute === undefined) throw new Unreadable(`${relative} is outside the repo root`);
  try {
    lstatSync(absolute);
  } catch {
    return undefined;
  }
  if (!resolvesUnder(realRoot, absolute)) throw new Unreadable(`${relative} leads outside the repo root (a symlink out, or a dangling one)`);
  return realpathSync(absolute);
}

export function readSmall(realRoot: string, relative: string): string | undefined {
  const real = confined(realRoot, relative);
  if (real === undefined) return undefined;
  const stats = statSync(real);
  if (!stats.isFile()) throw new Unreadable(`${relative} is not a file`);
  if (stats.size > MAX_BYTES) throw new Unreadable(`${relative} is ${stats.size} bytes, too big for a status file`);
  const text = readFileSync(real, 'utf8');
  if (text.includes('\u0000')) throw new Unreadable(`${relative} is not text`);
  return text;
}

/** A rail's result in its own repo's checkout; a repo whose checkout was not found ran nothing here. */
export function readRailResultIn(repoRoot: string | undefined, folder: string | undefined, shape: ResultShape = {}): RailResult {
  return repoRoot === undefined ? readRailResult('', undefined, shape) : readRailResult(repoRoot, folder, shape);
}
