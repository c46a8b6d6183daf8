/**
 * The rails' relations as the YAML declares them and as the scripts really run them, checked
 * against each other: a `runs` entry the script does not run, a rail the script runs that
 * `runs` does not list, cycles (a rail that runs itself included), the `results` folder, and
 * the verify scripts no page and no rail mentions. Findings name both places.
 */
import { MAIN_REPO_ID, type Rail, type RailsModel } from '../../rails/model.ts';
import type { Diagnostic, RepoView, SourcePosition } from '../../core/types.ts';
import { findCycles } from '../../core/cycles.ts';
import { readScript, type ResultsWrite, type ScriptRun } from './read-script.ts';
import { rootTable, SELF } from './roots.ts';
import { appendAll } from '../../core/append.ts';

/** The checkout of a repo of the workspace by id, or undefined when it was not found. */
export type RepoViews = (repoId: string) => RepoView | undefined;

/**
 * A place in a repo file (repo-relative, as the shell parser gives it) as reports show places:
 * relative to the site root, so a terminal or CI annotation can open it. Identity by default.
 */
export type ShowPlace = (repo: RepoView, at: SourcePosition) => SourcePosition;

export interface RailRelations {
  /** Rail ids the YAML lists in `runs`. */
  declared: string[];
  /** Rails the script runs (itself or through the files it sources), with where. */
  read: Array<{ rail: string; at: SourcePosition }>;
  /** Rail ids that run this one (declared or read). */
  runBy: string[];
  /** Results folders the script names. */
  resultsFolders: ResultsWrite[];
}

export interface NotOnMap {
  /** Repo-relative path of the script. */
  script: string;
  /** Where to show it (its first line). */
  at: SourcePosition;
}

export interface RelationsResult {
  diagnostics: Diagnostic[];
  byRail: Map<string, RailRelations>;
  /** Tracked `scripts/verify-*.sh` that no page and no rail mentions. */
  notOnMap: NotOnMap[];
}

const VERIFY_SCRIPT = /^scripts\/verify-[^/]+\.sh$/;

/**
 * Reads every rail's script ahead of the relations check (readings are cached per repo view):
 * the gate calls it while git still works in a child process, so the reading uses that wait.
 */
export function readRailScripts(model: RailsModel, views: RepoViews): void {
  const roots = rootTable(model.repos);
  for (const rail of model.rails) {
    const view = views(rail.repo);
    if (view !== undefined && rail.script !== undefined && view.fileStatus(rail.script) === 'tracked') readScript(view, rail.script, roots);
  }
}

/**
 * `views` gives each repo's checkout (a rail's script is read in its own repo; a rail of a repo
 * whose checkout is missing is unverified, not checked here).
 */
export function checkRelations(model: RailsModel, views: RepoViews, pageSources: readonly string[], show: ShowPlace = (_repo, at) => at): RelationsResult {
  const diagnostics: Diagnostic[] = [];
  const scriptKey = (repoId: string, script: string) => `${repoId}\0${script}`;
  const railByScript = new Map(model.rails.filter((rail) => rail.script).map((rail) => [scriptKey(rail.repo, rail.script!), rail]));
  const roots = rootTable(model.repos);
  const byRail = new Map<string, RailRelations>();
  const runsOf = new Map<string, ScriptRun[]>();
  // A rail whose script is missing (or whose checkout is) already has its own finding.
  const scriptReadable = (target: Rail): boolean => target.script !== undefined && views(target.repo)?.fileStatus(target.script) === 'tracked';

  for (const rail of model.rails) {
    const view = views(rail.repo);
    if (view === undefined) {
      byRail.set(rail.id, { declared: [...rail.runs], read: [], runBy: [], resultsFolders: [] });
      continue;
    }
    const reading = rail.script && view.fileStatus(rail.script) === 'tracked' ? readScript(view, rail.script, roots) : undefined;
    const read = (reading?.runs ?? []).flatMap((run) => {
      const target = railByScript.get(scriptKey(run.repo === SELF ? rail.repo : run.repo, run.target));
      return target ? [{ rail: target.id, at: run.at }] : [];
    });
    const resultsFolders = reading?.resultsFolders ?? [];
    // Relations keep repo-relative places (proof-map.json); findings show them as reports do.
    const place = (at: SourcePosition): SourcePosition => show(view, at);
    runsOf.set(rail.id, reading?.runs ?? []);
    byRail.set(rail.id, { declared: [...rail.runs], read, runBy: [], resultsFolders });
    if (reading) {
      appendAll(diagnostics, compareRuns(rail, read, model, scriptReadable, place), compareResults(rail, resultsFolders, reading.tmpFolders, place));
    } else if (rail.script === undefined && rail.runs.length > 0) {
      // (A rail whose script is missing is already a `script-missing` error.)
      rail.runs.forEach((id, i) =>
        diagnostics.push({
          code: 'relation-not-run',
          severity: 'error',
          position: rail.runPositions[i]!,
          subject: id,
          message: `Rail ${rail.id} lists ${id} in \`runs\`, but it has no tracked script the gate can read to confirm it`,
          suggestion: `remove ${id} from runs, or make the rail's first step \`bash scripts/<its script>.sh\``,
        }),
      );
    }
  }

  for (const [id, relations] of byRail) {
    for (const target of new Set([...relations.declared, ...relations.read.map((r) => r.rail)])) {
      byRail.get(target)?.runBy.push(id);
    }
  }
  appendAll(diagnostics, cycleDiagnostics(model, byRail, (rail, at) => { const view = views(rail.repo); return view ? show(view, at) : at; }));
  const main = views(MAIN_REPO_ID);
  const notOnMap = main ? scriptsNotOnMap(model, main, pageSources) : [];
  return { diagnostics, byRail, notOnMap: notOnMap.map((script) => ({ script, at: show(main!, { file: script, line: 1, column: 1 }) })) };
}

