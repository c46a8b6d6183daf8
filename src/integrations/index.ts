/**
 * The Mesh docs integration. It only wires hooks, one file each under hooks/: config setup
 * (the parsed config, the Sätteri plugins, the gate), build start (stop on the gate's errors or
 * a directive that failed to render), build done (proof-map.json, the rails' search records,
 * the scan of dist/) and dev server setup (re-check on save, re-render on new results).
 *
 * astro.config.mjs parses the config once with `meshDocsSetup()` (the Mesh grammar Starlight's
 * Expressive Code needs comes from the repo it locates) and hands the result to `meshDocs()`;
 * `meshDocs({ railsFile, docsDir, ... })` with plain options works too.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { stackedTables } from '../markdown/stacked-tables.ts';
import { unbrokenWords } from '../markdown/unbroken-words.ts';
import { renderProblems } from '../proof-map/render-problems.ts';
import type { ProofMapOptions } from '../proof-map/expand-directive.ts';
import { satteriProofMap } from '../proof-map/satteri-proof-map.ts';
import { DEFAULT_DOCS_DIR, DEFAULT_RAILS_FILE, GATE_REPORT, RAIL_SEARCH_BUNDLE } from '../site-paths.ts';
import { closeSearchService, writeRailSearchIndex } from '../built-site/rail-search-index.ts';
import { railSearchRecords } from '../proof-map/search-records.ts';
import { STRICT_ENV, strictFromEnv, type Strictness } from '../gate/aggregate.ts';
import { runGateAndReport, type GateOutcome } from '../gate/cli.ts';
import { writeJsonAtomically } from '../gate/report/report-file.ts';
import { formatFindings } from '../gate/report/terminal.ts';
import type { MeshGrammarResult } from '../highlight/mesh-grammar.ts';
import { checkBuiltSite, type BuiltSiteOutcome } from '../built-site/check-built-site.ts';
import { loadGraphviz } from '../proof-map/graph/layout.ts';
import { publishDevGate } from './dev-gate-state.ts';
import { watchGateInputs } from './dev-watch.ts';
import { markBuildReportsRunning, markBuiltSiteNotRun } from './build-reports.ts';
import { provenanceFromGate } from './provenance.ts';
import { getProvenance, resultsDigest, setProvenance, setRenderInputsPending } from './render-inputs.ts';

export type { MeshDocsOptions };

export interface MeshDocsSetup {
  config: MeshDocsConfig;
  meshGrammar: MeshGrammarResult;
  /** Starlight's `expressiveCode` option: Mesh fences highlighted with the checked repo's grammar. */
  expressiveCode: StarlightExpressiveCodeOptions;
}

/**
 * For astro.config.mjs: the options parsed once (an invalid one is an AstroError with a hint),
 * the repo located once, and the Mesh grammar read from it for Starlight.
 */
export function meshDocsSetup(options: MeshDocsOptions, siteRoot: URL | string): MeshDocsSetup {
  const parsed = parseMeshDocsConfig(options, { siteRoot: typeof siteRoot === 'string' ? siteRoot : fileURLToPath(siteRoot) });
  if (!parsed.ok) throw userError(parsed.problem.what, parsed.problem.hint);
  const meshGrammar = loadMeshGrammar(parsed.config);
  return { config: parsed.config, meshGrammar, expressiveCode: meshExpressiveCode(meshGrammar) };
}

export default function meshDocs(input: MeshDocsInput = {}): AstroIntegration {
  const state: RunState = {};
  return {
    name: 'mesh-docs',
    hooks: {
      'astro:config:setup': (params) => configSetup(input, state, params),
      'astro:build:start': (params) => buildStart(state, params),
      'astro:build:done': (params) => buildDone(state, params),
      'astro:server:setup': (params) => serverSetup(state, params),
    },
  };
}
