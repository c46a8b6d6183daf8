/**
 * The shape of `src/data/rails.yaml`, the one source every generated proof-map section reads.
 * Each field carries JSDoc because the contributor page and editor tooltips rely on it.
 */
import { z } from 'zod';

const idPattern = /^[a-z0-9][a-z0-9-]*$/;
const envNamePattern = /^[A-Z_][A-Z0-9_]*$/;

/** A stable, kebab-case identifier used in directives (`:rail{id=...}`) and relations. */
const Id = z
  .string()
  .regex(idPattern, 'use lowercase letters, digits and dashes (for example "m053-s01")');

/** An env var name such as `DATABASE_URL`. */
const EnvName = z.string().regex(envNamePattern, 'env var names are UPPER_SNAKE_CASE');

/** One command line of a rail, with the env vars it is shown with. */
export const StepSchema = z.union([
  z.string().min(1),
  z.strictObject({
    /** The command line exactly as a reader should type it (no leading `$`). */
    run: z.string().min(1),
    /** Env vars shown before the command, in order (`NAME: value`). */
    env: z.record(EnvName, z.string()).optional(),
  }),
]);

/** One way to run a rail; a rail with several forms offers alternatives (help vs live). */
export const FormSchema = z.strictObject({
  /** What this form is for, shown beside its commands ("syntax and help only"). */
  label: z.string().min(1),
  /** Commands run one after the other. */
  steps: z.array(StepSchema).min(1),
});

/** An env var a rail reads: a name, or an object that marks it optional. */
export const ReadSchema = z.union([
  EnvName,
  z.strictObject({
    name: EnvName,
    /** True when the rail runs without it. */
    optional: z.boolean().default(false),
    /** What it changes, in a few words. */
    note: z.string().optional(),
  }),
]);

/** The events a CI workflow runs on, as `ci.on` names them. */
export const CI_EVENTS = ['push', 'tags', 'pull_request', 'schedule', 'workflow_dispatch', 'workflow_call'] as const;

/**
 * Where a rail must run in hosted CI, checked against the repo's workflows in both directions:
 * `{ hosted: true, on: [tags] }` (a workflow runs it, and only on release tags), or
 * `{ hosted: false, reason: ... }` (no workflow may run it).
 */
export const CiSchema = z
  .strictObject({
    /** True: some workflow of the rail's repo runs it (directly or through another rail); false: none does. */
    hosted: z.boolean(),
    /**
     * The events it runs on, all of them (`push` to a branch, release `tags`, `pull_request`,
     * `schedule`, `workflow_dispatch` by hand, `workflow_call` with no caller). Only with `hosted: true`.
     */
    on: z.union([z.enum(CI_EVENTS), z.array(z.enum(CI_EVENTS)).min(1)]).optional(),
    /** Why the rail is not run by CI (with `hosted: false`), shown on its row. */
    reason: z.string().min(1).optional(),
  })
  .refine((ci) => ci.hosted || ci.on === undefined, { message: '`on` needs `hosted: true`: a rail no workflow runs has no events', path: ['on'] });

/** How a rail stands in the proof story. Order here is the order sections list them in. */
export const TIERS = ['public', 'maintainer', 'reference', 'retained', 'historical', 'fixture', 'docs'] as const;

export const RailSchema = z
  .strictObject({
    /** Stable id; never reuse one for another rail. */
    id: Id,
    /** Where the rail stands: public starter chain, maintainer, reference, retained, historical, fixture, docs. */
    tier: z.enum(TIERS),
    /** Short name shown as the rail's label in the failure map ("Starter failover proof"). */
    label: z.string().min(1),
    /** One line saying what the rail proves, in plain words. */
    summary: z.string().min(1),
    /** Commands of the rail's single form. Give `steps` or `forms`, not both. */
    steps: z.array(StepSchema).min(1).optional(),
    /** Alternative forms (for example a `--help` syntax check and a live run). */
    forms: z.array(FormSchema).min(1).optional(),
    /** Ids of rails this rail runs itself (replays or wraps). */
    runs: z.array(Id).default([]),
    /** Env vars the rail reads. */
    reads: z.array(ReadSchema).default([]),
    /** Folder (repo-relative) where a run retains its results, when it has one. */
    results: z.string().min(1).optional(),
    /** Page ids whose failure inspection map lists this rail. */
    failureMaps: z.array(Id).default([]),
    /** Id of the repo (from `repos`) the rail runs in, from its root; unset for the Mesh repo. */
    repo: Id.optional(),
    /** Where the rail must run in hosted CI (checked against the workflows); unset: not declared. */
    ci: CiSchema.optional(),
  })
  .refine((rail) => Boolean(rail.steps) !== Boolean(rail.forms), {
    message: 'give exactly one of `steps` (one form) or `forms` (alternatives)',
  });

