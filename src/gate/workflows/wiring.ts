/**
 * Which CI runs each rail, read statically from each checked repo's workflows: every `run:` is
 * read by the same rules as a rail script (`readShellText`), a reusable workflow inherits the
 * triggers of the jobs that call it (narrowed by their `if:`), and a rail run by a rail that CI
 * runs is run "through" it. A workflow running a script that does not exist is an error at its
 * line; a rail no workflow runs is a soft finding.
 */
import { firstStep, MAIN_REPO_ID, type Rail, type RailsModel } from '../../rails/model.ts';
import type { RepoViews, ShowPlace } from '../relations/check.ts';
import { readScriptRuns, readShellText } from '../relations/read-script.ts';
import { readingCacheOf, textDigest } from '../../repo/reading-cache.ts';
import { z } from 'zod';
import { plainDiagnosticSchema, positionSchema } from '../../core/kept-shapes.ts';
import { rootsKey, rootTable, SELF, type RootTable } from '../relations/roots.ts';
import { parseShell } from '../shell/parse-line.ts';
import { closest } from '../../core/did-you-mean.ts';
import type { CommandOccurrence, Diagnostic, RepoView, SourcePosition } from '../../core/types.ts';
import { confine } from '../../core/confine.ts';
import { MAX_RUN_CHARS, readWorkflows, type Workflow, type WorkflowJob, type WorkflowStep } from './read-workflows.ts';
import { narrowByCondition } from './triggers.ts';
import type { CiCaller, CiRun, CiTrigger } from '../../core/ci-run.ts';

export type { CiRun };
import { appendAll } from '../../core/append.ts';

export interface CiWiring {
  byRail: Map<string, CiRun[]>;
  diagnostics: Diagnostic[];
  /** Workflows read per repo id. */
  workflows: Map<string, Workflow[]>;
}

const BASH_SHELLS = /^(?:bash|sh)(?:\s|$)/;
const SCRIPT_WORD = /\.(?:sh|bash)$/;

export function readCiWiring(
  model: RailsModel,
  views: RepoViews,
  runsOf: (id: string) => readonly string[],
  show: ShowPlace,
  firstCommand: (rail: Rail) => CommandOccurrence | undefined = parsedFirstCommand,
): CiWiring {
  const byRail = new Map<string, CiRun[]>(model.rails.map((rail) => [rail.id, []]));
  const diagnostics: Diagnostic[] = [];
  const workflows = new Map<string, Workflow[]>();
  const roots = rootTable(model.repos);
  const scriptKey = (repoId: string, script: string) => `${repoId}\0${script}`;
  const railByScript = new Map(model.rails.filter((rail) => rail.script).map((rail) => [scriptKey(rail.repo, rail.script!), rail]));

  for (const repoId of [MAIN_REPO_ID, ...model.repos.map((repo) => repo.id)]) {
    const view = views(repoId);
    if (view === undefined) continue;
    const place = (at: SourcePosition) => show(view, at);
    const reading = readWorkflows(view);
    workflows.set(repoId, reading.workflows);
    appendAll(diagnostics, reading.diagnostics.map((d) => ({ ...d, position: place(d.position) })));
    const commandKeys = railCommandKeys(model.rails.filter((rail) => rail.repo === repoId), firstCommand);
    const whens = new Whens(reading.workflows);
    for (const workflow of reading.workflows) {
      for (const job of workflow.jobs) {
        const when = whens.of(workflow, job);
        for (const step of job.steps) {
          if (step.run === undefined || step.runAt === undefined) continue;
          const base = { repo: repoId, workflow: workflow.file, workflowName: workflow.name, job: job.id, ...(step.name ? { step: step.name } : {}), ...when, matrix: job.matrix };
          for (const found of readStep(view, repoId, step, roots, diagnostics, place)) {
            const rail = found.script ? railByScript.get(scriptKey(found.repo, found.script)) : undefined;
            if (rail) {
              add(byRail, rail.id, { ...base, ...stepShape(step), at: found.at });
            } else if (found.script && found.repo === repoId) {
              // A script that is no rail may run rails itself (the product repo's own entry point).
              // Only what the script runs matters here: its delegates need not be read.
              for (const run of readScriptRuns(view, found.script, roots).runs) {
                const inner = railByScript.get(scriptKey(run.repo === SELF ? repoId : run.repo, run.target));
                if (inner) add(byRail, inner.id, { ...base, ...stepShape(step), at: found.at, through: found.script });
              }
            }
            for (const id of found.command !== undefined ? commandKeys.get(found.command) ?? [] : []) add(byRail, id, { ...base, ...stepShape(step), at: found.at });
          }
        }
      }
    }
  }

  addThroughRails(model, byRail, runsOf);
  for (const rail of model.rails) {
    if (views(rail.repo) === undefined) continue;
    const runs = byRail.get(rail.id)!;
    if (runs.length === 0 && rail.ci?.hosted !== false) diagnostics.push(notRunDiagnostic(rail));
    // A rail whose script is missing already has its own finding (and the workflow's): its
    // expectation cannot be judged, so it is not reported a third time.
    const scriptMissing = rail.script !== undefined && views(rail.repo)!.fileStatus(rail.script) !== 'tracked';
    if (rail.ci && !scriptMissing) appendAll(diagnostics, checkExpectation(rail, runs, (repoId, at) => { const view = views(repoId); return view ? show(view, at) : at; }));
  }
  return { byRail, diagnostics, workflows };
}

