/**
 * The Mesh docs integration. It only wires hooks: run the docs-truth gate (a build runs it while
 * Astro sets up and stops at build start on an error; dev reports and re-checks on every save,
 * add or delete, and shows a broken YAML's findings in the browser), register the Sätteri
 * plugins (the directives, before Starlight's; the phone markup) with the gate's provenance,
 * in dev re-sync content when the YAML or a rail's last results change (the docs loader then
 * re-renders every page), stop the build on a directive that failed to render, and after a
 * build write proof-map.json and the rails' search records and scan dist/ for broken links,
 * fragments and assets (built-site/; the verdict comes after Starlight's search index).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSatteriProcessor } from '@astrojs/markdown-satteri';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { stackedTables } from '../markdown/stacked-tables.ts';
import { unbrokenWords } from '../markdown/unbroken-words.ts';
import { renderProblems } from '../proof-map/render-problems.ts';
import type { ProofMapOptions } from '../proof-map/expand-directive.ts';
import { satteriProofMap } from '../proof-map/satteri-proof-map.ts';
import { DEFAULT_DOCS_DIR, DEFAULT_RAILS_FILE, RAIL_SEARCH_BUNDLE } from '../core/site-paths.ts';
import { closeSearchService, writeRailSearchIndex } from '../built-site/rail-search-index.ts';
import { railSearchRecords } from '../proof-map/search-records.ts';
import { STRICT_ENV, strictFromEnv, type Strictness } from '../core/aggregate.ts';
import { runGateAndReport, type GateOutcome } from '../gate/cli.ts';
import { writeJsonAtomically } from '../gate/report/report-file.ts';
import { formatFindings } from '../gate/report/terminal.ts';
import type { MeshGrammarResult } from '../highlight/mesh-grammar.ts';
import { checkBuiltSite, type BuiltSiteOutcome } from '../built-site/check-built-site.ts';
import { loadGraphviz } from '../proof-map/graph/layout.ts';
import { publishDevGate } from './dev-gate-state.ts';
import { watchGateInputs } from './dev-watch.ts';
import { provenanceFromGate } from './provenance.ts';
import { getProvenance, resultsDigest, setProvenance, setRenderInputsPending } from './render-inputs.ts';

export interface MeshDocsOptions {
  /** The rails YAML, relative to the site root. */
  railsFile?: string;
  /** The docs content folder, relative to the site root. */
  docsDir?: string;
  /** The Mesh grammar as astro.config.mjs loaded it; a missing one is reported as a warning. */
  meshGrammar?: MeshGrammarResult;
}