function compareRuns(
  rail: Rail,
  read: RailRelations['read'],
  model: RailsModel,
  scriptReadable: (rail: Rail) => boolean,
  place: (at: SourcePosition) => SourcePosition,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const script = rail.script!;
  rail.runs.forEach((id, i) => {
    const reason = rail.unreadRuns[id];
    const readAt = read.find((r) => r.rail === id)?.at;
    if (reason !== undefined && readAt !== undefined) {
      // A declaration that the gate cannot read a run must stay true: once it reads it, say so.
      found.push({
        code: 'relation-unread-but-read',
        severity: 'error',
        position: rail.runPositions[i]!,
        subject: id,
        message: `\`runs\` says ${script} runs ${id} in a way the gate cannot read (${reason}), but the gate reads that run at ${where(readAt)}`,
        suggestion: `write ${id} as a plain id in runs of ${rail.id}`,
        related: place(readAt),
      });
      return;
    }
    if (id === rail.id || readAt !== undefined || reason !== undefined) return; // a self-run is a cycle, reported once there
    const target = model.railById.get(id);
    if (target && !scriptReadable(target)) return;
    found.push({
      code: 'relation-not-run',
      severity: 'error',
      position: rail.runPositions[i]!,
      subject: id,
      message: `\`runs\` lists ${id}, but ${script} (and the files it sources) never runs ${target?.script ?? `a script of ${id}`}`,
      suggestion: `remove ${id} from runs, or make ${script} run it`,
      related: place({ file: script, line: 1, column: 1 }),
      fix: { kind: 'remove-run', rail: rail.id, run: id },
    });
  });
  for (const run of read) {
    if (run.rail === rail.id || rail.runs.includes(run.rail)) continue;
    if (found.some((d) => d.code === 'relation-unlisted' && d.subject === run.rail)) continue;
    found.push({
      code: 'relation-unlisted',
      severity: 'error',
      position: rail.runsPosition,
      subject: run.rail,
      message: `${script} runs rail ${run.rail} at ${where(run.at)}, but \`runs\` of ${rail.id} does not list it`,
      suggestion: `add ${run.rail} to runs of ${rail.id}`,
      related: place(run.at),
      fix: { kind: 'add-run', rail: rail.id, run: run.rail },
    });
  }
  return found;
}

