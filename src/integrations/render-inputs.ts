/**
 * What pages render from besides their own file: rails.yaml, the gate's provenance (set by the
 * integration during config setup, shared through core/shared-slot.ts because Astro loads the
 * content config in a separate module graph) and the rails' last results. The docs loader keys
 * its cache on them and on the code that renders them (core/code-digest.ts), so neither a new
 * gate result, a new run nor a code change leaves stale pages. The parsed config crosses the
 * same way.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MeshDocsConfig } from '../config/mesh-docs-config.ts';
import { sharedSlot } from '../core/shared-slot.ts';
import type { Provenance } from '../proof-map/context.ts';

const provenanceSlot = sharedSlot<Provenance>('provenance');
const readySlot = sharedSlot<Promise<boolean>>('render-inputs-ready');
const configSlot = sharedSlot<MeshDocsConfig>('config');
const loadedSlot = sharedSlot<string>('pages-loaded-key');

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

/**
 * What pages render from besides their own files and the code: rails.yaml's bytes, the gate's
 * provenance and the rails' last results. The docs loader records the key it rendered with, so
 * the dev server can tell when pages lag behind it (dev-watch.ts `keepPagesCurrent`).
 */
export function pageInputsKey(railsFile: string): string {
  const provenance = getProvenance();
  return createHash('sha256')
    .update(readIfPresent(railsFile))
    .update('\0')
    .update(JSON.stringify(provenance ?? null))
    .update('\0')
    .update(resultsDigest(provenance))
    .digest('hex');
}

/** The page-inputs key the docs loader last rendered with (set as a content sync starts loading). */
export function markPagesLoaded(key: string): void {
  loadedSlot.set(key);
}

export function loadedPagesKey(): string | undefined {
  return loadedSlot.get();
}

/** The file's bytes, or a marker while it is missing (deleted mid-edit): the gate reports that. */
function readIfPresent(file: string): Buffer | string {
  try {
    return readFileSync(file);
  } catch {
    return '\0missing';
  }
}

/** Retained results are render inputs too: their files' sizes and times, so a new run re-renders. */
const RESULT_FILES = ['status.txt', 'current-phase.txt', 'phase-report.txt', 'latest-proof-bundle.txt'];
function resultsDigest(provenance: Provenance | undefined): string {
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

