/**
 * The latest gate result in dev, for the dev error page. Shared (core/shared-slot.ts), because the middleware that
 * reads it is loaded by Vite in a separate module graph from the integration that writes it.
 * Only a result that leaves pages unrenderable (the rails YAML is broken or missing, or the
 * gate itself crashed) blocks pages; other findings are reported in the terminal and pages
 * keep rendering so the author sees the text they are fixing.
 */
import { sharedSlot } from '../core/shared-slot.ts';
import type { GateOutcome } from '../gate/cli.ts';
import { formatTerminal } from '../gate/report/terminal.ts';

const blocker = sharedSlot<string>('dev-gate-blocker');

/** Records a dev gate run. */
export function publishDevGate(outcome: GateOutcome): void {
  blocker.set(blockingReport(outcome));
}

/** The report to show instead of a blank page, or undefined when pages can render. */
export function devGateBlocker(): string | undefined {
  return blocker.get();
}

function blockingReport(outcome: GateOutcome): string | undefined {
  const result = outcome.result;
  if (result === undefined) return outcome.stopped ?? (outcome.errors > 0 ? 'The docs-truth gate stopped; see the terminal.' : undefined);
  if (result.model !== undefined) return undefined;
  return formatTerminal(result.diagnostics, result.summary, { color: false }).trim();
}
