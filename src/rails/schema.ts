/**
 * The shape of `src/data/rails.yaml`, the one source every generated proof-map section reads.
 * Each field carries JSDoc because the contributor page and editor tooltips rely on it.
 */
import { z } from 'zod';
import { RESERVED_ROOT_VARIABLES } from '../gate/relations/roots.ts';

const idPattern = /^[a-z0-9][a-z0-9-]*$/;
const envNamePattern = /^[A-Z_][A-Z0-9_]*$/;

/**
 * Sane maxima for every field, checked before anything reads the values: a 50 MB label or a
 * 10,000-character id is one finding at its field, not a slow run, a huge page or a graph
 * hundreds of thousands of pixels wide. Generous for real content (the longest summary in
 * rails.yaml is about 150 characters).
 */
export const LIMITS = {
  id: 64,
  envName: 64,
  /** Labels, titles and names drawn in the graph and tables. */
  label: 80,
  title: 120,
  /** One-line summaries, roles, purposes and notes. */
  sentence: 400,
  /** A command line, an env value, a repo path or URL. */
  command: 1000,
  path: 300,
  /** Entries of one list (steps, runs, reads, …). */
  list: 100,
  rails: 10_000,
  pagesOrSurfaces: 1000,
} as const;

const text = (max: number) => z.string().min(1).max(max);

/** A stable, kebab-case identifier used in directives (`:rail{id=...}`) and relations. */
const Id = z
  .string()
  .max(LIMITS.id)
  .regex(idPattern, 'use lowercase letters, digits and dashes (for example "m053-s01")');

/**
 * What `npm run rail -- new` writes where only a person can: a label or summary that still
 * starts with it is an error (`yaml-placeholder`, see load.ts) until it is written. It is not a
 * schema error, so the rest of the file still loads and a second `rail new` still works.
 */
export const PLACEHOLDER_MARK = 'TODO(rail new):';

/** An env var name such as `DATABASE_URL`. */
const EnvName = z.string().max(LIMITS.envName).regex(envNamePattern, 'env var names are UPPER_SNAKE_CASE');

const list = <T extends z.ZodType>(item: T, max: number = LIMITS.list) => z.array(item).max(max);

/**
 * The env var a checkout is found through: a `*_ROOT` name. The gate reads its value as a path
 * (and never prints it), so only root-like names are allowed: `env: SOME_SECRET` in a pull
 * request cannot make a run read a secret. `MESH_REPO_ROOT` is the gate's own.
 */
const CheckoutEnvName = EnvName.regex(/_ROOT$/, 'a name that ends in _ROOT, such as "M055_HYPERPUSH_ROOT" (the gate reads it as a folder)').refine(
  (name) => name !== 'MESH_REPO_ROOT',
  { message: 'MESH_REPO_ROOT is the gate\'s own variable (the Mesh repo)', params: { fix: 'name another *_ROOT variable, such as "M055_HYPERPUSH_ROOT"' } },
);

/** A repo-relative path: no leading `/`, `~` or drive, no `..` segment. */
const RepoRelativePath = text(LIMITS.path).refine(
  (value) => !/^([/\\~]|[A-Za-z]:)/.test(value) && !value.split(/[/\\]/).includes('..'),
  { message: 'A marker must be a path inside the repo', params: { fix: 'write a repo path such as "mesher/mesh.toml" (no leading "/", no "..")' } },
);

/** A variable the gate reserves for the repo of the script being read (`$ROOT_DIR`) or the Mesh repo. */
const RootVarName = EnvName.refine((name) => !RESERVED_ROOT_VARIABLES.includes(name), {
  message: `The gate reserves ${RESERVED_ROOT_VARIABLES.join(', ')} for the repo of the script it reads and the Mesh repo`,
  params: { fix: 'name the variable the scripts hold this repo\'s root in, such as "HYPERPUSH_ROOT"' },
});

/** One command line of a rail, with the env vars it is shown with. */
export const StepSchema = z.union([
  text(LIMITS.command),
  z.strictObject({
    /** The command line exactly as a reader should type it (no leading `$`). */
    run: text(LIMITS.command),
    /** Env vars shown before the command, in order (`NAME: value`). */
    env: z.record(EnvName, z.string().max(LIMITS.command)).optional(),
  }),
]);

/** One way to run a rail; a rail with several forms offers alternatives (help vs live). */
export const FormSchema = z.strictObject({
  /** What this form is for, shown beside its commands ("syntax and help only"). */
  label: text(LIMITS.label),
  /** Commands run one after the other. */
  steps: list(StepSchema).min(1),
});

