/**
 * The rails model as it is on disk now. Remark plugins call this for every page, so the
 * YAML is re-read each time (a few KB) and re-parsed only when its text changed, or when a page
 * file it names appeared or went away: an edit is always seen, whatever Astro cached.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseRails, readRailsText, type LoadRailsOptions, type LoadRailsResult } from './load.ts';

let last: { key: string; result: LoadRailsResult; pages: ReadonlyArray<readonly [string, boolean]> } | undefined;

export function currentRails(options: LoadRailsOptions): LoadRailsResult {
  const read = readRailsText(options);
  if (!('text' in read)) return { ok: false, diagnostics: [read.diagnostic] };
  const text = read.text;
  const key = `${options.yamlPath}\0${options.docsDir}\0${createHash('sha256').update(text).digest('hex')}`;
  const pagesAsBefore = last?.pages.every(([file, existed]) => existsSync(file) === existed) ?? false;
  if (last?.key !== key || !pagesAsBefore) {
    const result = parseRails(text, options);
    last = { key, result, pages: (result.pageFiles ?? []).map((file) => [file, existsSync(file)] as const) };
  }
  return last.result;
}
