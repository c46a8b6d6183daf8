import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { meshDocsLoader } from './integrations/docs-loader.ts';

export const collections = {
  // Starlight's loader, re-rendering every page when rails.yaml changes.
  docs: defineCollection({
    loader: meshDocsLoader(),
    schema: docsSchema({
      extend: z.object({
        // A page no other page links to on purpose says why; the built-site check then lets it be.
        orphan: z.string().trim().min(1, 'say why the page is linked from nowhere: `orphan: <reason>`').optional(),
      }),
    }),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