function add(byRail: Map<string, CiRun[]>, railId: string, run: CiRun): void {
  const list = byRail.get(railId)!;
  if (!list.some((other) => other.workflow === run.workflow && other.job === run.job && other.repo === run.repo && other.at.line === run.at.line && other.via === run.via)) list.push(run);
}

function stepShape(step: WorkflowStep): Pick<CiRun, 'workingDirectory' | 'shell'> {
  return { ...(step.workingDirectory ? { workingDirectory: step.workingDirectory } : {}), ...(step.shell ? { shell: step.shell } : {}) };
}

/** Rails run by a rail that CI runs are run by that CI too, through it (nearest rail named). */
function addThroughRails(model: RailsModel, byRail: Map<string, CiRun[]>, runsOf: (id: string) => readonly string[]): void {
  for (const rail of model.rails) {
    const direct = byRail.get(rail.id)!.filter((run) => run.via === undefined);
    if (direct.length === 0) continue;
    const seen = new Set([rail.id]);
    const queue = runsOf(rail.id).map((id) => ({ id, via: rail.id }));
    while (queue.length > 0) {
      const { id, via } = queue.shift()!;
      if (seen.has(id) || !byRail.has(id)) continue;
      seen.add(id);
      for (const run of direct) {
        const list = byRail.get(id)!;
        const { through: _through, ...rest } = run;
        if (!list.some((other) => other.workflow === run.workflow && other.job === run.job && other.repo === run.repo)) list.push({ ...rest, via });
      }
      appendAll(queue, runsOf(id).map((next) => ({ id: next, via })));
    }
  }
}

interface StepFinding {
  /** A script the step runs (repo-relative in `repo`). */
  script?: string;
  repo: string;
  /** A command of the step (its folder and words, `commandKey`), for rails whose first step is no script (`npm run build`). */
  command?: string;
  at: SourcePosition;
}

interface StepReading {
  found: StepFinding[];
  /** At repo-relative places. */
  diagnostics: Diagnostic[];
}

/**
 * What one `run:` runs: scripts by the rail run rules, and each command for rails with no script.
 * A script it names that is not committed is a finding at its word. Kept between runs like a
 * script's reading (repo/reading-cache.ts): the text and where it stands are the key.
 */
function readStep(view: RepoView, repoId: string, step: WorkflowStep, roots: RootTable, diagnostics: Diagnostic[], place: (at: SourcePosition) => SourcePosition): StepFinding[] {
  const runAt = step.runAt!;
  // PowerShell, Python, cmd: not shell text the gate reads.
  if (step.shell !== undefined && !BASH_SHELLS.test(step.shell)) return [];
  if (step.run!.length > MAX_RUN_CHARS) {
    diagnostics.push({
      code: 'ci-workflow-unreadable',
      severity: 'error',
      position: place(step.at),
      subject: `${runAt.file}: run`,
      message: `This \`run:\` is ${step.run!.length} characters, more than the ${MAX_RUN_CHARS / 1024} KB the gate parses as shell, so the rails it runs are unknown`,
      suggestion: 'move the commands into a script under scripts/ and run that',
    });
    return [];
  }
  const read = (asked: RepoView) => readStepText(asked, repoId, step, roots);
  const kept = readingCacheOf(view);
  const key = `step\0${repoId}\0${rootsKey(roots)}\0${step.workingDirectory ?? ''}\0${runAt.file}:${runAt.line}:${runAt.column}:${step.at.line}:${step.at.column}\0${textDigest(step.run!)}`;
  const reading = kept ? kept.remember(key, view, stepReadingSchema, read) : read(view);
  appendAll(diagnostics, reading.diagnostics.map((d) => ({ ...d, position: place(d.position) })));
  return reading.found;
}

