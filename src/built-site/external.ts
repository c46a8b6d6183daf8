/** Fetches the links that leave the built site (for `npm run check:external`, never the build). */
import type { Diagnostic } from '../core/types.ts';
import { listBuiltPages } from './built-pages.ts';
import { brokenLinkDiagnostic, type FindingContext } from './findings.ts';
import { isExternal, scanLinks } from './scan-links.ts';

export async function externalLinkDiagnostics(context: FindingContext): Promise<{ diagnostics: Diagnostic[]; external: number }> {
  const scan = await scanLinks(context.distDir, await listBuiltPages(context.distDir), { fetchExternal: true });
  const diagnostics = scan.broken.filter((broken) => isExternal(broken.target)).map((broken) => brokenLinkDiagnostic(broken, context));
  return { diagnostics, external: scan.external.length };
}
