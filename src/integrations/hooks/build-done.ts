/**
 * astro:build:done: the sources passed the gate. Write the machine-readable map beside the
 * pages (atomically), then start checking what readers get: every link, fragment and asset. The
 * scan runs while Starlight builds its search index (a separate process); built-site-verdict.ts
 * awaits it. Each rail also becomes a search result of its own, with the text its row shows.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HookParameters } from 'astro';
import { checkBuiltSite } from '../../built-site/check-built-site.ts';
import { writeRailSearchIndex } from '../../built-site/rail-search-index.ts';
import { RAIL_SEARCH_BUNDLE } from '../../core/site-paths.ts';
import { writeJsonAtomically } from '../../gate/report/report-file.ts';
import { railSearchRecords } from '../../proof-map/search-records.ts';
import { getProvenance } from '../render-inputs.ts';
import type { RunState } from '../run-state.ts';
import { userError } from '../user-error.ts';

export async function buildDone(state: RunState, { dir, logger }: HookParameters<'astro:build:done'>): Promise<void> {
  const config = state.config!;
  const distDir = fileURLToPath(dir).replace(/[\\/]$/, '');
  if (state.lastGate?.proofMap) {
    try {
      writeJsonAtomically(path.join(distDir, 'proof-map.json'), state.lastGate.proofMap);
    } catch (error) {
      throw userError(`proof-map.json was not written: ${(error as Error).message.split('\n')[0]}`, 'Remove what is at that path in dist/ and build again.');
    }
  }
  // The same strictness as the gate's: orphan pages fail a strict build.
  state.builtSite = checkBuiltSite({ siteRoot: config.siteRoot, distDir, docsDir: config.docsDir, ...(state.base ? { base: state.base } : {}) }, (line, level) => logger[level](line), config.strict);
  state.builtSite.catch(() => {}); // awaited (and reported) by builtSiteVerdict
  const model = state.lastGate?.result?.model;
  if (!model) return;
  const provenance = getProvenance();
  try {
    await writeRailSearchIndex(railSearchRecords(model, provenance ? { provenance } : {}), path.join(distDir, RAIL_SEARCH_BUNDLE));
  } catch (error) {
    throw userError(`The rails' search index was not written: ${(error as Error)?.message ?? String(error)}`, 'Build again; if it fails again, report it with the build output.');
  }
}