function readStepText(view: RepoView, repoId: string, step: WorkflowStep, roots: RootTable): StepReading {
  const runAt = step.runAt!;
  const diagnostics: Diagnostic[] = [];
  let cwd: string | undefined;
  if (step.workingDirectory !== undefined && !step.workingDirectory.includes('${{')) {
    const confined = confine(step.workingDirectory);
    if (!confined.ok) {
      diagnostics.push({
        code: 'ci-workflow-unreadable',
        severity: 'error',
        position: step.at,
        subject: step.workingDirectory.slice(0, 200),
        message: `The step's working-directory ${JSON.stringify(step.workingDirectory.slice(0, 80))} is refused: ${confined.reason}`,
        suggestion: 'give a folder inside the checkout, relative to its root',
      });
      return { found: [], diagnostics };
    }
    cwd = confined.relative || undefined;
  }
  const found: StepFinding[] = [];
  const reading = readShellText(view, step.run!, runAt, { roots, ...(cwd ? { cwd } : {}) });
  for (const run of reading.runs) found.push({ script: run.target, repo: run.repo === SELF ? repoId : run.repo, at: run.at });
  const commands = parseShell({ text: step.run!, at: runAt, origin: 'repo-script', ...(cwd ? { cwd } : {}) }).commands;
  for (const command of commands) {
    found.push({ command: commandKey(command), repo: repoId, at: command.position });
    const missing = missingScript(view, command);
    if (missing) diagnostics.push(missing);
  }
  return { found, diagnostics };
}

/** What a step reading kept between runs must look like before it is used. */
const stepReadingSchema = z.object({
  found: z.array(z.object({ script: z.string().optional(), repo: z.string(), command: z.string().optional(), at: positionSchema })),
  diagnostics: z.array(plainDiagnosticSchema(['ci-workflow-unreadable', 'ci-script-missing'])),
}) as z.ZodType<StepReading>;

/** `bash x.sh`, `sh x.sh`, `./x.sh`: a script word whose file is not committed. */
function missingScript(view: RepoView, command: CommandOccurrence): Diagnostic | undefined {
  const [head, ...rest] = command.words;
  if (head === undefined || head.dynamic) return undefined;
  const word = head.value === 'bash' || head.value === 'sh' ? rest.find((w) => !w.value.startsWith('-')) : head.value.includes('/') ? head : undefined;
  if (word === undefined || word.dynamic || word.placeholder || !SCRIPT_WORD.test(word.value)) return undefined;
  const relative = view.normalise(word.value, command.cwd);
  const status = relative === undefined ? 'outside' : view.fileStatus(relative);
  if (status === 'tracked') return undefined;
  const near = closest(relative ?? word.value, view.files().filter((file) => SCRIPT_WORD.test(file)));
  return {
    code: 'ci-script-missing',
    severity: 'error',
    position: word.position,
    subject: word.value,
    message:
      status === 'outside'
        ? `This workflow runs ${word.value}, which leaves the repo root`
        : `This workflow runs ${relative}, which ${status === 'missing' ? 'does not exist' : status === 'staged' ? 'is staged but not committed' : 'exists locally but is not committed'} in the checked commit`,
    suggestion: near.length > 0 ? `did you mean ${near[0]}?` : 'fix the path, or add and commit the script',
  };
}

/** The first command of a rail's first step, parsed now (the gate hands over its own extract). */
function parsedFirstCommand(rail: Rail): CommandOccurrence | undefined {
  const step = firstStep(rail);
  return step ? parseShell({ text: step.run, at: step.position, origin: 'rails-yaml' }).commands[0] : undefined;
}

/**
 * Rails whose first command is no script, by what that command is (folder, words).
 * `firstCommand` is the first command of a rail's first step, as the gate extracted it.
 */
function railCommandKeys(rails: readonly Rail[], firstCommand: (rail: Rail) => CommandOccurrence | undefined): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const rail of rails) {
    if (rail.script) continue;
    const command = firstCommand(rail);
    if (!command) continue;
    const key = commandKey(command);
    keys.set(key, [...(keys.get(key) ?? []), rail.id]);
  }
  return keys;
}

/** A command's folder and words; `npm --prefix D run S` is `npm run S` in D. */
function commandKey(command: CommandOccurrence): string {
  const words = command.words.map((word) => word.value);
  let cwd = command.cwd ?? '';
  if (words[0] === 'npm' && words[1] === '--prefix' && words[2] !== undefined) {
    cwd = confine(words[2], cwd ? { cwd } : {}).ok ? (confine(words[2], cwd ? { cwd } : {}) as { relative: string }).relative : words[2];
    words.splice(1, 2);
  }
  return `${cwd}\0${words.join(' ')}`;
}

/** Each job's triggers and conditions, through the callers of its (reusable) workflow. */
class Whens {
  private readonly memo = new Map<string, { triggers: CiTrigger[]; calledBy: CiCaller[]; conditions: string[] }>();
  private readonly workflows: readonly Workflow[];
  constructor(workflows: readonly Workflow[]) {
    this.workflows = workflows;
  }

