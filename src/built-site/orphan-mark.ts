/**
 * The frontmatter mark of a page that no other page links to on purpose: `orphan: <reason>`.
 * Starlight's docs schema is extended with it (content.config.ts), so a mark without a reason
 * stops the build at that page; the built-site check then lets the page be (orphans.ts).
 */
import { z } from 'astro/zod';

/** The frontmatter key. */
export const ORPHAN_MARK = 'orphan';

export const orphanFrontmatter = z.object({
  [ORPHAN_MARK]: z.string().trim().min(1, 'say why no other page links to this one: `orphan: <reason>`').optional(),
});
