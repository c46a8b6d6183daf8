/**
 * The built-site check the build runs after Astro writes dist/: every internal link, fragment
 * and asset must resolve. Findings are gate diagnostics, printed in the gate's line format and
 * written to reports/built-site.json.
 */
import path from 'node:path';
import { formatFindings } from '../gate/report/terminal.ts';
import { sortDiagnostics } from '../core/summary.ts';
import type { Diagnostic } from '../core/types.ts';
import { brokenLinkDiagnostic, type FindingContext } from './findings.ts';
import { writeBuiltSiteReport } from './report.ts';
import { scanLinks } from './scan-links.ts';

/** Where the build writes the check's JSON report, relative to the site root. */
export const BUILT_SITE_REPORT = 'reports/built-site.json';

export interface BuiltSiteOutcome {
  diagnostics: Diagnostic[];
  checked: number;
  external: number;
}

export async function checkBuiltSite(context: FindingContext, print: (line: string, isError: boolean) => void): Promise<BuiltSiteOutcome> {
  const scan = await scanLinks(context.distDir);
  const diagnostics = sortDiagnostics(scan.broken.map((broken) => brokenLinkDiagnostic(broken, context)));
  writeBuiltSiteReport(path.join(context.siteRoot, BUILT_SITE_REPORT), diagnostics, scan.checked, scan.external);
  for (const line of formatFindings(diagnostics)) print(line, true);
  const counts = `${scan.checked} links, fragments and assets checked; ${scan.external.length} external links counted, not fetched; npm run check:external fetches them`;
  if (diagnostics.length === 0) print(`built-site check: ok (${counts})`, false);
  else print(`built-site check: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'} (${counts})`, true);
  return { diagnostics, checked: scan.checked, external: scan.external.length };
}
