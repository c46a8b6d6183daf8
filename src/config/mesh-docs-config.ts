/**
 * The one configuration of the Mesh docs site, parsed once (like Starlight's user config): the
 * options `meshDocs({...})` or `npm run check` was given, checked with zod, with the defaults
 * and environment variables filled in, every path made absolute, and the Mesh repo located.
 * The gate, the docs loader, the proof-map plugins, the dev watcher and the grammar loader all
 * read this object; none of them resolves a path or reads an environment variable of its own.
 */
import path from 'node:path';
import { z } from 'zod';
import { softWords, STRICT_ENV, StrictUsageError, strictFromEnv, type Strictness } from '../core/aggregate.ts';
import { DEFAULT_DOCS_DIR, DEFAULT_RAILS_FILE } from '../core/site-paths.ts';
import { resultsSourceFrom, type ResultsSource } from '../core/results-source.ts';
import { locateRepo, RepoLocateError, type LocatedRepo } from '../repo/locate-mesh-repo.ts';

const DEFAULT_CACHE_DIR = 'node_modules/.cache/mesh-docs';

type Env = Readonly<Record<string, string | undefined>>;

const nonBlank = (what: string) => z.string().refine((value) => value.trim() !== '', `${what} is blank`);

/** What a site may set in `meshDocs({...})` (paths relative to the site root, or absolute). */
export const meshDocsOptionsSchema = z.strictObject({
  /** The rails YAML. Default `src/data/rails.yaml`. */
  railsFile: nonBlank('railsFile').optional(),
  /** The folder of the pages. Default `src/content/docs`. */
  docsDir: nonBlank('docsDir').optional(),
  /** The Mesh checkout to check. Default: `MESH_REPO_ROOT`, else the parent checkout, else the bundled sample. */
  repoRoot: nonBlank('repoRoot').optional(),
  /** Where the JSON reports go. Default `reports/`. */
  reportsDir: nonBlank('reportsDir').optional(),
  /**
   * Where rails' last results come from: true (each checkout's `.tmp/`), false (none), or a
   * folder laid out like `.tmp/` (a CI artifact). Default: `PROOF_RESULTS` (unset: the checkouts).
   */
  results: z.union([z.boolean(), nonBlank('results')]).optional(),
  /** Draw the rails graph above each failure map. Default: on, unless `PROOF_GRAPH=off`. */
  graph: z.boolean().optional(),
  /** Warnings that fail: true (all), or soft words such as `['unverified']`. Default: `DOCS_GATE_STRICT`. */
  strict: z.union([z.boolean(), z.array(nonBlank('a strict word'))]).optional(),
  /**
   * Where the gate keeps what it read from unchanged scripts between runs, or false for no
   * cache. Default: `MESH_DOCS_CACHE_DIR` (unset or empty: `node_modules/.cache/mesh-docs`).
   */
  cacheDir: z.union([z.literal(false), nonBlank('cacheDir')]).optional(),
});

export type MeshDocsOptions = z.input<typeof meshDocsOptionsSchema>;

/** The parsed configuration; every path absolute. */
export interface MeshDocsConfig {
  siteRoot: string;
  railsFile: string;
  docsDir: string;
  reportsDir: string;
  /** The gate's cache folder (repo/reading-cache.ts); none when unset. */
  cacheDir?: string;
  /** The Mesh repo, located once per run; the error says what to change when none can be used. */
  repo: LocatedRepo | RepoLocateError;
  results: ResultsSource;
  graph: boolean;
  strict: Strictness;
  /**
   * The environment as it was when the config was parsed. Read only for names that come from
   * elsewhere: the checkout variable rails.yaml declares for each other repo
   * (`M055_HYPERPUSH_ROOT`) and the CI's own variables (`GITHUB_ACTIONS`, ...).
   */
  env: Env;
}

/** An option the site cannot be built with: what is wrong, and how to fix it. */
export interface ConfigProblem {
  what: string;
  hint: string;
}

export type ParsedConfig = { ok: true; config: MeshDocsConfig } | { ok: false; problem: ConfigProblem };

export interface ConfigSource {
  /** Absolute path of the site (the folder with astro.config.mjs). */
  siteRoot: string;
  env?: Env;
}

export function parseMeshDocsConfig(options: unknown, { siteRoot, env = process.env }: ConfigSource): ParsedConfig {
  const parsed = meshDocsOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the options';
    return {
      ok: false,
      problem: {
        what: `meshDocs(): ${where}: ${issue.message}.`,
        hint: `Fix the mesh-docs options in astro.config.mjs; the options are ${Object.keys(meshDocsOptionsSchema.shape).join(', ')}.`,
      },
    };
  }
  const given = parsed.data;
  let strict: Strictness;
  const unknownWords = Array.isArray(given.strict) ? given.strict.filter((word) => !softWords().includes(word)) : [];
  if (unknownWords.length > 0) {
    return { ok: false, problem: { what: `meshDocs(): strict names ${unknownWords.map((w) => `"${w}"`).join(', ')}, which is not a kind of soft finding.`, hint: `Use true (every warning fails) or a list of: ${softWords().join(', ')}.` } };
  }
  try {
    strict = given.strict ?? strictFromEnv(env);
  } catch (error) {
    if (!(error instanceof StrictUsageError)) throw error;
    return { ok: false, problem: { what: error.message, hint: `Fix ${STRICT_ENV} and build again.` } };
  }
  const root = path.resolve(siteRoot);
  const at = (value: string | undefined, fallback: string) => path.resolve(root, value ?? fallback);
  return {
    ok: true,
    config: {
      siteRoot: root,
      railsFile: at(given.railsFile, DEFAULT_RAILS_FILE),
      docsDir: at(given.docsDir, DEFAULT_DOCS_DIR),
      reportsDir: at(given.reportsDir, 'reports'),
      ...(given.cacheDir === false ? {} : { cacheDir: at(given.cacheDir ?? (env['MESH_DOCS_CACHE_DIR']?.trim() || undefined), DEFAULT_CACHE_DIR) }),
      repo: locateOnce(root, env, given.repoRoot),
      results:
        given.results === true ? { kind: 'checkout' } : given.results === false ? { kind: 'off' } : resultsSourceFrom(given.results ?? env['PROOF_RESULTS'], root),
      graph: given.graph ?? env['PROOF_GRAPH']?.trim().toLowerCase() !== 'off',
      strict,
      env,
    },
  };
}

function locateOnce(siteRoot: string, env: Env, repoRoot: string | undefined): LocatedRepo | RepoLocateError {
  try {
    return locateRepo({ siteRoot, env, ...(repoRoot !== undefined ? { explicitRoot: path.resolve(siteRoot, repoRoot) } : {}) });
  } catch (error) {
    if (error instanceof RepoLocateError) return error;
    throw error;
  }
}
