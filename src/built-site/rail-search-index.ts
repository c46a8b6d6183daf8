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
    const added = await Promise.all(
      records.map((record) => index!.addCustomRecord({ url: record.url, content: record.content, language: LANGUAGE, meta: { title: record.title } })),
    );
    fail('add the rails', added.flatMap((response) => response.errors));
    fail('write the index', (await index!.writeFiles({ outputPath })).errors);
  } catch (error) {
    await pagefind.close();
    throw error;
  }
}

/** Stops Pagefind's service if it still runs (a no-op once Starlight has closed it). */
export async function closeSearchService(): Promise<void> {
  await pagefind.close();
}
