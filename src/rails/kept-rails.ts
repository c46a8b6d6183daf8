/**
 * The parsed rails model, kept between runs in the gate's cache folder: a check whose rails.yaml
 * did not change does not parse it again (the YAML parser and the schema cost about 50 ms of a
 * check of the real workspace, most of it code run once and never warm). One file per rails
 * path, holding the model of one text. Its key names the code (core/code-digest.ts), the three
 * paths and the text; the page files the YAML names must still exist, or not, as they did.
 * Only a valid model is kept: findings come with suggestions read from the folder as it is.
 *
 * Serialized with v8, not JSON: the model's maps and lists share objects. The file is read only
 * when it is a regular file of sane size, its model must be the one of this text (its digest),
 * and anything that does not fit is parsed afresh. Written atomically, only over a regular file;
 * a cache that cannot be written costs time, not correctness.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { readRegularFile, writeFileAtomically } from '../core/atomic-file.ts';
import type { LoadRailsOptions, LoadRailsResult } from './load.ts';

const FILE_VERSION = 1;
/** A model of an 8 MB YAML (the most the gate reads) stays well under this. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Each page file the YAML names, and whether it existed. */
export type PageAnswers = ReadonlyArray<readonly [string, boolean]>;

interface KeptFile {
  version: number;
  key: string;
  result: LoadRailsResult;
  pages: PageAnswers;
}

const digestOf = (text: string) => createHash('sha256').update(text).digest('hex');
const fileFor = (folder: string, options: LoadRailsOptions) => path.join(folder, `rails-${digestOf(options.yamlPath).slice(0, 16)}.v8`);
const keyOf = (code: string, options: LoadRailsOptions, text: string) => digestOf(`${code}\0${options.yamlPath}\0${options.siteRoot}\0${options.docsDir}\0${digestOf(text)}`);

/** True when each page file exists, or not, as it did. */
export const pagesHold = (pages: PageAnswers): boolean => pages.every(([file, existed]) => existsSync(file) === existed);

/** The model kept for this text, code and paths, while its page files hold; else undefined. */
export function keptRails(folder: string, code: string, options: LoadRailsOptions, text: string): { result: LoadRailsResult; pages: PageAnswers } | undefined {
  try {
    const bytes = readRegularFile(fileFor(folder, options), MAX_FILE_BYTES);
    if (bytes === undefined) return undefined;
    const kept = deserialize(bytes) as Partial<KeptFile> | null;
    if (kept?.version !== FILE_VERSION || kept.key !== keyOf(code, options, text) || !Array.isArray(kept.pages)) return undefined;
    const result = kept.result;
    // The model of exactly this text, in the shape the code reads.
    if (result?.ok !== true || result.model.digest !== digestOf(text) || !Array.isArray(result.model.rails) || !(result.model.railById instanceof Map)) return undefined;
    if (!pagesHold(kept.pages)) return undefined;
    return { result, pages: kept.pages };
  } catch {
    return undefined; // missing, unreadable or not a model: parse afresh
  }
}

/** Keeps a valid model for the next run. */
export function keepRails(folder: string, code: string, options: LoadRailsOptions, text: string, result: LoadRailsResult, pages: PageAnswers): void {
  if (!result.ok) return;
  try {
    mkdirSync(folder, { recursive: true });
    const kept: KeptFile = { version: FILE_VERSION, key: keyOf(code, options, text), result, pages };
    writeFileAtomically(fileFor(folder, options), serialize(kept));
  } catch {
    // a read-only folder or a refused target: the next run parses again
  }
}
