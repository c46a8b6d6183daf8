/**
 * The shape of `proof-map.json` (dist/ on build, reports/ on check). The committed JSON Schema
 * (`schemas/proof-map.schema.json`) is generated from this (`npm run schema`), and tests
 * validate real output against the committed file.
 */
import { z } from 'zod';

const Position = z.strictObject({ file: z.string(), line: z.int().min(1), column: z.int().min(1) });
const State = z.enum(['ok', 'failed', 'running', 'not-run', 'unreadable', 'off']);

export const ProofMapSchema = z.strictObject({
  version: z.literal(1),
  repo: z.strictObject({
    /** How the page names it ("bundled sample repo", "Mesh checkout at MESH_REPO_ROOT"). */
    label: z.string(),
    kind: z.enum(['env', 'parent', 'sample', 'explicit', 'sibling']),
    /** True for the sample bundled with the site: its commit is the site's, not a Mesh commit. */
    sample: z.boolean(),
    commit: z.string().nullable(),
    /** Link to the commit on GitHub, for a real checkout only. */
    commitUrl: z.string().nullable(),
  }),
  /** Every repo of the workspace: the Mesh repo first, then the repos rails.yaml declares. */
  repos: z.array(
    z.strictObject({
      id: z.string(),
      /** False when its checkout was not found: its rails, paths and links are unverified. */
      found: z.boolean(),
      root: z.string(),
      commit: z.string().nullable(),
    }),
  ),
  builtAt: z.iso.datetime(),
  /** "off" when PROOF_RESULTS=off: no result was read. */
  results: z.enum(['on', 'off']),
  rails: z.array(
    z.strictObject({
      id: z.string(),
      /** The repo the rail runs in (`mesh-lang`, or a repo rails.yaml declares). */
      repo: z.string(),
      tier: z.string(),
      label: z.string(),
      pages: z.array(z.string()),
      script: z.string().nullable(),
      verified: z.boolean(),
      /** `verified` in the page's words (marks.ts): "commands verified" or "commands not verified". */
      commandsMark: z.string(),
      commands: z.array(z.strictObject({ run: z.string(), verified: z.boolean(), findings: z.array(z.string()) })),
      relations: z.strictObject({
        declared: z.array(z.string()),
        read: z.array(z.strictObject({ rail: z.string(), at: Position })),
        runBy: z.array(z.string()),
      }),
      lastResult: z.strictObject({
        state: State,
        /** The state as the page marks it (marks.ts): "✓ last run ok", "✗ last run failed in deploy". */
        mark: z.string(),
        folder: z.string().nullable(),
        phase: z.string().nullable(),
        phases: z.array(z.strictObject({ name: z.string(), outcome: z.string() })),
        ranAt: z.string().nullable(),
        bundle: z.string().nullable(),
        reason: z.string().nullable(),
        failedUpstream: z.array(z.string()),
      }),
    }),
  ),
  notOnMap: z.array(z.string()),
});

export type ProofMap = z.infer<typeof ProofMapSchema>;
