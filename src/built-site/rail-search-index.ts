/**
 * Writes the rails' search records (proof-map/search-records.ts) as a Pagefind index of their
 * own beside the site's; Starlight's search box merges it in (`pagefind.mergeIndex` in
 * astro.config.mjs), so each rail is a result of its own that opens its row.
 */
import * as pagefind from 'pagefind';
import type { RailSearchRecord } from '../proof-map/search-records.ts';

/** The site's pages are English (Starlight's root locale); Pagefind merges indexes per language. */
const LANGUAGE = 'en';

/**
 * Leaves Pagefind's service running on success: Starlight indexes the site next with the same
 * service and closes it; `closeSearchService` (after Starlight) makes sure it is closed.
 */
export async function writeRailSearchIndex(records: readonly RailSearchRecord[], outputPath: string): Promise<void> {
  const fail = (step: string, errors: string[]) => {
    if (errors.length > 0) throw new Error(`Pagefind could not ${step}: ${errors.join('; ')}`);
  };
  try {
    const { index, errors } = await pagefind.createIndex({});
    fail('start an index', errors);
    const added = await Promise.all(records.map((record) => index!.addHTMLFile({ url: record.url, content: recordHtml(record) })));
    fail('add the rails', added.flatMap((response) => response.errors));
    fail('write the index', (await index!.writeFiles({ outputPath })).errors);
  } catch (error) {
    await pagefind.close();
    throw error;
  }
}

/**
 * A record as a tiny page, so Pagefind weighs its parts: the rail's name and id like a page
 * heading (a search for either lists the rail first), the rest of the row below a page's own
 * prose (a search for a command or an env var lists the section that explains it before rows
 * that merely show it). The result's title names the page the row is on.
 */
export function recordHtml(record: RailSearchRecord): string {
  const title = `${record.title} · on ${record.page}`;
  return (
    // `title[content]`: the attribute form, as a title may hold commas (the `key:value` form splits there).
    `<html lang="${LANGUAGE}"><head><meta data-pagefind-meta="title[content]" content="${escapeHtml(title)}"></head><body>` +
    `<h1 data-pagefind-weight="${NAME_WEIGHT}">${escapeHtml(record.name)}</h1>` +
    `<p data-pagefind-weight="${ROW_WEIGHT}">${escapeHtml(record.content)}</p></body></html>`
  );
}

/** Below Pagefind's weight for page text (1): a row lists many words it does not explain. */
export const ROW_WEIGHT = 0.5;
/** Pagefind's top weight: a search for a rail's id or name lists the rail first. */
export const NAME_WEIGHT = 10;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Stops Pagefind's service if it still runs (a no-op once Starlight has closed it). */
export async function closeSearchService(): Promise<void> {
  await pagefind.close();
}