  of(workflow: Workflow, job: WorkflowJob): Pick<CiRun, 'triggers' | 'calledBy' | 'conditions'> {
    const outer = this.workflowWhen(workflow, new Set());
    return {
      triggers: narrowByCondition(outer.triggers, job.if),
      calledBy: outer.calledBy,
      conditions: [...outer.conditions, ...(job.if ? [job.if] : [])],
    };
  }

  private workflowWhen(workflow: Workflow, seen: Set<string>): { triggers: CiTrigger[]; calledBy: CiCaller[]; conditions: string[] } {
    const known = this.memo.get(workflow.file);
    if (known) return known;
    const own = workflow.triggers.filter((t) => t.event !== 'workflow_call').map(({ at: _at, ...t }) => t);
    const triggers: CiTrigger[] = [...own];
    const calledBy: CiCaller[] = [];
    const conditions: string[] = [];
    if (workflow.triggers.some((t) => t.event === 'workflow_call') && !seen.has(workflow.file)) {
      const nextSeen = new Set([...seen, workflow.file]);
      for (const caller of this.workflows) {
        for (const job of caller.jobs) {
          if (job.uses?.local !== workflow.file) continue;
          const callerWhen = this.workflowWhen(caller, nextSeen);
          appendAll(triggers, narrowByCondition(callerWhen.triggers, job.if));
          appendAll(calledBy, callerWhen.calledBy, [{ workflow: caller.file, job: job.id, ...(job.if ? { if: job.if } : {}), at: job.uses.at }]);
          appendAll(conditions, callerWhen.conditions, job.if ? [job.if] : []);
        }
      }
      if (calledBy.length === 0) triggers.push({ event: 'workflow_call' });
    }
    const when = { triggers: dedupeTriggers(triggers), calledBy, conditions: [...new Set(conditions)] };
    if (seen.size === 0) this.memo.set(workflow.file, when);
    return when;
  }
}

function dedupeTriggers(triggers: readonly CiTrigger[]): CiTrigger[] {
  const seen = new Set<string>();
  return triggers.filter((t) => {
    const key = JSON.stringify(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function notRunDiagnostic(rail: Rail): Diagnostic {
  return {
    code: 'ci-not-run',
    severity: 'warning',
    position: rail.position,
    subject: rail.id,
    message: `No workflow of its repo runs rail ${rail.id}${rail.script ? ` (${rail.script})` : ''}, directly or through another rail`,
    suggestion: 'run it from a workflow, or declare `ci: { hosted: false, reason: … }` on the rail',
  };
}

/** `ci:` against what the workflows do, in both directions; both places named. */
function checkExpectation(rail: Rail, runs: readonly CiRun[], place: (repoId: string, at: SourcePosition) => SourcePosition): Diagnostic[] {
  const ci = rail.ci!;
  // Each mismatch its own subject: findings at one place with one subject are one finding.
  const mismatch = (message: string, suggestion: string, related?: CiRun, field = 'ci.hosted'): Diagnostic => ({
    code: 'ci-expectation-mismatch',
    severity: 'error',
    position: ci.position,
    subject: `${rail.id} ${field}`,
    message,
    suggestion,
    ...(related ? { related: place(related.repo, related.at) } : {}),
  });
  if (!ci.hosted) {
    const first = runs[0];
    return first ? [mismatch(`rails.yaml says no workflow runs ${rail.id} (ci.hosted: false), but ${first.workflow} job ${first.job} runs it${first.via ? ` through ${first.via}` : ''}`, 'set `hosted: true`, or stop running it from that workflow', first)] : [];
  }
  if (runs.length === 0) return [mismatch(`rails.yaml says a workflow runs ${rail.id} (ci.hosted: true), but no workflow of its repo runs it`, `run ${rail.script ?? 'it'} from a workflow, or set \`hosted: false\``)];
  if (ci.on === undefined) return [];
  const found: Diagnostic[] = [];
  const events = (run: CiRun) => new Set(run.triggers.map((t) => t.event));
  const reported = new Set<string>();
  for (const wanted of ci.on) {
    if (!runs.some((run) => events(run).has(wanted))) {
      found.push(mismatch(`rails.yaml says ${rail.id} runs on ${wanted} (ci.on), but no workflow runs it on ${wanted}`, `run it on ${wanted}, or drop ${wanted} from ci.on`, runs[0], `ci.on ${wanted}`));
    }
  }
  for (const run of runs) {
    for (const event of events(run)) {
      if ((ci.on as readonly string[]).includes(event) || reported.has(event)) continue;
      reported.add(event);
      found.push(
        mismatch(
          `rails.yaml says ${rail.id} runs only on ${ci.on.join(', ')} (ci.on), but ${run.workflow} job ${run.job} also runs it on ${event}`,
          `add ${event} to ci.on, or guard the job (for example \`if: startsWith(github.ref, 'refs/tags/v')\`)`,
          run,
          `ci.on ${event}`,
        ),
      );
    }
  }
  return found;
}