function compareResults(
  rail: Rail,
  allFolders: readonly ResultsWrite[],
  tmpFolders: readonly ResultsWrite[],
  place: (at: SourcePosition) => SourcePosition,
): Diagnostic[] {
  const script = rail.script!;
  // `results` is a folder of the rail's own repo. A folder under another repo's root (a wrapper
  // naming where the rail it delegates to writes) belongs to that repo's rail, not to this one.
  const folders = allFolders.filter((write) => write.repo === SELF);
  const declared = rail.results?.replace(/^\.\//, '').replace(/\/+$/, '');
  // A declared folder of any shape counts when the script names it (`.tmp/m060/artifacts`).
  const isDeclared = (write: ResultsWrite) => write.repo === SELF && write.folder === declared;
  if (declared !== undefined && (folders.some(isDeclared) || tmpFolders.some(isDeclared))) return [];
  if (declared === undefined && folders.length === 0) return [];
  // A log-only rail has no status to read: its logs folder is optional, never demanded.
  if (declared === undefined && rail.logsOnly !== undefined) return [];
  const named = folders.map((write) => `${write.folder}/`).join(', ');
  // Certain only when the script names exactly one results folder of its own.
  const distinct = [...new Set(folders.map((write) => write.folder))];
  const fix = distinct.length === 1 ? { fix: { kind: 'set-results', rail: rail.id, folder: `${distinct[0]}/` } as const } : {};
  if (declared === undefined) {
    return [
      {
        code: 'results-mismatch',
        severity: 'error',
        position: rail.position,
        subject: rail.id,
        message: `${script} writes its results to ${named}, but rail ${rail.id} has no \`results\``,
        suggestion: `add \`results: ${folders[0]!.folder}/\` to rail ${rail.id}`,
        related: place(folders[0]!.at),
        ...fix,
      },
    ];
  }
  return [
    {
      code: 'results-mismatch',
      severity: 'error',
      position: rail.resultsPosition ?? rail.position,
      subject: rail.results!,
      message:
        folders.length === 0
          ? `\`results\` is ${rail.results}, but ${script} (and the files it sources) never names that folder`
          : `\`results\` is ${rail.results}, but ${script} writes ${named}`,
      suggestion: folders.length === 0 ? `remove \`results\` from rail ${rail.id}, or fix the folder` : `use \`results: ${folders[0]!.folder}/\``,
      related: place(folders[0]?.at ?? { file: script, line: 1, column: 1 }),
      ...fix,
    },
  ];
}

function cycleDiagnostics(
  model: RailsModel,
  byRail: ReadonlyMap<string, RailRelations>,
  place: (rail: Rail, at: SourcePosition) => SourcePosition,
): Diagnostic[] {
  const edges = new Map<string, string[]>();
  for (const [id, relations] of byRail) edges.set(id, [...new Set([...relations.declared, ...relations.read.map((r) => r.rail)])]);
  return findCycles(edges).map((cycle) => {
    const [first, second] = [cycle[0]!, cycle[1] ?? cycle[0]!];
    const rail = model.railById.get(first)!;
    const declaredAt = rail.runs.indexOf(second);
    const readAt = byRail.get(first)!.read.find((r) => r.rail === second)?.at;
    const path = [...cycle, first].join(' -> ');
    return {
      code: 'relation-cycle',
      severity: 'error',
      position: declaredAt >= 0 ? rail.runPositions[declaredAt]! : rail.runsPosition,
      subject: path,
      message: cycle.length === 1 ? `Rail ${first} runs itself` : `Rails run each other in a cycle: ${path}`,
      suggestion: 'a rail may replay the rails below it, never one that (through others) replays it; remove one of these runs',
      ...(readAt ? { related: place(rail, readAt) } : {}),
    } satisfies Diagnostic;
  });
}

function scriptsNotOnMap(model: RailsModel, repo: RepoView, pageSources: readonly string[]): string[] {
  const yamlText = model.rails.flatMap((rail) => rail.forms.flatMap((form) => form.steps.map((step) => step.run)));
  const texts = [...yamlText, ...pageSources];
  return repo.files().filter((file) => VERIFY_SCRIPT.test(file) && !texts.some((text) => text.includes(file)));
}

/** The warning for one verify script that is not on the map (aggregated by the reporters). */
export function notOnMapDiagnostic({ script, at }: NotOnMap): Diagnostic {
  return {
    code: 'map-not-listed',
    severity: 'warning',
    position: at,
    subject: script,
    message: `${script} is tracked, but no rail in rails.yaml and no page mentions it`,
    suggestion: 'add a rail for it (and list it on a failure map), or retire the script',
  };
}

function where(at: SourcePosition): string {
  return `${at.file}:${at.line}:${at.column}`;
}
