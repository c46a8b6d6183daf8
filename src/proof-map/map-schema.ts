/**
 * The shape of `proof-map.json` (dist/ on build, reports/ on check). The committed JSON Schema
 * (`schemas/proof-map.schema.json`) is generated from this (`npm run schema`), and tests
 * validate real output against the committed file.
 */
import { z } from 'zod';

const Position = z.strictObject({ file: z.string(), line: z.int().min(1), column: z.int().min(1) });
const State = z.enum(['ok', 'failed', 'running', 'not-run', 'unreadable', 'logs', 'off']);

/** When a workflow runs: `push` (branches), `tags`, `pull_request`, `schedule`, `workflow_dispatch`, `workflow_call`, or another event. */
const Trigger = z.strictObject({
  event: z.string(),
  branches: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  paths: z.array(z.string()).optional(),
  pathsIgnore: z.array(z.string()).optional(),
  cron: z.array(z.string()).optional(),
});

/** One place a CI workflow runs the rail (positions relative to the workflow's repo). */
const CiRun = z.strictObject({
  repo: z.string(),
  workflow: z.string(),
  workflowName: z.string(),
  job: z.string(),
  step: z.string().nullable(),
  at: Position,
  /** Jobs that call this (reusable) workflow, outermost first. */
  calledBy: z.array(z.strictObject({ workflow: z.string(), job: z.string(), if: z.string().nullable(), at: Position })),
  /** When it runs: the callers' triggers narrowed by each job-level `if:` on the ref. */
  triggers: z.array(Trigger),
  /** Job-level `if:` conditions on the way, callers first. */
  conditions: z.array(z.string()),
  /** The rail it runs inside, when CI runs it through another rail. */
  via: z.string().nullable(),
  /** A script that is no rail through which the workflow runs it. */
  through: z.string().nullable(),
  workingDirectory: z.string().nullable(),
  shell: z.string().nullable(),
  /** Matrix keys of the job (it runs once per combination). */
  matrix: z.array(z.string()),
});

/** Where a result came from: a hosted CI run (its workflow metadata), a local run, or this build. */
const Origin = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ci'),
    workflow: z.string(),
    runId: z.string(),
    runAttempt: z.string().nullable(),
    runUrl: z.string().nullable(),
    ref: z.string(),
    sha: z.string(),
    runner: z.string().nullable(),
    /** When status.txt was written (ISO date-time). */
    ranAt: z.string().nullable(),
    /** How the run's commit relates to the checked commit, worked out with git. */
    commit: z.strictObject({ relation: z.enum(['this', 'behind', 'not-ancestor', 'unknown']), behind: z.int().min(0).nullable() }),
  }),
  z.strictObject({
    kind: z.literal('local'),
    /** When status.txt was written (ISO date-time). */
    ranAt: z.string(),
    /** The first input (script, sourced file, script of a rail it runs) committed after the result, if any. */
    staleBecause: z.strictObject({ file: z.string(), commit: z.string(), committedAt: z.string() }).nullable(),
  }),
  z.strictObject({ kind: z.literal('this-build'), commit: z.string().nullable(), ranAt: z.string() }),
  /** hosted-workflow-metadata.txt is there but malformed: the result's origin is unknown. */
  z.strictObject({ kind: z.literal('metadata-unreadable'), reason: z.string() }),
]);

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
  /** Where results were read from: each repo's checkout (`.tmp/`), a results folder (PROOF_RESULTS=<folder>), or none. */
  resultsFrom: z.enum(['checkout', 'folder', 'off']),
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
        /** Declared runs the gate cannot read from the script, each with the reason rails.yaml gives. */
        unread: z.array(z.strictObject({ rail: z.string(), reason: z.string() })),
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
        /** What a log-only rail keeps (rails.yaml `logsOnly`); null for every other rail. */
        keeps: z.string().nullable(),
        failedUpstream: z.array(z.string()),
        /** Where the result came from; null when there is none. */
        origin: Origin.nullable(),
      }),
      ci: z.strictObject({
        /** Every place a workflow runs it, directly or through another rail. */
        runs: z.array(CiRun),
        /** What rails.yaml says (`ci:`), or null when it says nothing. */
        expected: z.strictObject({ hosted: z.boolean(), on: z.array(z.string()).nullable(), reason: z.string().nullable() }).nullable(),
      }),
    }),
  ),
  notOnMap: z.array(z.string()),
});

export type ProofMap = z.infer<typeof ProofMapSchema>;
