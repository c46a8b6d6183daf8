/**
 * `npm run rail -- new <script>`: a complete rails.yaml entry for a verify script, read from the
 * script and the repo with the gate's own readers (never run): its id and step, the rails it
 * runs, the results folder it writes (or none), the repo it lives in, and where CI runs it (read
 * from the workflows as the gate reads them, declared as `ci:` so it stays checked). Only `label` and
 * `summary` are left for a person, as marked placeholders the gate refuses until written.
 */
import path from 'node:path';
import { parseRails, type LoadRailsOptions } from '../rails/load.ts';
import { PLACEHOLDER_MARK } from '../rails/schema.ts';
import { readCiWiring } from '../gate/workflows/wiring.ts';
import { appendRail } from './yaml-edit.ts';
import { MAIN_REPO_ID, type RailsModel } from '../rails/model.ts';
import { readScript } from '../gate/relations/read-script.ts';
import { rootTable, SELF } from '../gate/relations/roots.ts';
import type { Workspace } from '../gate/workspace/workspace.ts';
import type { Tier } from '../rails/schema.ts';

export interface NewRailRequest {
  /** `scripts/verify-x.sh` in the Mesh repo, or `<repo id>/<path>` in another repo of the workspace. */
  script: string;
  tier: Tier;
}

export type NewRail =
  | { ok: true; entry: Record<string, unknown>; repo: string; script: string; notes: string[] }
  | { ok: false; problem: string };

/** `verify-m053-s01.sh` → `m053-s01`; other names keep their stem (`maintainer-surface`). */
export function railIdFor(script: string): string {
  return path.posix.basename(script).replace(/\.(?:sh|bash)$/, '').replace(/^verify-/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

export function newRailEntry(request: NewRailRequest, model: RailsModel, workspace: Workspace): NewRail {
  const [first, ...rest] = request.script.replace(/^\.\//, '').split('/');
  const other = workspace.repos.find((repo) => !repo.main && repo.id === first);
  const repoId = other ? other.id : MAIN_REPO_ID;
  const script = other ? rest.join('/') : request.script.replace(/^\.\//, '');
  const repo = workspace.byId(repoId);
  if (!repo.view) return { ok: false, problem: `the checkout of ${repoId} was not found (${repo.howToProvide ?? 'check its env var or sibling folder'})` };
  const view = repo.view;
  const status = view.fileStatus(script);
  if (status !== 'tracked') {
    return { ok: false, problem: `${script} is ${status === 'missing' ? 'not in' : `${status} in`} ${repoId}. fix: give the path of a committed script, relative to its repo root` };
  }
  const existing = model.rails.find((rail) => rail.repo === repoId && rail.script === script);
  if (existing) return { ok: false, problem: `${script} is already rail ${existing.id} (rails.yaml line ${existing.position.line})` };
  const id = railIdFor(script);
  if (model.railById.has(id)) return { ok: false, problem: `the id ${id} is taken by another rail. fix: rename one of them by hand` };

  const reading = readScript(view, script, rootTable(model.repos));
  const notes: string[] = [];
  const railByScript = new Map(model.rails.filter((rail) => rail.script).map((rail) => [`${rail.repo}\0${rail.script}`, rail.id]));
  const runs: string[] = [];
  for (const run of reading.runs) {
    const targetRepo = run.repo === SELF ? repoId : run.repo;
    const target = railByScript.get(`${targetRepo}\0${run.target}`);
    if (target) {
      if (!runs.includes(target)) runs.push(target);
    } else if (/(^|\/)verify-[^/]+\.sh$/.test(run.target)) {
      notes.push(`it runs ${run.target} (line ${run.at.line}), which is no rail yet: add that rail first, then \`runs\` here`);
    }
  }
  const folders = [...new Set(reading.resultsFolders.filter((write) => write.repo === SELF).map((write) => write.folder))];
  if (folders.length > 1) notes.push(`it names several results folders (${folders.join(', ')}); the first is used: check it`);
  // No results folder, but logs under .tmp/: a log-only rail (its row shows the newest log's date).
  const logFolders = folders.length === 0 ? [...new Set(reading.tmpFolders.filter((write) => write.repo === SELF).map((write) => write.folder))] : [];
  if (folders.length === 0 && logFolders.length === 0) notes.push('it names no results folder (.tmp/<slug>/verify) and no log folder: the rail keeps no retained result');

  const entry: Record<string, unknown> = {
    id,
    tier: request.tier,
    label: `${PLACEHOLDER_MARK} a short name for ${id}`,
    summary: `${PLACEHOLDER_MARK} one line on what ${id} proves`,
    steps: [`bash ${script}`],
    ...(runs.length > 0 ? { runs } : {}),
    ...(folders[0] ? { results: `${folders[0]}/` } : {}),
    ...(logFolders[0] ? { logsOnly: `logs under ${logFolders[0]}/` } : {}),
    ...(repoId !== MAIN_REPO_ID ? { repo: repoId } : {}),
  };
  return { ok: true, entry, repo: repoId, script, notes };
}

/**
 * Where the repo's workflows run the new rail, read by the gate's own CI wiring over rails.yaml
 * with the entry added: `{ hosted: true, on: [events] }` when some workflow runs it (directly or
 * through a rail it runs), else undefined (no workflow runs it: a person says why, or wires it).
 */
export function ciFor(yamlText: string, entry: Record<string, unknown>, options: LoadRailsOptions, workspace: Workspace): { hosted: true; on: string[] } | undefined {
  const withEntry = appendRail(yamlText, entry);
  if (!withEntry.ok) return undefined;
  const loaded = parseRails(withEntry.text, options);
  if (!loaded.ok) return undefined;
  const model = loaded.model;
  const runsOf = (id: string) => model.railById.get(id)?.runs ?? [];
  const wiring = readCiWiring(model, (id) => workspace.byId(id).view, runsOf, (_repo, at) => at);
  const runs = wiring.byRail.get(String(entry.id)) ?? [];
  const events = [...new Set(runs.flatMap((run) => run.triggers.map((trigger) => trigger.event)))].sort();
  return runs.length > 0 && events.length > 0 ? { hosted: true, on: events } : undefined;
}

