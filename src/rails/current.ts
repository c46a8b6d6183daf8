/**
 * The rails model as it is on disk now. Remark plugins call this for every page, so the
 * YAML is re-read each time (a few KB) and re-parsed only when its text changed: an edit is
 * always seen, whatever Astro cached.
 */
import { createHash } from 'node:crypto';
import { parseRails, readRailsText, type LoadRailsOptions, type LoadRailsResult } from './load.ts';

let last: { key: string; result: LoadRailsResult } | undefined;

export function currentRails(options: LoadRailsOptions): LoadRailsResult {
  const read = readRailsText(options);
  if (!('text' in read)) return { ok: false, diagnostics: [read.diagnostic] };
  const text = read.text;
  const key = `${options.yamlPath}\0${options.docsDir}\0${createHash('sha256').update(text).digest('hex')}`;
  if (last?.key !== key) last = { key, result: parseRails(text, options) };
  return last.result;
}
