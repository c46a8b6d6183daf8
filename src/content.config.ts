import { defineCollection } from 'astro:content';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { meshDocsLoader } from './integrations/docs-loader.ts';

export const collections = {
  // Starlight's loader, re-rendering every page when rails.yaml changes.
  docs: defineCollection({ loader: meshDocsLoader(), schema: docsSchema() }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
