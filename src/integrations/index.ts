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
import type { StarlightExpressiveCodeOptions } from '@astrojs/starlight/expressive-code';
import { parseMeshDocsConfig, type MeshDocsConfig, type MeshDocsOptions } from '../config/mesh-docs-config.ts';
import { loadMeshGrammar, meshExpressiveCode, type MeshGrammarResult } from '../highlight/mesh-grammar.ts';
import { buildDone } from './hooks/build-done.ts';
import { buildStart } from './hooks/build-start.ts';
import { configSetup, type MeshDocsInput } from './hooks/config-setup.ts';
import { serverSetup } from './hooks/server-setup.ts';
import type { RunState } from './run-state.ts';
import { userError } from './user-error.ts';

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
