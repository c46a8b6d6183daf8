/**
 * The built-site check the build runs after Astro writes dist/: every page is scanned, reachable
 * or not, and every internal link, fragment and asset must resolve; a page no other page links
 * to is a soft finding. Findings are gate diagnostics, printed in the gate's line format and
 * written to reports/built-site.json with the counts of what was checked.
 */
import path from 'node:path';
import { applyStrict, type Strictness } from '../core/aggregate.ts';
import { formatFindings } from '../gate/report/terminal.ts';
import { sortDiagnostics } from '../core/summary.ts';
import type { Diagnostic } from '../core/types.ts';
import { canonicalPath } from './built-pages.ts';
import { brokenLinkDiagnostic, type FindingContext } from './findings.ts';
import { orphanDiagnostics } from './orphans.ts';
import { writeBuiltSiteReport, type BuiltSiteCounts } from './report.ts';
import { scanDist, type LinkScan } from './scan-dist.ts';
import { BUILT_SITE_REPORT } from '../core/site-paths.ts';

export interface BuiltSiteOutcome {
  diagnostics: Diagnostic[];
  /** Findings that fail the build (soft ones too when the run is strict). */
  errors: number;
  counts: BuiltSiteCounts;
}

export type PrintLevel = 'error' | 'warn' | 'info';

export async function checkBuiltSite(
  context: FindingContext,
  print: (line: string, level: PrintLevel) => void,
  strict: Strictness = false,
): Promise<BuiltSiteOutcome> {
  const scan = await scanDist(context.distDir, context.base);
  const orphans = orphanDiagnostics(scan.pages, context);
  const found = [...scan.broken.map((broken) => brokenLinkDiagnostic(broken, context)), ...orphans];
  const diagnostics = sortDiagnostics(applyStrict(found, strict));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const counts = countChecked(scan, orphans.length);
  writeBuiltSiteReport(path.join(context.siteRoot, BUILT_SITE_REPORT), diagnostics, counts, scan.external);
  for (const line of formatFindings(diagnostics)) print(line, /^(\S+ )?warning /.test(line) ? 'warn' : 'error');
  const verdict = errors === 0 ? 'ok' : `${errors} error${errors === 1 ? '' : 's'}`;
  print(`built-site check: ${verdict} (${describeCounts(counts)})`, errors === 0 ? 'info' : 'error');
  return { diagnostics, errors, counts };
}

function countChecked(scan: LinkScan, orphans: number): BuiltSiteCounts {
  const links = scan.pages;
  const linked = new Set([...links.map(({ page }) => page.url), ...links.flatMap(({ targets }) => [...targets])]);
  return {
    pages: links.length,
    links: links.reduce((sum, page) => sum + page.targets.size, 0),
    fragments: links.reduce((sum, page) => sum + page.fragments.size, 0),
    assets: scan.checked.filter((url) => !linked.has(canonicalPath(url))).length,
    external: scan.external.length,
    orphans,
  };
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function describeCounts(counts: BuiltSiteCounts): string {
  return [
    `${plural(counts.pages, 'page')} scanned`,
    `${plural(counts.links, 'internal link')} and ${plural(counts.fragments, 'fragment')} checked (per page and target)`,
    `${plural(counts.assets, 'asset')} checked`,
    `${plural(counts.external, 'external link')} counted, not fetched (npm run check:external fetches them)`,
    `${plural(counts.orphans, 'orphan page')}`,
  ].join('; ');
}
