/** The rail the freshness tests add to a site copy's rails.yaml, to see it reach the pages. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NEW_RAIL = `  - id: freshness-probe
    tier: retained
    label: Freshness probe rail
    summary: Added by the freshness test.
    steps:
      - bash scripts/verify-m052-s01.sh
    results: .tmp/m052-s01/verify/
    failureMaps: [distributed-proof, production-backend-proof]

operatorWorkflow:`;

/** Adds the `freshness-probe` rail (label "Freshness probe rail") before `operatorWorkflow:`. */
export function addRail(site: string): void {
  const file = path.join(site, 'src/data/rails.yaml');
  const yaml = readFileSync(file, 'utf8');
  if (!yaml.includes('\noperatorWorkflow:')) throw new Error('rails.yaml has no operatorWorkflow: to add the probe rail before');
  writeFileSync(file, yaml.replace('\noperatorWorkflow:', `\n${NEW_RAIL}`));
}