export default function meshDocs(options: MeshDocsOptions = {}): AstroIntegration {
  let siteRoot = '';
  let yamlPath = '';
  let docsDir = '';
  let runGateOnce: (() => Promise<GateOutcome>) | undefined;
  let lastGate: GateOutcome | undefined;
  /** The build's one gate run, awaited where its result is needed. */
  let buildGate: Promise<GateOutcome> | undefined;
  let builtSite: Promise<BuiltSiteOutcome> | undefined;
  return {
    name: 'mesh-docs',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, addMiddleware, updateConfig }) => {
        siteRoot = fileURLToPath(config.root);
        yamlPath = path.resolve(siteRoot, options.railsFile ?? DEFAULT_RAILS_FILE);
        docsDir = path.resolve(siteRoot, options.docsDir ?? DEFAULT_DOCS_DIR);

        if (options.meshGrammar && !options.meshGrammar.found) {
          for (const line of formatFindings([options.meshGrammar.warning])) logger.warn(line);
        }
        const processor = config.markdown.processor;
        if (!isSatteriProcessor(processor)) {
          throw userError(
            'The proof-map directives are Sätteri plugins, and astro.config.mjs sets another Markdown processor.',
            "Remove `markdown.processor` from astro.config.mjs: Astro's default, Sätteri, renders the site.",
          );
        }
        // How tables and inline code read on a phone: stacked rows, commands broken at spaces.
        processor.options.hastPlugins.push(stackedTables, unbrokenWords);
        // The docs-truth gate reads pages and YAML from disk itself, so Astro's cache cannot
        // hide a page from it. A build fails on any error; dev only reports (and re-checks on
        // every save, see astro:server:setup). Preview and sync only serve or type what exists.
        if (command !== 'build' && command !== 'dev') {
          processor.options.mdastPlugins.unshift(satteriProofMap({ yamlPath, siteRoot, docsDir }));
          return;
        }
        let strict: Strictness;
        try {
          strict = strictFromEnv(process.env);
        } catch (error) {
          throw userError((error as Error).message, `Fix ${STRICT_ENV} and build again.`);
        }
        runGateOnce = async () => {
          const outcome = await runGateAndReport({
            siteRoot,
            railsFile: path.relative(siteRoot, yamlPath),
            docsDir: path.relative(siteRoot, docsDir),
            jsonReport: path.join(siteRoot, 'reports/docs-gate.json'),
            strict,
            // Astro's logger formats the lines itself; the colour codes would hide their kind.
            color: false,
            print: (line) =>
              line.startsWith('docs-truth gate:') ? logger.info(line) : /^(\S+ )?warning /.test(line) ? logger.warn(line) : logger.error(line),
          });
          lastGate = outcome;
          // Pages read the provenance when they render, so in dev every re-check reaches them.
          // A run without a valid rails.yaml (or one that stopped) keeps the last good one.
          if (outcome.result?.model) setProvenance(provenanceFromGate(outcome.result));
          if (command === 'dev') publishDevGate(outcome);
          return outcome;
        };
        // In dev, a broken YAML shows its findings in the browser instead of blank pages.
        if (command === 'dev') addMiddleware({ entrypoint: new URL('./dev-error-page.ts', import.meta.url), order: 'pre' });
        const graph = process.env['PROOF_GRAPH']?.toLowerCase() !== 'off';
        if (command === 'build') {
          // Graphviz's WASM compiles on V8's background threads while the gate waits for git.
          if (graph) loadGraphviz().catch(() => {}); // a failure shows where a page awaits it
          // The link scan is awaited after Starlight's search index is built (see below).
          updateConfig({ integrations: [builtSiteVerdict(() => builtSite)] });
          // The gate runs while Astro sets up (each waits for I/O in turn): pages wait for its
          // provenance (docs-loader.ts), and astro:build:start stops the build on its errors.
          buildGate = runGateOnce();
          setRenderInputsPending(buildGate.then((gate) => gate.errors === 0, () => false));
        } else {
          await runGateOnce();
        }
        const pluginOptions: ProofMapOptions = {
          yamlPath,
          siteRoot,
          docsDir,
          graph,
          provenanceSource: getProvenance,
        };
        // First in the list, whatever order integrations run in: Starlight restores directives
        // it does not know into text, so ours must be expanded before its plugins run.
        processor.options.mdastPlugins.unshift(satteriProofMap(pluginOptions));
      },
      // Content has synced (pages waited for the gate, or skipped rendering when it failed): stop
      // on the gate's errors, and on directives that failed to render (Astro only logs those).
      'astro:build:start': async ({ logger }) => {
        const gate = await buildGate;
        if (gate && gate.errors > 0) {
          throw userError(
            `The docs-truth gate found ${gate.errors} error(s); see the lines above (file:line:col, what, fix).`,
            'Fix each page or rails.yaml entry named above, or run `npm run check` for the gate alone. The JSON report is in reports/docs-gate.json.',
          );
        }
        const problems = renderProblems();
        if (problems.length === 0) return;
        for (const line of formatFindings(problems)) logger.error(line);
        throw userError(
          `${problems.length} proof-map directive(s) failed to render; see the lines above (file:line:col, what, fix).`,
          'Fix each directive named above and build again.',
        );
      },
      // The sources passed the gate: write the machine-readable map beside the pages (atomically),
      // then start checking what readers get: every link, fragment and asset. The scan runs while
      // Starlight builds its search index (a separate process); builtSiteVerdict awaits it.
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir).replace(/[\\/]$/, '');
        if (lastGate?.proofMap) writeJsonAtomically(path.join(distDir, 'proof-map.json'), lastGate.proofMap);
        builtSite = checkBuiltSite({ siteRoot, distDir, docsDir }, (line, isError) => (isError ? logger.error(line) : logger.info(line)));
        builtSite.catch(() => {}); // awaited (and reported) by builtSiteVerdict
        // Each rail as a search result of its own, with the text its row shows.
        const model = lastGate?.result?.model;
        if (!model) return;
        try {
          await writeRailSearchIndex(railSearchRecords(model, { ...(getProvenance() ? { provenance: getProvenance()! } : {}) }), path.join(distDir, RAIL_SEARCH_BUNDLE));
        } catch (error) {
          throw userError(`The rails' search index was not written: ${(error as Error)?.message ?? String(error)}`, 'Build again; if it fails again, report it with the build output.');
        }
      },
      'astro:server:setup': ({ server, refreshContent }) => {
        watchGateInputs(server.watcher, {
          yamlPath,
          docsDir,
          refreshContent: refreshContent ? () => refreshContent({}) : undefined,
          recheck: async () => void (await runGateOnce?.()),
        });
        // A verifier run writes new results: re-render on reload (the docs loader keys on them).
        // Polled, not watched: the results folders usually do not exist yet, and watching the
        // whole checkout (build output included) would cost far more than a few stats a second.
        let seen = resultsDigest(getProvenance());
        const poll = setInterval(() => {
          const now = resultsDigest(getProvenance());
          if (now !== seen) {
            seen = now;
            void refreshContent?.({});
          }
        }, 1000);
        poll.unref();
        server.httpServer?.once('close', () => clearInterval(poll));
      },
    },
  };
}

/**
 * The built-site check's verdict, as an integration of its own that the build adds after every
 * other (so after Starlight's search index): fails the build on a broken link, fragment or asset.
 */
function builtSiteVerdict(scan: () => Promise<BuiltSiteOutcome> | undefined): AstroIntegration {
  return {
    name: 'mesh-docs:built-site',
    hooks: {
      'astro:build:done': async () => {
        await closeSearchService();
        const pending = scan();
        if (!pending) throw userError('The built-site check never started.', 'This is a bug in the mesh-docs integration; report it with the build output.');
        const outcome = await pending.catch((error: unknown) => {
          throw userError(`The built-site check stopped: ${(error as Error)?.message ?? String(error)}`, 'Build again; if it stops again, report it with the build output.');
        });
        if (outcome.diagnostics.length > 0) {
          throw userError(
            `The built site has ${outcome.diagnostics.length} broken link(s), fragment(s) or asset(s); see the lines above.`,
            'Fix the source page named in each line (or add the missing file under public/), then build again.',
          );
        }
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
