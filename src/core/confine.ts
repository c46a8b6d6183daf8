/**
 * The one gatekeeper between untrusted text (a link, a path in a page or the YAML, a word of a
 * command) and the file system. Every check that looks something up on disk runs its path
 * through here first: fully decoded, normalised, and kept inside its root, or refused.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';

export type Confined =
  | { ok: true; /** POSIX path relative to the root; '' is the root itself. */ relative: string }
  | { ok: false; /** Why the path was refused, as a clause ("it leaves the root"). */ reason: string };

export interface ConfineOptions {
  /** Percent-decode until nothing changes (links and URLs; `%252F` becomes `/`). */
  decode?: boolean;
  /** A repo-relative folder the path is relative to (a preceding `cd`). */
  cwd?: string;
}

/** Encodings nested deeper than this are refused rather than decoded forever. */
const MAX_DECODE_ROUNDS = 8;

/**
 * Confines `input` to a root, lexically: no file-system call happens here. Refuses NUL and
 * other control characters, backslashes (a separator on Windows and in URL parsers), absolute
 * and home paths, drive letters, and any `..` that climbs above the root, whatever the
 * encoding they arrive in.
 */
export function confine(input: string, options: ConfineOptions = {}): Confined {
  let text = input.trim();
  if (options.decode) {
    const decoded = decodeFully(text);
    if (decoded === undefined) return { ok: false, reason: 'it has a broken or endless percent-encoding' };
    text = decoded;
  }
  const refused = refusal(text) ?? (options.cwd !== undefined ? refusal(options.cwd) : undefined);
  if (refused) return { ok: false, reason: refused };
  const joined = options.cwd ? `${options.cwd}/${text}` : text;
  const normal = path.posix.normalize(joined === '' ? '.' : joined).replace(/\/+$/, '');
  if (normal === '..' || normal.startsWith('../')) return { ok: false, reason: 'it climbs above the root with ..' };
  return { ok: true, relative: normal === '.' || normal === '' ? '' : normal };
}

/** Confines a site URL path (`/a/b/`) to a folder: a leading `/` means the folder itself. */
export function confineUrlPath(urlPath: string): Confined {
  return confine(urlPath.replace(/^\/+/, ''), { decode: true });
}

/** Joins a confined relative path onto its root, checking once more that it stays inside. */
export function joinConfined(root: string, relative: string): string | undefined {
  const absoluteRoot = path.resolve(root);
  const joined = path.resolve(absoluteRoot, relative);
  return joined === absoluteRoot || joined.startsWith(absoluteRoot + path.sep) ? joined : undefined;
}

/**
 * True when `absolute`, with every symlink resolved, is still under `root`: a page that is a
 * symlink to a file elsewhere must not make the gate read outside the docs folder.
 */
export function resolvesUnder(root: string, absolute: string): boolean {
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(absolute);
    return real === realRoot || real.startsWith(realRoot + path.sep);
  } catch {
    return false;
  }
}

function refusal(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'it holds a NUL byte or another control character';
  if (text.includes('\\')) return 'it holds a backslash';
  if (text.startsWith('/')) return 'it is an absolute path';
  if (text.startsWith('~')) return 'it starts at a home folder';
  if (/^[A-Za-z]:/.test(text)) return 'it starts with a drive letter';
  return undefined;
}

function decodeFully(text: string): string | undefined {
  let current = text;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined;
}