/** An env var a rail reads: a name, or an object that marks it optional. */
export const ReadSchema = z.union([
  EnvName,
  z.strictObject({
    name: EnvName,
    /** True when the rail runs without it. */
    optional: z.boolean().default(false),
    /** What it changes, in a few words. */
    note: text(LIMITS.sentence).optional(),
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
    label: text(LIMITS.label),
    /** One line saying what the rail proves, in plain words. */
    summary: text(LIMITS.sentence),
    /** Commands of the rail's single form. Give `steps` or `forms`, not both. */
    steps: list(StepSchema).min(1).optional(),
    /** Alternative forms (for example a `--help` syntax check and a live run). */
    forms: list(FormSchema).min(1).optional(),
    /**
     * Ids of rails this rail runs itself (replays or wraps). The gate reads each from the script;
     * one it cannot read (run from embedded Python) is written `{ rail: id, unread: why }`.
     */
    runs: list(z.union([Id, z.strictObject({ rail: Id, unread: text(LIMITS.sentence).trim().min(1, 'say why the gate cannot read this run') })])).default([]),
    /** Env vars the rail reads. */
    reads: list(ReadSchema).default([]),
    /** Folder (repo-relative) where a run retains its results, when it has one. */
    results: text(LIMITS.path).optional(),
    /**
     * For a rail that keeps only logs (no status.txt): what it keeps, in a few words. Its result
     * shows that and the date of its newest log, never an outcome.
     */
    logsOnly: text(LIMITS.sentence).trim().min(1).optional(),
    /** Page ids whose failure inspection map lists this rail. */
    failureMaps: list(Id).default([]),
    /** Id of the repo (from `repos`) the rail runs in, from its root; unset for the Mesh repo. */
    repo: Id.optional(),
    /** Where the rail must run in hosted CI (checked against the workflows); unset: not declared. */
    ci: CiSchema.optional(),
  })
  .refine((rail) => Boolean(rail.steps) !== Boolean(rail.forms), {
    message: 'give exactly one of `steps` (one form) or `forms` (alternatives)',
  })
  // The same rule for the editor's JSON Schema, which cannot read a refinement.
  .meta({ oneOf: [{ required: ['steps'] }, { required: ['forms'] }] });

/** A docs page the YAML can point at. */
export const PageSchema = z.strictObject({
  /** Id used by `failureMaps` and surfaces (`distributed-proof`). */
  id: Id,
  /** Page title as shown in links. */
  title: text(LIMITS.title),
  /** Content file relative to `src/content/docs` (`distributed-proof.md`). */
  file: z.string().max(LIMITS.path).regex(/^[a-z0-9][a-z0-9/_-]*\.mdx?$/, 'a path like "distributed-proof.md"'),
});

/** One entry of the public surfaces list: a docs page, a repo file, or a rail. */
export const SurfaceSchema = z.union([
  z.strictObject({
    /** A docs page id. */
    page: Id,
    /** Its role in the proof story, one line. */
    role: text(LIMITS.sentence),
  }),
  z.strictObject({
    /** A repo-relative file path (checked against the repo). */
    path: text(LIMITS.path),
    role: text(LIMITS.sentence),
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
  run: text(LIMITS.command),
  /** What the step shows the operator. */
  purpose: text(LIMITS.sentence),
});

const githubRepoUrl = /^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** How to find another repo's checkout: its env var, else a folder beside the Mesh repo. */
export const CheckoutSchema = z.strictObject({
  /** Env var that names the checkout folder; wins when set (`M055_HYPERPUSH_ROOT`). */
  env: CheckoutEnvName,
  /** Folder relative to the Mesh repo's root, used when the env var is unset (`../hyperpush-mono`). */
  sibling: text(LIMITS.path)
    .refine((value) => !value.startsWith('/') && !value.startsWith('~') && !/^[A-Za-z]:/.test(value), {
      message: 'give a folder relative to the Mesh repo root, such as "../hyperpush-mono"',
    })
    .meta({ not: { pattern: '^(?:/|~|[A-Za-z]:)' } }),
  /**
   * Repo paths every checkout of this repo has (a trailing `/` means a folder), so a root that
   * is not such a checkout (`/`, a home folder, a file) is refused before anything reads it:
   * `[mesher/mesh.toml, scripts/]` for hyperpush-mono.
   */
  marker: list(RepoRelativePath, 10).min(1),
});

/** Another repo of the workspace whose rails, surfaces or paths the docs show. */
export const RepoSchema = z
  .strictObject({
    /** Id that `repo:` on rails and surfaces uses (`hyperpush-mono`). */
    id: Id,
    /** Name shown in reports and on pages: one line of plain text. */
    name: z.string().max(LIMITS.label).regex(/^[^\u0000-\u001f\u007f-\u009f]+$/, 'one line of plain text, such as "hyperpush-mono"'),
    /** Its public GitHub address, `https://github.com/<owner>/<name>`. */
    url: z.string().max(LIMITS.path).regex(githubRepoUrl, 'a GitHub repo address such as "https://github.com/hyperpush-org/hyperpush-mono"'),
    /** Base of its blob links, `<url>/blob/<branch>/`; a repo path is appended to it. */
    blobBase: text(LIMITS.path),
    /** How the gate finds its checkout. */
    checkout: CheckoutSchema,
    /**
     * Shell variables the Mesh repo's scripts hold this repo's root in (`HYPERPUSH_ROOT`), so a
     * relation read from a script (`bash "$HYPERPUSH_ROOT/mesher/..."`) maps to this repo.
     */
    rootVars: list(RootVarName, 20).default([]),
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
  repos: list(RepoSchema, 20).default([]),
  /** Docs pages the YAML refers to. */
  pages: list(PageSchema, LIMITS.pagesOrSurfaces).min(1),
  /** The public surfaces list, in reading order. */
  surfaces: list(SurfaceSchema, LIMITS.pagesOrSurfaces).default([]),
  /** Every rail, in the order the generated sections list them. */
  rails: list(RailSchema, LIMITS.rails).min(1),
  /** The operator workflow, in order. */
  operatorWorkflow: list(WorkflowStepSchema).default([]),
});

export type RailsFileParsed = z.output<typeof RailsFileSchema>;
export type Tier = (typeof TIERS)[number];
