// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { loadMeshGrammar, meshExpressiveCode } from './src/highlight/mesh-grammar.ts';
import meshDocs from './src/integrations/index.ts';
import { RAIL_SEARCH_BUNDLE } from './src/core/site-paths.ts';

// Mesh code is highlighted with the checked Mesh repo's own grammar (plain text and a warning without it).
const meshGrammar = loadMeshGrammar(fileURLToPath(new URL('.', import.meta.url)));

export default defineConfig({
  integrations: [
    meshDocs({ meshGrammar }),
    starlight({
      title: 'Mesh',
      description: 'Mesh, a programming language for distributed systems.',
      favicon: '/favicon.svg',
      customCss: ['./src/styles/proof-map.css'],
      social: [{ icon: 'github', label: 'GitHub', href: 'https://github.com/hyperpush-org/mesh-lang' }],
      editLink: { baseUrl: 'https://github.com/hyperpush-org/mesh-lang/edit/main/website/' },
      // From git where there is one; a page without history simply shows no date.
      lastUpdated: true,
      // Each rail is a search result of its own, opening its row (built by the mesh-docs integration).
      pagefind: { mergeIndex: [{ bundlePath: `/${RAIL_SEARCH_BUNDLE}/` }] },
      expressiveCode: meshExpressiveCode(meshGrammar),
      sidebar: [
        { label: 'Start here', items: ['clustered-example'] },
        { label: 'Guides', items: ['distributed-actors'] },
        { label: 'Proof', items: ['distributed-proof', 'production-backend-proof'] },
        { label: 'Contributing', items: ['contributing/rails'] },
      ],
    }),
  ],
});
