/**
 * Starlight's docs loader, plus one rule: when rails.yaml (or what the gate checked) changed
 * since the last load, drop every cached entry so pages re-render. Astro keeps rendered
 * Markdown in its data store and only re-renders a page whose own file changed; our pages
 * also depend on the YAML, which Astro cannot know.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsLoader } from '@astrojs/starlight/loaders';
import type { Loader } from 'astro/loaders';
import { DEFAULT_RAILS_FILE } from '../core/site-paths.ts';
import { renderInputsKey, renderInputsReady } from './render-inputs.ts';

export const MESH_DOCS_LOADER = 'mesh-docs';

export function meshDocsLoader(options: { railsFile?: string } = {}): Loader {
  const inner = docsLoader();
  return {
    name: MESH_DOCS_LOADER,
    async load(context) {
      // A build's gate sets what pages show about it; when it failed, the build stops anyway.
      if (!(await renderInputsReady())) return;
      const yamlPath = path.resolve(fileURLToPath(context.config.root), options.railsFile ?? DEFAULT_RAILS_FILE);
      const key = createHash('sha256').update(readIfPresent(yamlPath)).update(renderInputsKey()).digest('hex');
      if (context.meta.get('rails-key') !== key) {
        context.store.clear();
        context.meta.set('rails-key', key);
      }
      await inner.load(context);
    },
  };
}

/** The file's bytes, or a marker while it is missing (deleted mid-edit): the gate reports that. */
function readIfPresent(file: string): Buffer | string {
  try {
    return readFileSync(file);
  } catch {
    return '\0missing';
  }
}
