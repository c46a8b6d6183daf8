/**
 * The Mesh docs integration. It only wires hooks: run the docs-truth gate (fail the build on
 * an error; in dev, report and re-check on every save, add or delete, and show a broken YAML's
 * findings in the browser), register the remark plugin (before Starlight's) with the gate's
 * provenance, and in dev re-sync content when the YAML changes (the docs loader then
 * re-renders every page).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUnifiedProcessor } from '@astrojs/markdown-remark';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import remarkDirective from 'remark-directive';
import remarkProofMap, { type RemarkProofMapOptions } from '../proof-map/remark-proof-map.ts';
import { DEFAULT_DOCS_DIR, DEFAULT_RAILS_FILE } from '../site-paths.ts';
import { runGateAndReport, type GateOutcome } from '../gate/cli.ts';
import { publishDevGate } from './dev-gate-state.ts';
import { watchGateInputs } from './dev-watch.ts';
import { provenanceFromGate } from './provenance.ts';
import { setProvenance } from './render-inputs.ts';

export interface MeshDocsOptions {
  /** The rails YAML, relative to the site root. */
  railsFile?: string;
  /** The docs content folder, relative to the site root. */
  docsDir?: string;
}

export default function meshDocs(options: MeshDocsOptions = {}): AstroIntegration {
  let yamlPath = '';
  let docsDir = '';
  let runGateOnce: (() => Promise<GateOutcome>) | undefined;
  return {
    name: 'mesh-docs',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, addMiddleware }) => {
        const siteRoot = fileURLToPath(config.root);
        yamlPath = path.resolve(siteRoot, options.railsFile ?? DEFAULT_RAILS_FILE);
        docsDir = path.resolve(siteRoot, options.docsDir ?? DEFAULT_DOCS_DIR);

        const processor = config.markdown.processor;
        if (!isUnifiedProcessor(processor)) {
          throw userError(
            'The proof-map directives need the unified Markdown processor.',
            "Set `markdown: { processor: unified() }` (from '@astrojs/markdown-remark') in astro.config.mjs.",
          );
        }
        // The docs-truth gate reads pages and YAML from disk itself, so Astro's cache cannot
        // hide a page from it. A build fails on any error; dev only reports (and re-checks on
        // every save, see astro:server:setup). Preview and sync only serve or type what exists.
        if (command !== 'build' && command !== 'dev') {
          processor.options.remarkPlugins.unshift(remarkDirective, [remarkProofMap, { yamlPath, siteRoot, docsDir }]);
          return;
        }
        runGateOnce = async () => {
          const outcome = await runGateAndReport({
            siteRoot,
            railsFile: path.relative(siteRoot, yamlPath),
            docsDir: path.relative(siteRoot, docsDir),
            jsonReport: path.join(siteRoot, 'reports/docs-gate.json'),
            print: (line) => (line.startsWith('docs-truth gate:') ? logger.info(line) : logger.error(line)),
          });
          if (command === 'dev') publishDevGate(outcome);
          return outcome;
        };
        // In dev, a broken YAML shows its findings in the browser instead of blank pages.
        if (command === 'dev') addMiddleware({ entrypoint: new URL('./dev-error-page.ts', import.meta.url), order: 'pre' });
        const gate = await runGateOnce();
        if (gate.errors > 0 && command === 'build') {
          throw userError(
            `The docs-truth gate found ${gate.errors} error(s); see the lines above (file:line:col, what, fix).`,
            'Fix each page or rails.yaml entry named above, or run `npm run check` for the gate alone. The JSON report is in reports/docs-gate.json.',
          );
        }
        const provenance = provenanceFromGate(gate.result);
        setProvenance(provenance);
        const pluginOptions: RemarkProofMapOptions = { yamlPath, siteRoot, docsDir, ...(provenance ? { provenance } : {}) };
        // First in the list, whatever order integrations run in: Starlight restores directives
        // it does not know into text, so ours must be expanded before its plugins run.
        processor.options.remarkPlugins.unshift(remarkDirective, [remarkProofMap, pluginOptions]);
      },
      'astro:server:setup': ({ server, refreshContent }) => {
        watchGateInputs(server.watcher, {
          yamlPath,
          docsDir,
          refreshContent: refreshContent ? () => refreshContent({}) : undefined,
          recheck: async () => void (await runGateOnce?.()),
        });
      },
    },
  };
}

/**
 * An error about the user's input: what and how to fix it, without a stack trace (the stack
 * would point into this integration, not at the page or YAML line the report names).
 */
function userError(message: string, hint: string): AstroError {
  const error = new AstroError(message, hint);
  error.stack = '';
  return error;
}
