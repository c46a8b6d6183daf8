/**
 * A digest of the code that turns inputs into outputs: every file under src/ except the pages
 * and rails.yaml (content/ and data/, see NOT_CODE), and package-lock.json (a new parser or grammar version
 * reads differently). Caches key on it, so a change anywhere in the code, or a dependency
 * upgrade, starts them afresh. A hand-kept list of folders went stale as soon as a module
 * imported one more file; reading a few hundred small files costs a few milliseconds.
 * Read anew at each call: a dev server sees code edits without a restart. A bundled command
 * (scripts/run-bundled.mjs) is handed the digest by its launcher, which read the same files by
 * the same rule as it started, so they are not read twice; its code cannot change while it runs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCK_FILE = path.resolve(SRC, '..', 'package-lock.json');
/**
 * Folders of data, not code: the pages and Starlight's UI strings (Astro keys each entry on
 * its own file), and rails.yaml (the docs loader keys pages on its text, the gate reads it every
 * run). With rails.yaml in the digest, each edit of it (the one file a contributor edits most)
 * threw away every kept reading.
 */
const NOT_CODE = new Set(['content', 'data']);
/** Where scripts/run-bundled.mjs leaves the digest it made. */
const HANDED = Symbol.for('mesh-docs.code-digest');

export function codeDigest(): string {
  const handed = (globalThis as { [HANDED]?: unknown })[HANDED];
  if (typeof handed === 'string') return handed;
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !NOT_CODE.has(path.relative(SRC, entry.parentPath).split(path.sep)[0] ?? ''))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(SRC, file)).update('\0').update(readFileSync(file)).update('\0');
  try {
    hash.update(readFileSync(LOCK_FILE));
  } catch {
    hash.update('no lock file');
  }
  return hash.digest('hex');
}
