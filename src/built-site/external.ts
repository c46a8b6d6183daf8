/**
 * Fetches the links that leave the built site (for `npm run check:external`, never the build).
 * The scan of dist/ finds them and the pages that hold them; linkinator fetches each once (with
 * its retries and its HEAD-then-GET), and follows nothing on the pages it fetched.
 */
import { LinkChecker, LinkState } from 'linkinator';
import type { Diagnostic } from '../core/types.ts';
import { brokenLinkDiagnostic, type FindingContext } from './findings.ts';
import { scanDist } from './scan-dist.ts';

export async function externalLinkDiagnostics(context: FindingContext): Promise<{ diagnostics: Diagnostic[]; external: number }> {
  const scan = await scanDist(context.distDir, context.base);
  if (scan.external.length === 0) return { diagnostics: [], external: 0 };
  const wanted = new Set(scan.external);
  const result = await new LinkChecker().check({
    path: scan.external,
    recurse: false,
    concurrency: 8,
    timeout: 20_000,
    // Each link is fetched as a start page; the links on the page it fetched are not ours to check.
    linksToSkip: async (link) => !wanted.has(link),
  });
  const diagnostics: Diagnostic[] = [];
  for (const link of result.links) {
    if (link.state !== LinkState.BROKEN || !wanted.has(link.url)) continue;
    const parentFile = scan.externalFrom.get(link.url)?.[0];
    if (parentFile === undefined) continue;
    const detail = link.failureDetails?.map((item) => (item instanceof Error ? item.message : '')).find((text) => text !== '');
    diagnostics.push(brokenLinkDiagnostic({ target: link.url, parentFile, status: link.status ?? 0, ...(detail ? { detail } : {}) }, context));
  }
  return { diagnostics, external: scan.external.length };
}
