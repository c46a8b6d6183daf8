/**
 * Writing a file so that no reader ever sees half of it: the text goes to a temp file beside
 * the target, then a rename replaces the target. A rename replaces whatever its target names,
 * so the target must be a regular file or missing: a FIFO, a symlink or a device named as an
 * output is refused and left as it was. Used for the JSON reports, rails.yaml fixes and the
 * gate's cache; `readRegularFile` reads such files back the same careful way.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Raised when a file to write names something other than a regular file. */
export class NotRegularFileError extends Error {
  override name = 'NotRegularFileError';
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

/** Writes text or bytes through a temp file beside the target, then a rename over it; only over a regular file or a missing path. */
export function writeFileAtomically(file: string, text: string | Uint8Array): void {
  const refused = irregularTarget(file);
  if (refused !== undefined) throw new NotRegularFileError(refused);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * The read side: the bytes of `file` when it is a regular file (never through a link) of at
 * most `maxBytes`, else undefined. For files the gate wrote itself (its caches, git's output):
 * anything else in their place is set aside, never read.
 */
export function readRegularFile(file: string, maxBytes: number): Buffer | undefined {
  try {
    const stat = lstatSync(file);
    return stat.isFile() && stat.size <= maxBytes ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}
