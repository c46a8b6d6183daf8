/**
 * astro:build:start: content has synced (pages waited for the gate, or skipped rendering when
 * it failed). Stop on the gate's errors, and on directives that failed to render (Astro only
 * logs those).
 */
import type { HookParameters } from 'astro';
import { formatFindings } from '../../gate/report/terminal.ts';
import { renderProblems } from '../../proof-map/render-problems.ts';
import { markBuiltSiteNotRun } from '../build-reports.ts';
import type { RunState } from '../run-state.ts';
import { userError } from '../user-error.ts';

export async function buildStart(state: RunState, { logger }: HookParameters<'astro:build:start'>): Promise<void> {
  const gate = await state.buildGate;
  // The built-site report says why dist/ was not checked (no config: nothing was set up to report).
  const notChecked = (why: string) => state.config && markBuiltSiteNotRun(state.config.siteRoot, why);
  if (gate && gate.errors > 0) {
    notChecked('the docs-truth gate found errors (reports/docs-gate.json).');
    throw userError(
      `The docs-truth gate found ${gate.errors} error(s); see the lines above (file:line:col, what, fix).`,
      'Fix each page or rails.yaml entry named above, or run `npm run check` for the gate alone. The JSON report is in reports/docs-gate.json.',
    );
  }
  const problems = renderProblems();
  if (problems.length === 0) return;
  notChecked('a proof-map directive failed to render.');
  for (const line of formatFindings(problems)) logger.error(line);
  throw userError(
    `${problems.length} proof-map directive(s) failed to render; see the lines above (file:line:col, what, fix).`,
    'Fix each directive named above and build again.',
  );
}
