/**
 * The validated, normalised rails data every consumer reads (generated sections, the gate,
 * later the proof-map JSON). Positions point back into the YAML so findings can name a line.
 */
import type { SourcePosition } from '../core/types.ts';
import type { CI_EVENTS, Tier } from './schema.ts';

export type CiEvent = (typeof CI_EVENTS)[number];

export interface RailStep {
  /** The command line as shown. */
  run: string;
  /** Env vars shown before it, in YAML order, each with the position of its YAML key. */
  env: Array<{ name: string; value: string; position: SourcePosition }>;
  /** Where the command text starts in the YAML. */
  position: SourcePosition;
}

export interface RailForm {
  /** Present when the rail has several forms. */
  label?: string;
  steps: RailStep[];
}

export interface RailRead {
  name: string;
  optional: boolean;
  note?: string;
}

export interface Rail {
  id: string;
  tier: Tier;
  label: string;
  summary: string;
  forms: RailForm[];
  runs: string[];
  /** Runs the script makes in a way the gate cannot read, by rail id, each with its reason. */
  unreadRuns: Record<string, string>;
  /** Where each `runs` entry is in the YAML (same order as `runs`). */
  runPositions: SourcePosition[];
  /** Where `runs:` (or, without it, the rail's `id`) is: for a relation the YAML lacks. */
  runsPosition: SourcePosition;
  reads: RailRead[];
  results?: string;
  /** What a log-only rail keeps (it writes no status.txt). */
  logsOnly?: string;
  /** Where `results:` is in the YAML, when given. */
  resultsPosition?: SourcePosition;
  failureMaps: string[];
  /** Repo path of the verifier script when the first step is `bash scripts/...`. */
  script?: string;
  /** Id of the repo the rail runs in (from its root): `MAIN_REPO_ID` or one of `repos`. */
  repo: string;
  /** Where rails.yaml says it must run in hosted CI, with the position of `ci:`. */
  ci?: RailCi;
  position: SourcePosition;
}

/** A rail's declared CI expectation (`ci:` in rails.yaml). */
export interface RailCi {
  hosted: boolean;
  /** Events it must run on (all of them), when declared. */
  on?: CiEvent[];
  reason?: string;
  position: SourcePosition;
}

/** The id of the Mesh repo itself, the repo every item belongs to unless it says otherwise. */
export const MAIN_REPO_ID = 'mesh-lang';

/** Another repo of the workspace, as rails.yaml declares it. */
export interface RepoDeclaration {
  id: string;
  name: string;
  /** `https://github.com/<owner>/<name>`. */
  url: string;
  /** `<url>/blob/<branch>/`. */
  blobBase: string;
  /** Env var naming its checkout, and the folder beside the Mesh repo used when it is unset. */
  checkout: { env: string; sibling: string; marker: string[] };
  /** Shell variables the Mesh repo's scripts hold its root in (`HYPERPUSH_ROOT`). */
  rootVars: string[];
  position: SourcePosition;
}

export interface DocsPage {
  id: string;
  title: string;
  /** Content file relative to `src/content/docs`. */
  file: string;
  /** Site path (`/distributed-proof/`). */
  href: string;
}

export type Surface =
  | { kind: 'page'; page: DocsPage; role: string; position: SourcePosition }
  | { kind: 'path'; path: string; role: string; repo: string; position: SourcePosition }
  | { kind: 'rail'; rail: Rail; position: SourcePosition };

export interface WorkflowStep {
  run: string;
  purpose: string;
  position: SourcePosition;
}

export interface RailsModel {
  /** The YAML path relative to the site root. */
  file: string;
  /** sha256 of the YAML text: changes whenever the data does. */
  digest: string;
  /** The other repos of the workspace (the Mesh repo is `MAIN_REPO_ID`, not listed). */
  repos: RepoDeclaration[];
  repoById: ReadonlyMap<string, RepoDeclaration>;
  pages: DocsPage[];
  surfaces: Surface[];
  rails: Rail[];
  operatorWorkflow: WorkflowStep[];
  railById: ReadonlyMap<string, Rail>;
  pageById: ReadonlyMap<string, DocsPage>;
}

/** A rail's commands, every form's steps in order: what the gate checks for that rail. */
export function railSteps(rail: Rail): RailStep[] {
  return rail.forms.flatMap((form) => form.steps);
}

/**
 * The first step of a rail's first form: what CI wiring matches a rail without a script by
 * (its first command, against workflow steps).
 */
export function firstStep(rail: Rail): RailStep | undefined {
  return rail.forms[0]?.steps[0];
}

/** The operator workflow's commands, as steps (they set no env). */
export function workflowSteps(model: RailsModel): RailStep[] {
  return model.operatorWorkflow.map((step) => ({ run: step.run, env: [], position: step.position }));
}
