/**
 * The rails model as it is on disk now. Remark plugins call this for every page, so the
 * YAML is re-read each time (a few KB) and re-parsed only when its text changed, or when a page
 * file it names appeared or went away: an edit is always seen, whatever Astro cached. The gate
 * also keeps the model between runs (kept-rails.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { keepRails, keptRails, pagesHold, type PageAnswers } from './kept-rails.ts';
import { parseRails, readRailsText, type LoadRailsOptions, type LoadRailsResult } from './load.ts';

let last: { key: string; result: LoadRailsResult; pages: PageAnswers } | undefined;

/** Where a run keeps the parsed model between runs (kept-rails.ts), and the code it was made by. */
export interface KeptIn {
  folder: string;
  code: string;
}

export function currentRails(options: LoadRailsOptions, keptIn?: KeptIn): LoadRailsResult {
  const read = readRailsText(options);
  if (!('text' in read)) return { ok: false, diagnostics: [read.diagnostic] };
  const text = read.text;
  const key = `${options.yamlPath}\0${options.docsDir}\0${createHash('sha256').update(text).digest('hex')}`;
  if (last?.key === key && pagesHold(last.pages)) return last.result;
  const kept = keptIn && keptRails(keptIn.folder, keptIn.code, options, text);
  if (kept) {
    last = { key, ...kept };
    return kept.result;
  }
  const result = parseRails(text, options);
  const pages = (result.pageFiles ?? []).map((file) => [file, existsSync(file)] as const);
  last = { key, result, pages };
  if (keptIn) keepRails(keptIn.folder, keptIn.code, options, text, result, pages);
  return result;
}
