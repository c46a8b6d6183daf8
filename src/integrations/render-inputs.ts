/**
 * What pages render from besides their own file and rails.yaml: the gate's provenance. The
 * integration sets it during config setup; the docs loader folds it into its cache key. A
 * global is used because Astro loads the content config in a separate module graph.
 */
import type { Provenance } from '../proof-map/context.ts';

const KEY = Symbol.for('mesh-docs.provenance');
type Holder = { [KEY]?: Provenance };

export function setProvenance(provenance: Provenance | undefined): void {
  (globalThis as Holder)[KEY] = provenance;
}

export function getProvenance(): Provenance | undefined {
  return (globalThis as Holder)[KEY];
}

export function renderInputsKey(): string {
  return JSON.stringify(getProvenance() ?? null);
}
