/**
 * The docs collection's loader: the pages of the configured docs folder (`meshDocs({ docsDir })`,
 * so the gate checks the very files the site renders), read with Astro's glob loader the way
 * Starlight's own `docsLoader` reads `src/content/docs/`, plus one rule: when rails.yaml, the
 * gate's provenance, the rails' last results or the site's code changed since the last load,
 * drop every cached entry so pages re-render. Astro keeps rendered Markdown in its data store
 * and only re-renders a page whose own file changed; our pages also depend on those, which
 * Astro cannot know. The key of the inputs it rendered with is recorded for the dev server.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { glob, type Loader } from 'astro/loaders';
import { AstroError } from 'astro/errors';
import { PAGE_GLOB } from '../core/page-files.ts';
import { codeDigest } from '../core/code-digest.ts';
import { markPagesLoaded, pageInputsKey, publishedConfig, renderInputsReady } from './render-inputs.ts';

export const MESH_DOCS_LOADER = 'mesh-docs';

export function meshDocsLoader(): Loader {
  return {
    name: MESH_DOCS_LOADER,
    async load(context) {
      const config = publishedConfig();
      if (!config) {
        throw new AstroError('The docs collection uses meshDocsLoader(), but the meshDocs() integration is not in astro.config.mjs.', 'Add meshDocs() to `integrations` in astro.config.mjs.');
      }
      // A build's gate sets what pages show about it; when it failed, the build stops anyway.
      if (!(await renderInputsReady())) return;
      const inputs = pageInputsKey(config.railsFile);
      const key = createHash('sha256').update(inputs).update('\0').update(codeDigest()).digest('hex');
      if (context.meta.get('rails-key') !== key) {
        context.store.clear();
        context.meta.set('rails-key', key);
      }
      markPagesLoaded(inputs);
      await glob({ base: pathToFileURL(`${config.docsDir}/`), pattern: PAGE_GLOB }).load(context);
    },
  };
}
