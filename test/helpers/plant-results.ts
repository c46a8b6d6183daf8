/** Plants retained verifier results (`.tmp/<slug>/verify/...`) in a repo copy, as a run would leave them. */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PlantedResult {
  status?: string;
  phase?: string;
  phases?: string;
  bundle?: string;
  /** When it ran (sets the files' times). */
  at?: Date;
}

export function plantResults(repoRoot: string, folder: string, result: PlantedResult): void {
  const dir = path.join(repoRoot, folder);
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string | undefined> = {
    'status.txt': result.status,
    'current-phase.txt': result.phase,
    'phase-report.txt': result.phases,
    'latest-proof-bundle.txt': result.bundle,
  };
  for (const [name, text] of Object.entries(files)) {
    if (text === undefined) continue;
    writeFileSync(path.join(dir, name), text);
    if (result.at) utimesSync(path.join(dir, name), result.at, result.at);
  }
}
