/**
 * Where CI runs a rail, as data every layer reads (the gate writes it from the workflows; the
 * pages, proof-map.json and the rail chain show it): the triggers, the callers, the run.
 */
import type { SourcePosition } from './types.ts';

/** A trigger as the map shows it: no position, the event words of `ci.on`. */
export interface CiTrigger {
  /** `push` (branches), `tags` (a push of tags), `pull_request`, `schedule`, `workflow_dispatch`, `workflow_call`, or another event name. */
  event: string;
  branches?: string[];
  tags?: string[];
  paths?: string[];
  pathsIgnore?: string[];
  cron?: string[];
}

/** A job that calls a reusable workflow, on the way to the job that runs the rail. */
export interface CiCaller {
  workflow: string;
  job: string;
  if?: string;
  at: SourcePosition;
}

/** One place a workflow runs a rail. Positions are repo-relative (the workflow's repo). */
export interface CiRun {
  /** Id of the repo whose workflow it is. */
  repo: string;
  /** `.github/workflows/<file>` and its `name:`. */
  workflow: string;
  workflowName: string;
  job: string;
  step?: string;
  /** The `run:` line (or, for a rail run through another one, that rail's run line). */
  at: SourcePosition;
  /** Jobs of other workflows that call this one (`uses: ./.github/workflows/...`). */
  calledBy: CiCaller[];
  /** When it runs, after the callers' triggers and the job-level `if:`s. */
  triggers: CiTrigger[];
  /** Job-level `if:` conditions on the way (callers first). */
  conditions: string[];
  /** Set when the rail runs inside another rail that this workflow runs. */
  via?: string;
  /** Set when the workflow runs a script that is no rail, which runs the rail. */
  through?: string;
  workingDirectory?: string;
  shell?: string;
  matrix: string[];
}

/** One trigger in words: "push to main (paths: mesher/**)", "tags v*", "schedule 0 4 * * *". */
export function triggerWords(trigger: CiTrigger): string {
  const paths = trigger.paths ? ` (paths: ${trigger.paths.join(', ')})` : trigger.pathsIgnore ? ` (paths except: ${trigger.pathsIgnore.join(', ')})` : '';
  switch (trigger.event) {
    case 'push':
      return `push to ${trigger.branches?.join(', ') ?? 'any branch'}${paths}`;
    case 'tags':
      return `tags ${trigger.tags?.join(', ') ?? '*'}${paths}`;
    case 'pull_request':
    case 'pull_request_target':
      return `pull requests${trigger.branches ? ` to ${trigger.branches.join(', ')}` : ''}${paths}`;
    case 'schedule':
      return `schedule ${trigger.cron?.join(', ') ?? ''}`.trim();
    case 'workflow_dispatch':
      return 'by hand';
    case 'workflow_call':
      return 'when another workflow calls it (no caller found)';
    default:
      return trigger.event;
  }
}
