// @ts-check
import { unified } from '@astrojs/markdown-remark';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import meshDocs from './src/integrations/index.ts';

export default defineConfig({
  // The proof-map directives are remark plugins, so Markdown goes through unified.
  markdown: { processor: unified() },
  integrations: [
    meshDocs(),
    starlight({
      title: 'Mesh',
      description: 'Mesh, a programming language for distributed systems.',
      customCss: ['./src/styles/proof-map.css'],
      social: [{ icon: 'github', label: 'GitHub', href: 'https://github.com/hyperpush-org/mesh-lang' }],
      editLink: { baseUrl: 'https://github.com/hyperpush-org/mesh-lang/edit/main/website/' },
      lastUpdated: false,
      // Mesh code reads like Elixir (do ... end blocks, atoms); borrow its highlighting.
      expressiveCode: { shiki: { langAlias: { mesh: 'elixir' } } },
      sidebar: [
        { label: 'Start here', items: ['clustered-example'] },
        { label: 'Guides', items: ['distributed-actors'] },
        { label: 'Proof', items: ['distributed-proof', 'production-backend-proof'] },
        { label: 'Contributing', items: ['contributing/rails'] },
      ],
    }),
  ],
});
