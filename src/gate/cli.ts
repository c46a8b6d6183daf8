/**
 * Runs the gate and reports it: the terminal lines, one summary line that names the repo
 * checked, the JSON report and the proof map (`proof-map.json`). Shared by `npm run check`
 * and the build.
 */
import { readAllResults, resultsEnabled } from '../rails/results.ts';
import { buildProofMap } from '../proof-map/map-json.ts';
import type { ProofMap } from '../proof-map/map-schema.ts';
import { RepoLocateError } from './repo/locate.ts';
import { writeJsonReport, toJsonReport, writeJsonAtomically } from './report/json.ts';
import { countDiagnostics, sortDiagnostics } from './report/summary.ts';
import { formatTerminal, shouldUseColor } from './report/terminal.ts';
import { runGate, type GateOptions, type GateResult } from './run.ts';

export interface ReportOptions extends GateOptions {
  /** Where to write the JSON report. */
  jsonReport?: string;
  /** Where to write proof-map.json. */
  proofMapFile?: string;
  print: (line: string) => void;
}

export interface GateOutcome {
  errors: number;
  result?: GateResult;
  proofMap?: ProofMap;
}

export async function runGateAndReport(options: ReportOptions): Promise<GateOutcome> {
  let result: GateResult;
  try {
    result = await runGate(options);
  } catch (error) {
    if (error instanceof RepoLocateError) {
      options.print(`docs gate: ${error.message}`);
      return { errors: 1 };
    }
    throw error;
  }
  const diagnostics = sortDiagnostics(result.diagnostics);
  const text = formatTerminal(diagnostics, result.summary, { color: shouldUseColor() });
  for (const line of text.split('\n')) if (line.trim() !== '') options.print(line);
  if (options.jsonReport) writeJsonReport(options.jsonReport, toJsonReport(diagnostics, result.summary));
  const proofMap = liveProofMap(result, options.env ?? process.env);
  if (options.proofMapFile && proofMap) writeJsonAtomically(options.proofMapFile, proofMap);
  return { errors: countDiagnostics(diagnostics).errors, result, ...(proofMap ? { proofMap } : {}) };
}

/** The proof map of a gate run, with the last results read from disk now (unless switched off). */
export function liveProofMap(result: GateResult, env: Readonly<Record<string, string | undefined>>): ProofMap | undefined {
  if (!result.model) return undefined;
  const results = resultsEnabled(env) ? readAllResults((id) => result.workspace.byId(id).view?.root, result.model.rails) : 'off';
  return buildProofMap({ gate: result, results, builtAt: new Date() });
}
