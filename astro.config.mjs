// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import meshDocs, { meshDocsSetup } from './src/integrations/index.ts';
import { RAIL_SEARCH_BUNDLE } from './src/core/site-paths.ts';

// No Astro telemetry for this site, also when Astro is run directly (`npx astro build`): it
// would start a shell (`git rev-list`) and try the network, and the site builds offline. Astro
// reads the variable when it records, after loading this file. `npm run …` sets it earlier still.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

// The mesh-docs options, parsed once: where rails.yaml and the pages are, the repo to check
// (located once, for the gate and for the Mesh grammar Starlight highlights code with).
const mesh = meshDocsSetup({}, new URL('.', import.meta.url));

export default defineConfig({
  integrations: [
    meshDocs(mesh),
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
      // Mesh code is highlighted with the checked Mesh repo's own grammar (plain text and a warning without it).
      expressiveCode: mesh.expressiveCode,
      sidebar: [
        { label: 'Start here', items: ['clustered-example'] },
        { label: 'Guides', items: ['distributed-actors'] },
        { label: 'Proof', items: ['distributed-proof', 'production-backend-proof'] },
        { label: 'Contributing', items: ['contributing/rails'] },
      ],
    }),
  ],
});
