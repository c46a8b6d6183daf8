/**
 * Runs the gate and reports it: the terminal lines, one summary line that names the repo
 * checked, the JSON report and the proof map (`proof-map.json`). Shared by `npm run check` and
 * the build. Never throws: a bad repo root or a crash of the gate itself is one line, and the
 * JSON report says so.
 */
import { buildProofMap } from './report/proof-map-json.ts';
import type { ProofMap } from '../proof-map/map-schema.ts';
import { readLiveResults, withRails } from '../rails/live-results.ts';
import { resultsInputOf } from './live-results-input.ts';
import { RepoLocateError } from '../repo/locate-mesh-repo.ts';
import { reportToCi, type CiTarget } from './report/ci.ts';
import { escapeControl } from '../core/escape.ts';
import { writeJsonReport, toJsonReport, type JsonReport } from './report/json.ts';
import { prepareReportFolder, removeReportFile, statusReport, writeJsonAtomically, type JsonStatusReport } from './report/report-file.ts';
import { countDiagnostics, sortDiagnostics } from '../core/summary.ts';
import { formatTerminal, shouldUseColor } from './report/terminal.ts';
import { runGate } from './run.ts';
import type { MeshDocsConfig } from '../config/mesh-docs-config.ts';
import type { ResultsSource } from '../core/results-source.ts';
import { type GateResult } from './report/gate-result.ts';

export interface ReportOptions {
  /** What to check, where, and how strictly (the one parsed config). */
  config: MeshDocsConfig;
  /** Where to write the JSON report. */
  jsonReport?: string;
  /** Where to write proof-map.json. */
  proofMapFile?: string;
  /** Colour the terminal lines; default: only on a TTY without NO_COLOR. */
  color?: boolean;
  print: (line: string) => void;
  /** True in `npm run build`: the docs-build rail's result is this build. */
  thisBuild?: boolean;
  /** Writes a raw stdout line (GitHub annotations must start a line); default: stdout. */
  annotate?: (line: string) => void;
}

export interface GateOutcome {
  errors: number;
  result?: GateResult;
  /** Set when the run stopped before checking (no repo, a crash, an unwritable report). */
  stopped?: string;
  proofMap?: ProofMap;
}

export async function runGateAndReport(options: ReportOptions): Promise<GateOutcome> {
  try {
    return await reportedRun(options);
  } catch (error) {
    // A failure after the run itself (a reporter, the proof map): still one line, and the JSON
    // report is finished, never left at "running" or at a "passed" this run did not reach.
    const line = `gate-internal: the docs-truth gate crashed: ${reasonOf(error)}`;
    options.print(escapeControl(`docs gate: ${line}. fix: report this with the command you ran`));
    try {
      if (options.jsonReport) writeJsonReport(options.jsonReport, statusReport('crashed', line));
    } catch {
      // the line above already says the run crashed
    }
    return { errors: 1, stopped: line };
  }
}

async function reportedRun(options: ReportOptions): Promise<GateOutcome> {
  const say = (line: string) => options.print(escapeControl(line));
  let stopped: string | undefined;
  const save = (report: JsonReport | JsonStatusReport): boolean => {
    if (!options.jsonReport) return true;
    try {
      writeJsonReport(options.jsonReport, report);
      return true;
    } catch (error) {
      stopped = `${reasonOf(error)}. fix: point --json at a file in a folder you can write`;
      say(`docs gate: ${stopped}`);
      return false;
    }
  };
  const ci: CiTarget = {
    env: options.config.env,
    siteRoot: options.config.siteRoot,
    annotate: options.annotate ?? ((line) => process.stdout.write(`${line}\n`)),
    say,
  };
  // A CI that reads the report after a crash must not see the previous run's result.
  if (!save(statusReport('running', 'The docs-truth gate is running; it replaces this report when it ends.'))) return { errors: 1, stopped: stopped! };
  // Nor the previous run's proof map: it is written again only when this run ends.
  if (options.proofMapFile) removeReportFile(options.proofMapFile);

  let result: GateResult;
  try {
    result = await runGate(options.config);
  } catch (error) {
    if (error instanceof RepoLocateError) {
      say(`docs gate: ${error.message}`);
      save(statusReport('failed', error.message));
      reportToCi(ci, { stopped: error.message });
      return { errors: 1, stopped: error.message };
    }
    const line = `gate-internal: the docs-truth gate crashed: ${reasonOf(error)}`;
    say(`docs gate: ${line}. fix: report this with the command you ran; nothing was checked`);
    save(statusReport('crashed', line));
    reportToCi(ci, { stopped: line });
    return { errors: 1, stopped: line };
  }
  const diagnostics = sortDiagnostics(result.diagnostics);
  const text = formatTerminal(diagnostics, result.summary, { color: options.color ?? shouldUseColor() });
  for (const line of text.split('\n')) if (line.trim() !== '') options.print(line);
  reportToCi(ci, { diagnostics, summary: result.summary });
  const errors = countDiagnostics(diagnostics).errors;
  if (!save(toJsonReport(diagnostics, result.summary))) return { errors: Math.max(errors, 1), result, stopped: stopped! };
  const proofMap = liveProofMap(result, options.config.results, { thisBuild: options.thisBuild === true });
  if (options.proofMapFile && proofMap) {
    let problem = prepareReportFolder(options.proofMapFile);
    if (problem === undefined) {
      try {
        writeJsonAtomically(options.proofMapFile, proofMap);
      } catch (error) {
        problem = reasonOf(error);
      }
    }
    if (problem !== undefined) {
      say(`docs gate: cannot write proof-map.json: ${problem}. fix: point --json at a file in a folder you can write`);
      return { errors: Math.max(errors, 1), result, stopped: problem, proofMap };
    }
  }
  return { errors, result, ...(proofMap ? { proofMap } : {}) };
}

/** The proof map of a gate run, with the last results read from disk now (unless switched off). */
export function liveProofMap(result: GateResult, source: ResultsSource, options: { thisBuild?: boolean } = {}): ProofMap | undefined {
  if (!result.model) return undefined;
  const input = resultsInputOf(result, source, options);
  const live = input ? readLiveResults(withRails(input, result.model.rails)) : undefined;
  const resultsFrom = input?.source.kind === 'folder' ? 'folder' : 'checkout';
  return buildProofMap({ gate: result, results: live?.results ?? 'off', ...(live ? { origins: live.origins } : {}), resultsFrom, builtAt: new Date() });
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim();
}
