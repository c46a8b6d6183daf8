import { defineCollection } from 'astro:content';
import { docsSchema } from '@astrojs/starlight/schema';
import { meshDocsLoader } from './integrations/docs-loader.ts';

export const collections = {
  // Starlight's loader, re-rendering every page when rails.yaml changes.
  docs: defineCollection({ loader: meshDocsLoader(), schema: docsSchema() }),
};
