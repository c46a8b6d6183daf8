/** What one gate run hands to its reports (terminal, JSON, proof-map.json) and to the site. */
import type { Diagnostic, RepoView } from '../../core/types.ts';
import type { GateSummary } from '../../core/summary.ts';
import type { RailsModel } from '../../rails/model.ts';
import type { RelationsResult } from '../relations/check.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { CiWiring } from '../workflows/wiring.ts';

export interface GateResult {
  diagnostics: Diagnostic[];
  summary: GateSummary;
  repo: RepoView;
  /** Every repo of the workspace, the Mesh repo first, with its checkout when found. */
  workspace: Workspace;
  /** The rails model, when the YAML is valid. */
  model?: RailsModel;
  /** Rails whose every command resolved. */
  verifiedRails: string[];
  /** Relations declared in the YAML and read from the scripts, when the YAML is valid. */
  relations?: RelationsResult;
  /** Which workflows run each rail, when the YAML is valid. */
  ci?: CiWiring;
}
