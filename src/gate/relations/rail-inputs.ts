/**
 * What a rail's result depends on, in the order "stale" names it: the rail's script, the files
 * it sources, then (through `runs`, transitively) the same for each rail it runs. Read with the
 * relations' own script reading (cached per repo view).
 */
import type { RailsModel } from '../../rails/model.ts';
import type { RailInputs } from '../../rails/result-origin.ts';
import type { RepoViews } from './check.ts';
import { readScript } from './read-script.ts';
import { rootTable } from './roots.ts';
import { appendAll } from '../../core/append.ts';

export function railInputs(model: RailsModel, views: RepoViews, runsOf: (id: string) => readonly string[]): Record<string, RailInputs> {
  const roots = rootTable(model.repos);
  const own = (id: string): RailInputs => {
    const rail = model.railById.get(id);
    const view = rail ? views(rail.repo) : undefined;
    if (!rail?.script || !view || view.fileStatus(rail.script) !== 'tracked') return [];
    const reading = readScript(view, rail.script, roots);
    return [rail.script, ...reading.sourced].map((file) => ({ repo: rail.repo, file }));
  };
  const out: Record<string, RailInputs> = {};
  for (const rail of model.rails) {
    const inputs: Array<{ repo: string; file: string }> = [];
    const seen = new Set<string>();
    const queue = [rail.id];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const input of own(id)) if (!inputs.some((i) => i.repo === input.repo && i.file === input.file)) inputs.push(input);
      appendAll(queue, runsOf(id));
    }
    out[rail.id] = inputs;
  }
  return out;
}
