/** The site's one config, as tests build it: the same parser the integration and `npm run check` use. */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReportOptions } from '../../src/gate/cli.ts';
import { parseMeshDocsConfig, type MeshDocsConfig, type MeshDocsOptions } from '../../src/config/mesh-docs-config.ts';
import { resultsSourceFrom, type ResultsSource } from '../../src/core/results-source.ts';

export interface TestGateOptions extends MeshDocsOptions {
  siteRoot: string;
  /** The environment the config reads (tests pass `{}` so the machine's own variables stay out). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Tests keep the gate's cache on, as a maintainer's runs have it, but in a folder of their own:
 * the many sample copies never push a maintainer's checkout out of node_modules/.cache.
 */
const TEST_CACHE_DIR = path.join(tmpdir(), 'mesh-docs-test-cache');

export function gateConfig({ siteRoot, env = {}, ...options }: TestGateOptions): MeshDocsConfig {
  const parsed = parseMeshDocsConfig({ cacheDir: TEST_CACHE_DIR, ...options }, { siteRoot, env });
  if (!parsed.ok) throw new Error(`${parsed.problem.what} ${parsed.problem.hint}`);
  return parsed.config;
}

/** `runGateAndReport` options: the config fields parsed into `config`, the rest kept. */
export function withConfig(options: TestGateOptions & Omit<ReportOptions, 'config'>): ReportOptions {
  const { siteRoot, env, railsFile, docsDir, repoRoot, reportsDir, results, graph, strict, cacheDir, ...rest } = options;
  const config = gateConfig({
    siteRoot,
    ...(env !== undefined ? { env } : {}),
    ...(railsFile !== undefined ? { railsFile } : {}),
    ...(docsDir !== undefined ? { docsDir } : {}),
    ...(repoRoot !== undefined ? { repoRoot } : {}),
    ...(reportsDir !== undefined ? { reportsDir } : {}),
    ...(results !== undefined ? { results } : {}),
    ...(graph !== undefined ? { graph } : {}),
    ...(strict !== undefined ? { strict } : {}),
    ...(cacheDir !== undefined ? { cacheDir } : {}),
  });
  return { ...rest, config };
}

/** Where results come from, as the config resolves it: the checkouts, none, or `PROOF_RESULTS` of `env`. */
export const RESULTS_CHECKOUT: ResultsSource = { kind: 'checkout' };
export const RESULTS_OFF: ResultsSource = { kind: 'off' };
export const resultsFromEnv = (env: Readonly<Record<string, string | undefined>>): ResultsSource => resultsSourceFrom(env['PROOF_RESULTS'], process.cwd());
