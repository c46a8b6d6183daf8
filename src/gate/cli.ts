/**
 * Runs the gate and reports it: the terminal lines, one summary line that names the repo
 * checked, and the JSON report. Shared by `npm run check` and the build.
 */
import { RepoLocateError } from './repo/locate.ts';
import { writeJsonReport, toJsonReport } from './report/json.ts';
import { countDiagnostics, sortDiagnostics } from './report/summary.ts';
import { formatTerminal, shouldUseColor } from './report/terminal.ts';
import { runGate, type GateOptions, type GateResult } from './run.ts';

export interface ReportOptions extends GateOptions {
  /** Where to write the JSON report. */
  jsonReport?: string;
  print: (line: string) => void;
}

export interface GateOutcome {
  errors: number;
  result?: GateResult;
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
  return { errors: countDiagnostics(diagnostics).errors, result };
}

