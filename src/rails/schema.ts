/**
 * The shape of `src/data/rails.yaml`, the one source every generated proof-map section reads.
 * Each field's doc is its `.describe(...)`: data, so `npm run schema` carries it into
 * schemas/rails.schema.json, and the editor shows it on hover and in completion.
 */
import { z } from 'zod';
import { RESERVED_ROOT_VARIABLES } from '../core/root-variables.ts';

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
    run: text(LIMITS.command).describe("The command line exactly as a reader should type it (no leading `$`)."),
    env: z.record(EnvName, z.string().max(LIMITS.command)).optional().describe("Env vars shown before the command, in order (`NAME: value`)."),
  }),
]);

/** One way to run a rail; a rail with several forms offers alternatives (help vs live). */
export const FormSchema = z.strictObject({
  label: text(LIMITS.label).describe("What this form is for, shown beside its commands (\"syntax and help only\")."),
  steps: list(StepSchema).min(1).describe("Commands run one after the other."),
});

/** An env var a rail reads: a name, or an object that marks it optional. */
export const ReadSchema = z.union([
  EnvName,
  z.strictObject({
    name: EnvName.describe("The env var's name (`DATABASE_URL`)."),
    optional: z.boolean().default(false).describe("True when the rail runs without it."),
    note: text(LIMITS.sentence).optional().describe("What it changes, in a few words."),
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
    hosted: z.boolean().describe("True: some workflow of the rail's repo runs it (directly or through another rail); false: none does."),
    on: z.union([z.enum(CI_EVENTS), z.array(z.enum(CI_EVENTS)).min(1)]).optional().describe("The events it runs on, all of them (`push` to a branch, release `tags`, `pull_request`, `schedule`, `workflow_dispatch` by hand, `workflow_call` with no caller). Only with `hosted: true`."),
    reason: z.string().min(1).optional().describe("Why the rail is not run by CI (with `hosted: false`), shown on its row."),
  })
  .refine((ci) => ci.hosted || ci.on === undefined, { message: '`on` needs `hosted: true`: a rail no workflow runs has no events', path: ['on'] });

/** How a rail stands in the proof story. Order here is the order sections list them in. */
export const TIERS = ['public', 'maintainer', 'reference', 'retained', 'historical', 'fixture', 'docs'] as const;

export const RailSchema = z
  .strictObject({
    id: Id.describe("Stable id; never reuse one for another rail."),
    tier: z.enum(TIERS).describe("Where the rail stands: public starter chain, maintainer, reference, retained, historical, fixture, docs."),
    label: text(LIMITS.label).describe("Short name shown as the rail's label in the failure map (\"Starter failover proof\")."),
    summary: text(LIMITS.sentence).describe("One line saying what the rail proves, in plain words."),
    steps: list(StepSchema).min(1).optional().describe("Commands of the rail's single form. Give `steps` or `forms`, not both."),
    forms: list(FormSchema).min(1).optional().describe("Alternative forms (for example a `--help` syntax check and a live run)."),
    runs: list(z.union([Id, z.strictObject({ rail: Id.describe('The rail this one runs.'), unread: text(LIMITS.sentence).trim().min(1, 'say why the gate cannot read this run').describe('Why the gate cannot read this run from the script (run from embedded Python, ...).') })])).default([]).describe("Ids of rails this rail runs itself (replays or wraps). The gate reads each from the script; one it cannot read (run from embedded Python) is written `{ rail: id, unread: why }`."),
    reads: list(ReadSchema).default([]).describe("Env vars the rail reads."),
    results: text(LIMITS.path).optional().describe("Folder (repo-relative) where a run retains its results, when it has one."),
    logsOnly: text(LIMITS.sentence).trim().min(1).optional().describe("For a rail that keeps only logs (no status.txt): what it keeps, in a few words. Its result shows that and the date of its newest log, never an outcome."),
    failureMaps: list(Id).default([]).describe("Page ids whose failure inspection map lists this rail."),
    repo: Id.optional().describe("Id of the repo (from `repos`) the rail runs in, from its root; unset for the Mesh repo."),
    ci: CiSchema.optional().describe("Where the rail must run in hosted CI (checked against the workflows); unset: not declared."),
  })
  .refine((rail) => Boolean(rail.steps) !== Boolean(rail.forms), {
    message: 'give exactly one of `steps` (one form) or `forms` (alternatives)',
  })
  // The same rule for the editor's JSON Schema, which cannot read a refinement.
  .meta({ oneOf: [{ required: ['steps'] }, { required: ['forms'] }] });

/** A docs page the YAML can point at. */
export const PageSchema = z.strictObject({
  id: Id.describe("Id used by `failureMaps` and surfaces (`distributed-proof`)."),
  title: text(LIMITS.title).describe("Page title as shown in links."),
  file: z.string().max(LIMITS.path).regex(/^[a-z0-9][a-z0-9/_-]*\.mdx?$/, 'a path like "distributed-proof.md"').describe("Content file relative to `src/content/docs` (`distributed-proof.md`)."),
});

/** One entry of the public surfaces list: a docs page, a repo file, or a rail. */
export const SurfaceSchema = z.union([
  z.strictObject({
    page: Id.describe("A docs page id."),
    role: text(LIMITS.sentence).describe("Its role in the proof story, one line."),
  }),
  z.strictObject({
    path: text(LIMITS.path).describe("A repo-relative file path (checked against the repo)."),
    role: text(LIMITS.sentence).describe("Its role in the proof story, one line."),
    repo: Id.optional().describe("Id of the repo (from `repos`) the path is in; unset for the Mesh repo."),
  }),
  z.strictObject({
    rail: Id.describe("A rail id; its summary is its role."),
  }),
]);

/** One step of the operator workflow. */
export const WorkflowStepSchema = z.strictObject({
  run: text(LIMITS.command).describe("The command, with `<placeholders>` for what the reader fills in."),
  purpose: text(LIMITS.sentence).describe("What the step shows the operator."),
});

const githubRepoUrl = /^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** How to find another repo's checkout: its env var, else a folder beside the Mesh repo. */
export const CheckoutSchema = z.strictObject({
  env: CheckoutEnvName.describe("Env var that names the checkout folder; wins when set (`M055_HYPERPUSH_ROOT`)."),
  sibling: text(LIMITS.path)
    .refine((value) => !value.startsWith('/') && !value.startsWith('~') && !/^[A-Za-z]:/.test(value), {
      message: 'give a folder relative to the Mesh repo root, such as "../hyperpush-mono"',
    })
    .meta({ not: { pattern: '^(?:/|~|[A-Za-z]:)' } }).describe("Folder relative to the Mesh repo's root, used when the env var is unset (`../hyperpush-mono`)."),
  marker: list(RepoRelativePath, 10).min(1).describe("Repo paths every checkout of this repo has (a trailing `/` means a folder), so a root that is not such a checkout (`/`, a home folder, a file) is refused before anything reads it: `[mesher/mesh.toml, scripts/]` for hyperpush-mono."),
});

/** Another repo of the workspace whose rails, surfaces or paths the docs show. */
export const RepoSchema = z
  .strictObject({
    id: Id.describe("Id that `repo:` on rails and surfaces uses (`hyperpush-mono`)."),
    name: z.string().max(LIMITS.label).regex(/^[^\u0000-\u001f\u007f-\u009f]+$/, 'one line of plain text, such as "hyperpush-mono"').describe("Name shown in reports and on pages: one line of plain text."),
    url: z.string().max(LIMITS.path).regex(githubRepoUrl, 'a GitHub repo address such as "https://github.com/hyperpush-org/hyperpush-mono"').describe("Its public GitHub address, `https://github.com/<owner>/<name>`."),
    blobBase: text(LIMITS.path).describe("Base of its blob links, `<url>/blob/<branch>/`; a repo path is appended to it."),
    checkout: CheckoutSchema.describe("How the gate finds its checkout."),
    rootVars: list(RootVarName, 20).default([]).describe("Shell variables the Mesh repo's scripts hold this repo's root in (`HYPERPUSH_ROOT`), so a relation read from a script (`bash \"$HYPERPUSH_ROOT/mesher/...\"`) maps to this repo."),
  })
  .refine((repo) => new RegExp(`^${escapeRegExp(repo.url)}/blob/[^/]+/$`).test(repo.blobBase), {
    message: 'blobBase must be the repo url followed by /blob/<branch>/',
    path: ['blobBase'],
  });

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const RailsFileSchema = z.strictObject({
  repos: list(RepoSchema, 20).default([]).describe("The other repos of the workspace (the Mesh repo itself is implicit), each declared once."),
  pages: list(PageSchema, LIMITS.pagesOrSurfaces).min(1).describe("Docs pages the YAML refers to."),
  surfaces: list(SurfaceSchema, LIMITS.pagesOrSurfaces).default([]).describe("The public surfaces list, in reading order."),
  rails: list(RailSchema, LIMITS.rails).min(1).describe("Every rail, in the order the generated sections list them."),
  operatorWorkflow: list(WorkflowStepSchema).default([]).describe("The operator workflow, in order."),
});

export type RailsFileParsed = z.output<typeof RailsFileSchema>;
export type Tier = (typeof TIERS)[number];
