/**
 * `npm run rail -- new <script>`: a complete rails.yaml entry for a verify script, read from the
 * script and the repo with the gate's own readers (never run): its id and step, the rails it
 * runs, the results folder it writes (or none), and the repo it lives in. Only `label` and
 * `summary` are left for a person, as marked placeholders the gate refuses until written.
 */
import path from 'node:path';
import { PLACEHOLDER_MARK } from '../rails/schema.ts';
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
  if (folders.length === 0) notes.push('it names no results folder (.tmp/<slug>/verify): the rail keeps no retained result');

  const entry: Record<string, unknown> = {
    id,
    tier: request.tier,
    label: `${PLACEHOLDER_MARK} a short name for ${id}`,
    summary: `${PLACEHOLDER_MARK} one line on what ${id} proves`,
    steps: [`bash ${script}`],
    ...(runs.length > 0 ? { runs } : {}),
    ...(folders[0] ? { results: `${folders[0]}/` } : {}),
    ...(repoId !== MAIN_REPO_ID ? { repo: repoId } : {}),
  };
  return { ok: true, entry, repo: repoId, script, notes };
}
