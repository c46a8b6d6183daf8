/**
 * Where the JSON report lives on disk. A CI reads it after the run, so it must never claim a
 * result the run did not reach: each run first replaces it with "running", a crash leaves
 * "crashed", and every write is atomic (a temp file in the same folder, then a rename), so a
 * reader never sees half a report or the previous run's "errors: 0". A rename replaces whatever
 * its target names, so the target must be a regular file or missing: a FIFO, a symlink or a
 * device named as a report (`--json /dev/null` run as root) is refused and left as it was.
 */
import { mkdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { irregularTarget, writeFileAtomically } from '../../core/atomic-file.ts';

/**
 * What a report says while no result exists: the run is going, it stopped before checking
 * (no repo to check), or the gate itself died.
 */
export interface JsonStatusReport {
  version: 1;
  status: 'running' | 'failed' | 'crashed';
  message: string;
}

/**
 * Makes sure the report's folder exists, creating missing folders one level at a time (a
 * recursive mkdir never returns under /proc). Returns why it cannot, or undefined when ready.
 */
export function prepareReportFolder(file: string): string | undefined {
  const target = kindOf(file);
  if (target === 'folder') return `${file} is a folder`;
  const notRegular = irregularTarget(file);
  if (notRegular !== undefined) return notRegular;
  const missing: string[] = [];
  let folder = path.dirname(path.resolve(file));
  for (;;) {
    const kind = kindOf(folder);
    if (kind === 'folder') break;
    if (kind === 'file') return `${folder} is a file, not a folder`;
    const parent = path.dirname(folder);
    if (parent === folder) return `${folder} cannot be reached`;
    missing.unshift(folder);
    folder = parent;
  }
  for (const create of missing) {
    try {
      mkdirSync(create);
    } catch (error) {
      return `the folder ${create} cannot be created (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }
  return undefined;
}

/**
 * Writes `value` as pretty JSON: temp file beside the target, then rename over it; only over a
 * regular file or a missing path (else `NotRegularFileError`).
 */
export function writeJsonAtomically(file: string, value: unknown): void {
  writeFileAtomically(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Removes a previous run's report, when it is a regular file (nothing else is ever removed). */
export function removeReportFile(file: string): void {
  if (irregularTarget(file) !== undefined) return;
  try {
    unlinkSync(file);
  } catch {
    // missing already
  }
}

export function statusReport(status: JsonStatusReport['status'], message: string): JsonStatusReport {
  return { version: 1, status, message };
}

function kindOf(target: string): 'file' | 'folder' | 'missing' {
  try {
    return statSync(target).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}
