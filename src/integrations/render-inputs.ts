/**
 * What pages render from besides their own file and rails.yaml: the gate's provenance (set by
 * the integration during config setup; a global, because Astro loads the content config in a
 * separate module graph) and the code of the renderer itself. The docs loader folds both into
 * its cache key, so neither a new gate result nor a changed renderer leaves stale pages.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Provenance } from '../proof-map/context.ts';

const KEY = Symbol.for('mesh-docs.provenance');
const READY = Symbol.for('mesh-docs.render-inputs-ready');
type Holder = { [KEY]?: Provenance; [READY]?: Promise<boolean> };

/**
 * A build's gate runs while Astro sets up; this promise resolves once the gate is done (its
 * provenance set), to false when it failed: the build then stops at build start, so pages
 * are not rendered for nothing.
 */
export function setRenderInputsPending(ready: Promise<boolean>): void {
  (globalThis as Holder)[READY] = ready;
}

/** Resolves when pages may render (at once in dev, where the gate ran before the server). */
export function renderInputsReady(): Promise<boolean> {
  return (globalThis as Holder)[READY] ?? Promise.resolve(true);
}

export function setProvenance(provenance: Provenance | undefined): void {
  (globalThis as Holder)[KEY] = provenance;
}

export function getProvenance(): Provenance | undefined {
  return (globalThis as Holder)[KEY];
}

export function renderInputsKey(): string {
  return `${JSON.stringify(getProvenance() ?? null)}\0${rendererDigest()}\0${resultsDigest(getProvenance())}`;
}

/** Retained results are render inputs too: their files' sizes and times, so a new run re-renders. */
const RESULT_FILES = ['status.txt', 'current-phase.txt', 'phase-report.txt', 'latest-proof-bundle.txt'];
export function resultsDigest(provenance: Provenance | undefined): string {
  const source = provenance?.results;
  if (!source || source === 'off') return '';
  const hash = createHash('sha256');
  for (const { repo, folder } of provenance.resultFolders ?? []) {
    const root = source.roots[repo];
    if (root === undefined) continue;
    for (const name of RESULT_FILES) {
      try {
        const stats = statSync(path.join(root, folder, name));
        hash.update(`${folder}/${name}\0${stats.size}\0${stats.mtimeMs}\n`);
      } catch {
        hash.update(`${folder}/${name}\0-\n`);
      }
    }
  }
  return hash.digest('hex');
}

/** Folders (relative to src/) whose code shapes the generated sections. */
const RENDERER_FOLDERS = ['proof-map', 'rails', 'integrations', 'markdown', 'highlight'];

/** sha256 over the renderer's source files; a few dozen small files, read once per load. */
function rendererDigest(): string {
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  for (const folder of RENDERER_FOLDERS) {
    const entries = readdirSync(path.join(src, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of entries) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex');
}
