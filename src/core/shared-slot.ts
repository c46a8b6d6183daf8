/**
 * The one global the site's code shares. Astro loads the integration, the content config (with
 * its docs loader), the Markdown plugins as content renders, and the dev middleware in separate
 * module graphs, each with its own copy of every module, so a module-level variable set in one
 * is not seen in another. What must cross (the parsed config, the gate's provenance, directive
 * problems, the dev error report) lives in slots of one object under one global key.
 */
const KEY = Symbol.for('mesh-docs.shared');
type Slots = Record<string, unknown>;

export interface Slot<T> {
  get(): T | undefined;
  set(value: T | undefined): void;
}

export function sharedSlot<T>(name: string): Slot<T> {
  const slots = ((globalThis as { [KEY]?: Slots })[KEY] ??= {});
  return {
    get: () => slots[name] as T | undefined,
    set: (value) => {
      slots[name] = value;
    },
  };
}
