/**
 * `npm run check -- --rail ID`: one rail's chain for a maintainer: what it runs, what runs it,
 * each one's last result, and which rail to rerun first when it failed.
 */
import { railRuns, resultWords } from '../../rails/result-words.ts';
import { rerunFirstByProvenance } from '../../rails/rerun-order.ts';
import type { ResultOrigin } from '../../rails/result-origin.ts';
import { originLine, ciLines } from './rail-chain-ci.ts';
import type { ProofMap } from '../../proof-map/map-schema.ts';
import type { RailResult } from '../../rails/results.ts';
import { appendAll } from '../../core/append.ts';

type MapRail = ProofMap['rails'][number];

export function formatRailChain(map: ProofMap, railId: string): { ok: boolean; text: string; lines: string[] } {
  const byId = new Map(map.rails.map((rail) => [rail.id, rail]));
  const rail = byId.get(railId);
  if (!rail) {
    const line = `No rail "${railId}" in rails.yaml; known rails: ${map.rails.map((r) => r.id).join(', ')}`;
    return { ok: false, text: line, lines: [line] };
  }
  const runsOf = (id: string) => {
    const relations = byId.get(id)?.relations;
    return relations ? railRuns(relations.declared, relations.read.map((r) => r.rail)) : [];
  };
  const words = (r: MapRail) => (map.results === 'off' ? 'results off (PROOF_RESULTS=off)' : resultWords(asResult(r)));
  const lines = [`${rail.id} — ${rail.label} (${rail.tier})${rail.script ? `: bash ${rail.script}` : ''}`];
  lines.push(`  last result: ${words(rail)}`);
  const origin = originLine(rail.lastResult.origin);
  if (origin) lines.push(`  ${origin}`);
  appendAll(lines, ciLines(rail));
  if (rail.lastResult.phases.length > 0) lines.push(`  phases: ${rail.lastResult.phases.map((p) => `${p.name} ${p.outcome}`).join(', ')}`);
  const tree = (id: string, depth: number, seen: Set<string>): void => {
    for (const child of runsOf(id)) {
      const next = byId.get(child);
      if (!next || seen.has(child)) continue;
      lines.push(`${'  '.repeat(depth + 1)}runs ${child}: ${words(next)}`);
      tree(child, depth + 1, new Set([...seen, child]));
    }
  };
  tree(rail.id, 0, new Set([rail.id]));
  lines.push(rail.relations.runBy.length > 0 ? `  run by: ${rail.relations.runBy.join(', ')}` : '  run by: no other rail');
  if (map.results === 'on') {
    const results = new Map(map.rails.map((r) => [r.id, asResult(r)]));
    const origins = new Map(map.rails.flatMap((r) => (r.lastResult.origin ? [[r.id, asOrigin(r.lastResult.origin)] as const] : [])));
    const failedHere = rail.lastResult.state === 'failed' || rail.lastResult.failedUpstream.length > 0;
    if (failedHere) {
      const first = rerunFirstByProvenance(rail.id, runsOf, results, origins);
      const script = byId.get(first)?.script;
      lines.push(`  rerun first: ${first}${script ? ` (bash ${script})` : ''}${first === rail.id ? '' : `, then ${rail.id}`}`);
    }
  }
  return { ok: true, text: lines.join('\n'), lines };
}

function asResult(rail: MapRail): RailResult {
  const r = rail.lastResult;
  const state = r.state === 'off' ? 'not-run' : r.state;
  return {
    state,
    phases: r.phases,
    ...(r.phase ? { phase: r.phase } : {}),
    ...(r.ranAt ? { ranAt: r.ranAt } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  };
}

/** The JSON origin back as the reader's shape (only the times matter for the rerun order). */
function asOrigin(origin: NonNullable<MapRail['lastResult']['origin']>): ResultOrigin {
  if (origin.kind === 'local') return { kind: 'local', ranAt: origin.ranAt };
  if (origin.kind === 'this-build') return { kind: 'this-build', ranAt: origin.ranAt };
  if (origin.kind === 'ci') return { kind: 'ci', workflow: origin.workflow, runId: origin.runId, ref: origin.ref, sha: origin.sha, ...(origin.ranAt ? { ranAt: origin.ranAt } : {}), commit: { relation: origin.commit.relation } };
  return origin;
}
