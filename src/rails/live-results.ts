/**
 * The last results a run shows, with their origins: read from each repo's checkout (`.tmp/`),
 * from a results folder laid out like `.tmp/` (`PROOF_RESULTS=<folder>`, a CI artifact), or not
 * at all (`PROOF_RESULTS=off`). During a build, the docs-build rail's result is the build itself.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { markStale, resultOrigin, type RailInputs, type ResultOrigin } from './result-origin.ts';
import { readRailResult, readRailResultIn, type RailResult } from './results.ts';
import type { ResultsSource } from '../core/results-source.ts';

export type { ResultsSource };

export interface LiveRail {
  id: string;
  repo: string;
  results?: string | undefined;
}

export interface LiveResultsInput {
  source: ResultsSource;
  rails: readonly LiveRail[];
  /** Each found checkout's root, its checked commit and its GitHub address, by repo id. */
  repoRoots: Readonly<Record<string, string>>;
  commits: Readonly<Record<string, string | undefined>>;
  repoUrls: Readonly<Record<string, string>>;
  /** Inputs of each rail's result (for "stale"). */
  inputs: Readonly<Record<string, RailInputs>>;
  /** During a build: the docs-build rail, whose result is this build. */
  thisBuild?: { railId: string; commit?: string; at: Date };
}

export interface LiveResults {
  results: Map<string, RailResult>;
  origins: Map<string, ResultOrigin>;
}

const TMP = '.tmp/';

export function readLiveResults(input: LiveResultsInput): LiveResults | undefined {
  const { source } = input;
  if (source.kind === 'off') return undefined;
  const folderOk = source.kind === 'folder' && isFolder(source.root);
  const results = new Map<string, RailResult>();
  const origins = new Map<string, ResultOrigin>();
  for (const rail of input.rails) {
    if (input.thisBuild?.railId === rail.id) {
      const at = input.thisBuild.at.toISOString();
      results.set(rail.id, { state: 'ok', phases: [], ranAt: at.slice(0, 10) });
      origins.set(rail.id, { kind: 'this-build', ...(input.thisBuild.commit ? { commit: input.thisBuild.commit } : {}), ranAt: at });
      continue;
    }
    const where = resultsPlace(source, folderOk, rail, input.repoRoots[rail.repo]);
    const result = 'reason' in where ? { state: 'not-run' as const, phases: [], reason: where.reason } : readRailResult(where.root, where.folder);
    results.set(rail.id, result);
    const origin =
      'reason' in where
        ? undefined
        : resultOrigin({
            resultsRoot: where.root,
            folder: where.folder,
            result,
            repoRoot: input.repoRoots[rail.repo],
            checkedCommit: input.commits[rail.repo],
            repoUrl: input.repoUrls[rail.repo],
          });
    if (origin) origins.set(rail.id, origin);
  }
  markStale(origins, (id) => input.inputs[id] ?? [], (repo) => input.repoRoots[repo]);
  return { results, origins };
}

/** Where a rail's results folder is read: under its checkout, or (folder mode) under the folder without `.tmp/`. */
function resultsPlace(source: ResultsSource, folderOk: boolean, rail: LiveRail, repoRoot: string | undefined): { root: string; folder: string } | { reason: string } {
  if (rail.results === undefined) return { reason: 'this rail keeps no results folder' };
  if (source.kind !== 'folder') {
    if (repoRoot === undefined) return { reason: readRailResultIn(undefined, rail.results).reason ?? 'its repo was not found' };
    return { root: repoRoot, folder: rail.results };
  }
  if (!folderOk) return { reason: 'the results folder PROOF_RESULTS names is not a folder' };
  const clean = rail.results.replace(/^\.\//, '');
  if (!clean.startsWith(TMP)) return { reason: `${rail.results} is not under .tmp/, so a results folder does not hold it` };
  return { root: source.root, folder: clean.slice(TMP.length) };
}

function isFolder(root: string): boolean {
  try {
    return statSync(root).isDirectory();
  } catch {
    return false;
  }
}

/** The rail whose result a build is: the one that builds this site (`npm --prefix website run build`). */
export function buildRailId(rails: ReadonlyArray<{ id: string; forms: ReadonlyArray<{ steps: ReadonlyArray<{ run: string }> }> }>): string | undefined {
  return rails.find((rail) => rail.forms.some((form) => form.steps.some((step) => /^npm (?:--prefix website )?run build$/.test(step.run.trim()))))?.id;
}

/** Serialisable (pages get it through the provenance): the build's time as an ISO string. */
export type ResultsInput = Omit<LiveResultsInput, 'rails' | 'thisBuild'> & { thisBuild?: { railId: string; commit?: string; at: string } };

/** The input with its rails, ready for `readLiveResults`. */
export function withRails(input: ResultsInput, rails: LiveResultsInput['rails']): LiveResultsInput {
  const { thisBuild, ...rest } = input;
  return { ...rest, rails, ...(thisBuild ? { thisBuild: { railId: thisBuild.railId, ...(thisBuild.commit ? { commit: thisBuild.commit } : {}), at: new Date(thisBuild.at) } } : {}) };
}
