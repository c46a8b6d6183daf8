/**
 * Where the JSON report lives on disk. A CI reads it after the run, so it must never claim a
 * result the run did not reach: each run first replaces it with "running", a crash leaves
 * "crashed", and every write is atomic (a temp file in the same folder, then a rename), so a
 * reader never sees half a report or the previous run's "errors: 0".
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Writes `value` as pretty JSON: temp file beside the target, then rename over it. */
export function writeJsonAtomically(file: string, value: unknown): void {
  writeTextAtomically(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes text through a temp file beside the target, then a rename over it. */
export function writeTextAtomically(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
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
