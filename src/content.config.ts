import { defineCollection } from 'astro:content';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { orphanFrontmatter } from './built-site/orphan-mark.ts';
import { meshDocsLoader } from './integrations/docs-loader.ts';

export const collections = {
  // Starlight's loader, re-rendering every page when rails.yaml changes.
  docs: defineCollection({
    loader: meshDocsLoader(),
    // A page no other page links to on purpose says why (`orphan: <reason>`).
    schema: docsSchema({ extend: orphanFrontmatter }),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
