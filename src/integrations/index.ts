/**
 * The Mesh docs integration. It only wires hooks: load and validate rails.yaml, run the
 * docs-truth gate on build, register the remark plugin (before Starlight's), and watch the
 * YAML so `astro dev` restarts (and re-renders) when it changes.
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

export interface MeshDocsOptions {
  /** The rails YAML, relative to the site root. */
  railsFile?: string;
  /** The docs content folder, relative to the site root. */
  docsDir?: string;
}

export default function meshDocs(options: MeshDocsOptions = {}): AstroIntegration {
  return {
    name: 'mesh-docs',
    hooks: {
      'astro:config:setup': async ({ config, command, addWatchFile, logger }) => {
        const siteRoot = fileURLToPath(config.root);
        const yamlPath = path.resolve(siteRoot, options.railsFile ?? 'src/data/rails.yaml');
        const docsDir = path.resolve(siteRoot, options.docsDir ?? 'src/content/docs');
        addWatchFile(yamlPath);

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
        const pluginOptions: RemarkProofMapOptions = {
          yamlPath,
          siteRoot,
          docsDir,
          digest: rails.ok ? rails.model.digest : 'invalid',
        };
        // First in the list, whatever order integrations run in: Starlight restores directives
        // it does not know into text, so ours must be expanded before its plugins run.
        processor.options.remarkPlugins.unshift(remarkDirective, [remarkProofMap, pluginOptions]);
      },
    },
  };
}
