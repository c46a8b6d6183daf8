/**
 * astro:config:setup: take the one parsed config, register the Sätteri plugins (the phone
 * markup; the directives, before Starlight's) and start the docs-truth gate. A build runs the
 * gate while Astro sets up and stops at build start on an error; dev runs it before serving,
 * reports, and shows a broken YAML's findings in the browser. Preview and sync only serve or
 * type what exists, so they run no gate.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSatteriProcessor } from '@astrojs/markdown-satteri';
import type { HookParameters } from 'astro';
import { parseMeshDocsConfig, type MeshDocsConfig, type MeshDocsOptions } from '../../config/mesh-docs-config.ts';
import { runGateAndReport } from '../../gate/cli.ts';
import { formatFindings } from '../../gate/report/terminal.ts';
import type { MeshGrammarResult } from '../../highlight/mesh-grammar.ts';
import { stackedTables } from '../../markdown/stacked-tables.ts';
import { unbrokenWords } from '../../markdown/unbroken-words.ts';
import type { ProofMapOptions } from '../../proof-map/expand-directive.ts';
import { satteriProofMap } from '../../proof-map/satteri-proof-map.ts';
import { builtSiteVerdict } from '../built-site-verdict.ts';
import { markBuildReportsRunning } from '../build-reports.ts';
import { publishDevGate } from '../dev-gate-state.ts';
import { provenanceFromGate } from '../provenance.ts';
import { getProvenance, publishConfig, setProvenance, setRenderInputsPending } from '../render-inputs.ts';
import type { RunState } from '../run-state.ts';
import { userError } from '../user-error.ts';

/** The config astro.config.mjs parsed itself (to give Starlight the Mesh grammar), or the raw options. */
export type MeshDocsInput = MeshDocsOptions | { config: MeshDocsConfig; meshGrammar?: MeshGrammarResult };

export async function configSetup(input: MeshDocsInput, state: RunState, { config: astroConfig, command, logger, addMiddleware, updateConfig }: HookParameters<'astro:config:setup'>): Promise<void> {
  const config = resolveConfig(input, fileURLToPath(astroConfig.root));
  state.config = config;
  state.base = astroConfig.base; // the built-site scan resolves links under it
  publishConfig(config);

  const grammar = 'config' in input ? input.meshGrammar : undefined;
  if (grammar && !grammar.found) for (const line of formatFindings([grammar.warning])) logger.warn(line);
  const processor = astroConfig.markdown.processor;
  if (!isSatteriProcessor(processor)) {
    throw userError(
      'The proof-map directives are Sätteri plugins, and astro.config.mjs sets another Markdown processor.',
      "Remove `markdown.processor` from astro.config.mjs: Astro's default, Sätteri, renders the site.",
    );
  }
  // How tables and inline code read on a phone: stacked rows, commands broken at spaces.
  processor.options.hastPlugins.push(stackedTables, unbrokenWords);
  const pluginOptions: ProofMapOptions = {
    yamlPath: config.railsFile,
    siteRoot: config.siteRoot,
    docsDir: config.docsDir,
    graph: config.graph,
    provenanceSource: getProvenance,
  };
  // First in the list, whatever order integrations run in: Starlight restores directives it
  // does not know into text, so ours must be expanded before its plugins run.
  processor.options.mdastPlugins.unshift(satteriProofMap(pluginOptions));
  if (command !== 'build' && command !== 'dev') return;

  // The docs-truth gate reads pages and YAML from disk itself, so Astro's cache cannot hide a
  // page from it.
  state.runGateOnce = async () => {
    const outcome = await runGateAndReport({
      config,
      jsonReport: path.join(config.reportsDir, 'docs-gate.json'),
      thisBuild: command === 'build',
      // Astro's logger formats the lines itself; the colour codes would hide their kind.
      color: false,
      print: (line) => (line.startsWith('docs-truth gate:') ? logger.info(line) : /^(\S+ )?warning /.test(line) ? logger.warn(line) : logger.error(line)),
    });
    state.lastGate = outcome;
    // Pages read the provenance when they render, so in dev every re-check reaches them.
    // A run without a valid rails.yaml (or one that stopped) keeps the last good one.
    if (outcome.result?.model) setProvenance(provenanceFromGate(outcome.result, config.results, new Date(), { thisBuild: command === 'build' }));
    if (command === 'dev') publishDevGate(outcome);
    return outcome;
  };
  if (command === 'dev') {
    // A broken YAML shows its findings in the browser instead of blank pages.
    addMiddleware({ entrypoint: new URL('../dev-error-page.ts', import.meta.url), order: 'pre' });
    await state.runGateOnce();
    return;
  }
  // `npm run build` marked the reports before Astro started; `astro build` run directly did not.
  const reportProblem = markBuildReportsRunning(config.siteRoot, fileURLToPath(astroConfig.outDir));
  if (reportProblem !== undefined) throw userError(reportProblem, 'Remove or rename what is at that path (reports are written only over regular files), then build again.');
  // The link scan is awaited after Starlight's search index is built (see built-site-verdict.ts).
  updateConfig({ integrations: [builtSiteVerdict(() => state.builtSite)] });
  // The gate runs while Astro sets up (each waits for I/O in turn): pages wait for its
  // provenance (docs-loader.ts), and astro:build:start stops the build on its errors.
  state.buildGate = state.runGateOnce();
  setRenderInputsPending(state.buildGate.then((gate) => gate.errors === 0, () => false));
}

function resolveConfig(input: MeshDocsInput, siteRoot: string): MeshDocsConfig {
  if ('config' in input && input.config) return input.config;
  const parsed = parseMeshDocsConfig(input, { siteRoot });
  if (!parsed.ok) throw userError(parsed.problem.what, parsed.problem.hint);
  return parsed.config;
}
