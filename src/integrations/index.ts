/**
 * The Mesh docs integration. It only wires hooks: load and validate rails.yaml, run the
 * docs-truth gate on build, register the remark plugin (before Starlight's), and in dev
 * re-sync content when the YAML changes (the docs loader then re-renders every page).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUnifiedProcessor } from '@astrojs/markdown-remark';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import remarkDirective from 'remark-directive';
import { loadRails } from '../rails/load.ts';
import remarkProofMap, { type RemarkProofMapOptions } from './remark-proof-map.ts';
import { formatDiagnosticLines } from './format-errors.ts';
import { DEFAULT_DOCS_DIR, DEFAULT_RAILS_FILE } from './paths.ts';

export interface MeshDocsOptions {
  /** The rails YAML, relative to the site root. */
  railsFile?: string;
  /** The docs content folder, relative to the site root. */
  docsDir?: string;
}

export default function meshDocs(options: MeshDocsOptions = {}): AstroIntegration {
  let yamlPath = '';
  return {
    name: 'mesh-docs',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        const siteRoot = fileURLToPath(config.root);
        yamlPath = path.resolve(siteRoot, options.railsFile ?? DEFAULT_RAILS_FILE);
        const docsDir = path.resolve(siteRoot, options.docsDir ?? DEFAULT_DOCS_DIR);

        const rails = loadRails({ yamlPath, siteRoot, docsDir });
        if (!rails.ok) {
          const lines = formatDiagnosticLines(rails.diagnostics);
          if (command === 'build') {
            throw new AstroError(`rails.yaml is invalid:\n${lines.join('\n')}`, 'Fix the entries named above; each line starts with file:line:col.');
          }
          for (const line of lines) logger.error(line);
        }

        const processor = config.markdown.processor;
        if (!isUnifiedProcessor(processor)) {
          throw new AstroError(
            'The proof-map directives need the unified Markdown processor.',
            "Set `markdown: { processor: unified() }` (from '@astrojs/markdown-remark') in astro.config.mjs.",
          );
        }
        const pluginOptions: RemarkProofMapOptions = { yamlPath, siteRoot, docsDir };
        // First in the list, whatever order integrations run in: Starlight restores directives
        // it does not know into text, so ours must be expanded before its plugins run.
        processor.options.remarkPlugins.unshift(remarkDirective, [remarkProofMap, pluginOptions]);
      },
      'astro:server:setup': ({ server, refreshContent }) => {
        server.watcher.add(yamlPath);
        server.watcher.on('change', (changed) => {
          if (path.resolve(changed) === yamlPath) void refreshContent?.({});
        });
      },
    },
  };
}
