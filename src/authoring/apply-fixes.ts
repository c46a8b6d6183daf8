/**
 * `npm run check -- --fix`: the certain fixes the gate found (`Diagnostic.fix`), applied to
 * rails.yaml one at a time. Each is an exact splice (yaml-edit.ts) checked against the data it
 * must produce; one that cannot be made certain is left as a finding, with its reason.
 */
import type { Diagnostic, YamlFix } from '../core/types.ts';
import { addToRailList, removeFromRailList, replaceScalarAt, setRailScalar, type EditResult } from './yaml-edit.ts';

export interface FixOutcome {
  text: string;
  applied: Array<{ diagnostic: Diagnostic; fix: YamlFix }>;
  /** Fixes that were offered but could not be made certain, with why. */
  refused: Array<{ diagnostic: Diagnostic; reason: string }>;
}

/** What one fix does, in words (printed above the diff). */
export function describeFix(fix: YamlFix): string {
  switch (fix.kind) {
    case 'add-run':
      return `add ${fix.run} to runs of ${fix.rail}`;
    case 'remove-run':
      return `remove ${fix.run} from runs of ${fix.rail}`;
    case 'set-results':
      return `set results of ${fix.rail} to ${fix.folder}`;
    case 'replace-id':
      return `replace ${fix.from} with ${fix.to} at ${fix.path.join('.')}`;
  }
}

function applyOne(text: string, fix: YamlFix): EditResult {
  switch (fix.kind) {
    case 'add-run':
      return addToRailList(text, fix.rail, 'runs', fix.run);
    case 'remove-run':
      return removeFromRailList(text, fix.rail, 'runs', fix.run);
    case 'set-results':
      return setRailScalar(text, fix.rail, 'results', fix.folder);
    case 'replace-id':
      return replaceScalarAt(text, fix.path, fix.from, fix.to);
  }
}

/**
 * Applies every fix carried by a finding in `yamlFile` (site-relative, as findings name it).
 * The same fix offered twice (a finding repeated on two pages) is applied once.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): FixOutcome {
  const outcome: FixOutcome = { text, applied: [], refused: [] };
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fix;
    if (!fix) continue;
    const key = JSON.stringify(fix);
    if (seen.has(key)) continue;
    seen.add(key);
    const result = applyOne(outcome.text, fix);
    if (result.ok) {
      outcome.text = result.text;
      outcome.applied.push({ diagnostic, fix });
    } else {
      outcome.refused.push({ diagnostic, reason: result.reason });
    }
  }
  return outcome;
}
