/**
 * Pages of the built site that no other page links to: a reader can only reach them by typing
 * the URL. Each is a soft finding (`built-page-orphan`, counted as "orphan"): reported, failing
 * only a strict build. Exempt: the home page (where readers arrive), the 404 page, redirect
 * pages, and pages whose source says why they stand alone (`orphan: <reason>` in the
 * frontmatter; orphan-mark.ts is the schema that refuses the key without a reason).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../core/types.ts';
import type { PageLinks } from './read-page.ts';
import { ORPHAN_MARK } from './orphan-mark.ts';
import { sourcePageOf, type FindingContext } from './findings.ts';

/** Pages readers reach without a link (files under dist/): the home page, and the not-found page hosts serve for any missing URL. */
const ENTRY_PAGES = new Set(['index.html', '404.html', '404/index.html']);

export function orphanDiagnostics(pages: readonly PageLinks[], context: FindingContext): Diagnostic[] {
  const linked = new Set<string>();
  for (const { page, targets } of pages) for (const target of targets) if (target !== page.url) linked.add(target);
  const diagnostics: Diagnostic[] = [];
  for (const { page, redirect } of pages) {
    if (linked.has(page.url) || redirect || ENTRY_PAGES.has(page.file)) continue;
    const builtFile = path.join(context.distDir, ...page.file.split('/'));
    const source = sourcePageOf(builtFile, context);
    if (source !== undefined && orphanReason(path.join(context.siteRoot, source)) !== undefined) continue;
    diagnostics.push({
      code: 'built-page-orphan',
      severity: 'warning',
      position: { file: path.relative(context.siteRoot, builtFile).split(path.sep).join('/'), line: 1, column: 1 },
      subject: page.url,
      message: `No other built page links to ${page.url}, so readers cannot find it${source ? ` (built from ${source})` : ''}`,
      suggestion: `Link to it from another page or the sidebar, or give its source page \`${ORPHAN_MARK}: <why it stands alone>\` in its frontmatter`,
    });
  }
  return diagnostics;
}

/** The page's `orphan:` reason, when its frontmatter gives one. */
function orphanReason(sourceFile: string): string | undefined {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---\r?$/m.exec(readFileSync(sourceFile, 'utf8'));
  if (!frontmatter || frontmatter.index !== 0) return undefined;
  try {
    const data: unknown = parseYaml(frontmatter[1]!);
    const reason = (data as Record<string, unknown> | null)?.[ORPHAN_MARK];
    return typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : undefined;
  } catch {
    return undefined; // Astro has already refused a page whose frontmatter does not parse
  }
}