/** A docs page the YAML can point at. */
export const PageSchema = z.strictObject({
  /** Id used by `failureMaps` and surfaces (`distributed-proof`). */
  id: Id,
  /** Page title as shown in links. */
  title: z.string().min(1),
  /** Content file relative to `src/content/docs` (`distributed-proof.md`). */
  file: z.string().regex(/^[a-z0-9][a-z0-9/_-]*\.mdx?$/, 'a path like "distributed-proof.md"'),
});

/** One entry of the public surfaces list: a docs page, a repo file, or a rail. */
export const SurfaceSchema = z.union([
  z.strictObject({
    /** A docs page id. */
    page: Id,
    /** Its role in the proof story, one line. */
    role: z.string().min(1),
  }),
  z.strictObject({
    /** A repo-relative file path (checked against the repo). */
    path: z.string().min(1),
    role: z.string().min(1),
    /** Id of the repo (from `repos`) the path is in; unset for the Mesh repo. */
    repo: Id.optional(),
  }),
  z.strictObject({
    /** A rail id; its summary is its role. */
    rail: Id,
  }),
]);

/** One step of the operator workflow. */
export const WorkflowStepSchema = z.strictObject({
  /** The command, with `<placeholders>` for what the reader fills in. */
  run: z.string().min(1),
  /** What the step shows the operator. */
  purpose: z.string().min(1),
});

const githubRepoUrl = /^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** How to find another repo's checkout: its env var, else a folder beside the Mesh repo. */
export const CheckoutSchema = z.strictObject({
  /** Env var that names the checkout folder; wins when set (`M055_HYPERPUSH_ROOT`). */
  env: EnvName,
  /** Folder relative to the Mesh repo's root, used when the env var is unset (`../hyperpush-mono`). */
  sibling: z
    .string()
    .min(1)
    .refine((value) => !value.startsWith('/') && !value.startsWith('~') && !/^[A-Za-z]:/.test(value), {
      message: 'give a folder relative to the Mesh repo root, such as "../hyperpush-mono"',
    }),
});

/** Another repo of the workspace whose rails, surfaces or paths the docs show. */
export const RepoSchema = z
  .strictObject({
    /** Id that `repo:` on rails and surfaces uses (`hyperpush-mono`). */
    id: Id,
    /** Name shown in reports and on pages: one line of plain text. */
    name: z.string().regex(/^[^\u0000-\u001f\u007f-\u009f]+$/, 'one line of plain text, such as "hyperpush-mono"'),
    /** Its public GitHub address, `https://github.com/<owner>/<name>`. */
    url: z.string().regex(githubRepoUrl, 'a GitHub repo address such as "https://github.com/hyperpush-org/hyperpush-mono"'),
    /** Base of its blob links, `<url>/blob/<branch>/`; a repo path is appended to it. */
    blobBase: z.string().min(1),
    /** How the gate finds its checkout. */
    checkout: CheckoutSchema,
    /**
     * Shell variables the Mesh repo's scripts hold this repo's root in (`HYPERPUSH_ROOT`), so a
     * relation read from a script (`bash "$HYPERPUSH_ROOT/mesher/..."`) maps to this repo.
     */
    rootVars: z.array(EnvName).default([]),
  })
  .refine((repo) => new RegExp(`^${escapeRegExp(repo.url)}/blob/[^/]+/$`).test(repo.blobBase), {
    message: 'blobBase must be the repo url followed by /blob/<branch>/',
    path: ['blobBase'],
  });

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const RailsFileSchema = z.strictObject({
  /** The other repos of the workspace (the Mesh repo itself is implicit), each declared once. */
  repos: z.array(RepoSchema).default([]),
  /** Docs pages the YAML refers to. */
  pages: z.array(PageSchema).min(1),
  /** The public surfaces list, in reading order. */
  surfaces: z.array(SurfaceSchema).default([]),
  /** Every rail, in the order the generated sections list them. */
  rails: z.array(RailSchema).min(1),
  /** The operator workflow, in order. */
  operatorWorkflow: z.array(WorkflowStepSchema).default([]),
});

export type RailsFileParsed = z.output<typeof RailsFileSchema>;
export type Tier = (typeof TIERS)[number];
