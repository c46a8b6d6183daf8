/**
 * Where the JSON report lives on disk. A CI reads it after the run, so it must never claim a
 * result the run did not reach: each run first replaces it with "running", a crash leaves
 * "crashed", and every write is atomic (a temp file in the same folder, then a rename), so a
 * reader never sees half a report or the previous run's "errors: 0". A rename replaces whatever
 * its target names, so the target must be a regular file or missing: a FIFO, a symlink or a
 * device named as a report (`--json /dev/null` run as root) is refused and left as it was.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

/** Raised when a report's path names something other than a regular file. */
export class ReportTargetError extends Error {
  override name = 'ReportTargetError';
}

/**
 * Why `file` must not be replaced (it is a FIFO, a symlink, a device, …), or undefined when it
 * is a regular file or missing. `lstat`, so a symlink is judged itself, not what it points to.
 */
export function irregularTarget(file: string): string | undefined {
  let kind: string;
  try {
    const stat = lstatSync(file);
    if (stat.isFile()) return undefined;
    kind = stat.isSymbolicLink()
      ? 'a symlink'
      : stat.isDirectory()
        ? 'a folder'
        : stat.isFIFO()
          ? 'a FIFO'
          : stat.isCharacterDevice() || stat.isBlockDevice()
            ? 'a device'
            : stat.isSocket()
              ? 'a socket'
              : 'a special file';
  } catch {
    return undefined; // missing (or unreachable: the write itself then says why)
  }
  return `${file} is ${kind}, not a regular file`;
}

/**
 * Writes `value` as pretty JSON: temp file beside the target, then rename over it; only over a
 * regular file or a missing path (else `ReportTargetError`).
 */
export function writeJsonAtomically(file: string, value: unknown): void {
  writeTextAtomically(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes text through a temp file beside the target, then a rename over it; only over a regular file or a missing path. */
export function writeTextAtomically(file: string, text: string): void {
  const refused = irregularTarget(file);
  if (refused !== undefined) throw new ReportTargetError(refused);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
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
