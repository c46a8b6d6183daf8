/**
 * What pages render from besides their own file and rails.yaml: the gate's provenance (set by
 * the integration during config setup, shared through core/shared-slot.ts because Astro loads
 * the content config in a separate module graph) and the code that renders them (every source
 * file, see below). The docs loader folds both into its cache key, so neither a new gate
 * result nor a code change leaves stale pages. The parsed config crosses the same way.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MeshDocsConfig } from '../config/mesh-docs-config.ts';
import { sharedSlot } from '../core/shared-slot.ts';
import type { Provenance } from '../proof-map/context.ts';

const provenanceSlot = sharedSlot<Provenance>('provenance');
const readySlot = sharedSlot<Promise<boolean>>('render-inputs-ready');
const configSlot = sharedSlot<MeshDocsConfig>('config');

/** The integration hands its parsed config to the docs loader (Astro's content config). */
export function publishConfig(config: MeshDocsConfig): void {
  configSlot.set(config);
}

export function publishedConfig(): MeshDocsConfig | undefined {
  return configSlot.get();
}

/**
 * A build's gate runs while Astro sets up; this promise resolves once the gate is done (its
 * provenance set), to false when it failed: the build then stops at build start, so pages
 * are not rendered for nothing.
 */
export function setRenderInputsPending(ready: Promise<boolean>): void {
  readySlot.set(ready);
}

/** Resolves when pages may render (at once in dev, where the gate ran before the server). */
export function renderInputsReady(): Promise<boolean> {
  return readySlot.get() ?? Promise.resolve(true);
}

export function setProvenance(provenance: Provenance | undefined): void {
  provenanceSlot.set(provenance);
}

export function getProvenance(): Provenance | undefined {
  return provenanceSlot.get();
}

export function renderInputsKey(): string {
  return `${JSON.stringify(getProvenance() ?? null)}\0${sourceDigest()}\0${resultsDigest(getProvenance())}`;
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

/**
 * What rendering runs is code from most of src/ (the directives, the rails model, the repo URL
 * constants, the shared core): a hand-kept list of folders went stale as soon as a plugin
 * imported one more module. So the key covers every file under src/ except the pages
 * themselves (Astro keys each page on its own file): a change anywhere in the code re-renders
 * every page once, never a stale one. A couple of hundred small files, read once per load.
 */
/** Pages and Starlight's UI strings: Astro keys each entry on its own file. */
const KEYED_BY_ASTRO = new Set(['content']);

function sourceDigest(): string {
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !KEYED_BY_ASTRO.has(path.relative(src, entry.parentPath).split(path.sep)[0] ?? ''))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(src, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}
