/**
 * Reads `rails.yaml` with positions, validates it with zod, checks cross references, and
 * returns the normalised model or diagnostics that name `file:line:col`. Astro's `file()`
 * loader only logs bad YAML, so this is the one place the data is parsed. Each step has its
 * own file: the document and its positions (yaml-document.ts), the schema (schema.ts, worded
 * by zod-issues.ts), cross references (references.ts), the model (build-model.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { decodePage } from '../core/page-encoding.ts';
import type { Diagnostic, SourcePosition } from '../core/types.ts';
import type { RailsModel } from './model.ts';
import { buildModel } from './build-model.ts';
import { checkReferences } from './references.ts';
import { PLACEHOLDER_MARK, RailsFileSchema, type RailsFileParsed } from './schema.ts';
import { firstLine, nodePosition, toPlainData } from './yaml-document.ts';
import { describeIssues } from './zod-issues.ts';

export interface LoadRailsOptions {
  /** Absolute path of the YAML file. */
  yamlPath: string;
  /** Absolute path of the site root; positions are reported relative to it. */
  siteRoot: string;
  /** Absolute path of the docs content folder, to check that `pages[].file` exists. */
  docsDir: string;
}

export type LoadRailsResult = (
  /** Valid: `diagnostics` holds only findings that leave the model whole (placeholders). */
  | { ok: true; model: RailsModel; diagnostics: Diagnostic[] }
  | { ok: false; model?: undefined; diagnostics: Diagnostic[] }
) & {
  /** Page files whose existence the result depends on (absolute): a cache must re-check them. */
  pageFiles?: string[];
};

/** The YAML's text, or one finding that says why it cannot be read (missing, a folder, ...). */
export function readRailsText(options: LoadRailsOptions): { text: string } | { diagnostic: Diagnostic } {
  try {
    // A file past the limit is not read at all (a 50 MB rails.yaml took gigabytes to parse).
    const { size } = statSync(options.yamlPath);
    if (size > MAX_RAILS_BYTES) return { diagnostic: tooLarge(siteRelative(options), size) };
    // Strictly UTF-8: a stray Latin-1 byte is reported at its place, not read as U+FFFD.
    const decoded = decodePage(readFileSync(options.yamlPath), siteRelative(options));
    const [bad] = decoded.diagnostics;
    if (bad) return { diagnostic: { ...bad, code: 'yaml-syntax', suggestion: 'save the rails YAML as UTF-8 (re-type the character)' } };
    return { text: decoded.text };
  } catch (error) {
    const file = siteRelative(options);
    const code = (error as NodeJS.ErrnoException).code;
    const [message, suggestion] =
      code === 'ENOENT'
        ? [`The rails YAML ${file} does not exist`, `restore it (git checkout -- ${file}) or point the gate at the YAML with --rails FILE`]
        : code === 'EISDIR'
          ? [`The rails YAML ${file} is a folder, not a file`, `put the YAML file at ${file}, or point the gate at it with --rails FILE`]
          : [`The rails YAML ${file} cannot be read (${code ?? 'unknown error'})`, 'make the file readable'];
    return { diagnostic: { code: 'yaml-unreadable', severity: 'error', position: { file, line: 1, column: 1 }, subject: file, message, suggestion } };
  }
}

function siteRelative(options: LoadRailsOptions): string {
  return path.relative(options.siteRoot, options.yamlPath).split(path.sep).join('/');
}

/**
 * The most rails.yaml may hold. The real file is about 30 KB and the benchmark's 5,000 rails
 * about 2 MB; past this, parsing alone would take most of a minute and gigabytes.
 */
export const MAX_RAILS_BYTES = 8 * 1024 * 1024;

function tooLarge(file: string, bytes: number): Diagnostic {
  return {
    code: 'yaml-unreadable',
    severity: 'error',
    position: { file, line: 1, column: 1 },
    subject: file,
    message: `The rails YAML is ${(bytes / 1024 / 1024).toFixed(1)} MB; the gate reads at most ${MAX_RAILS_BYTES / 1024 / 1024} MB`,
    suggestion: 'keep rails.yaml to the rails the docs show (a generated or pasted file does not belong there)',
  };
}
/** Parses YAML text (already read) into the model; split out so tests can feed strings. */
export function parseRails(text: string, options: LoadRailsOptions): LoadRailsResult {
  const file = siteRelative(options);
  // Characters, not bytes: at most 4 bytes each, so this never refuses what the file check allows.
  if (text.length > MAX_RAILS_BYTES) return { ok: false, diagnostics: [tooLarge(file, Buffer.byteLength(text))] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };

  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((error) => ({
        code: 'yaml-syntax',
        severity: 'error',
        position: at(error.pos[0]),
        subject: file,
        message: firstLine(error.message),
        suggestion: 'fix the YAML syntax at this spot (indentation, a missing colon, or an unclosed quote)',
      })),
    };
  }

  const positionOf = (keyPath: ReadonlyArray<PropertyKey>): SourcePosition => nodePosition(doc, keyPath, at);
  const plain = toPlainData(doc);
  if ('diagnostic' in plain) return { ok: false, diagnostics: [{ ...plain.diagnostic, position: at(plain.diagnostic.offset), subject: file }] };
  const parsed = RailsFileSchema.safeParse(plain.data);
  if (!parsed.success) {
    return {
      ok: false,
      diagnostics: describeIssues(parsed.error.issues, plain.data).map((issue) => ({
        code: 'yaml-schema',
        severity: 'error',
        position: positionOf(issue.path),
        subject: issue.pathLabel,
        message: issue.message,
        suggestion: issue.suggestion,
      })),
    };
  }

  const pageFiles: string[] = [];
  const crossRefErrors = checkReferences(parsed.data, positionOf, options.docsDir, pageFiles);
  if (crossRefErrors.length > 0) return { ok: false, diagnostics: crossRefErrors, pageFiles };

  return { ok: true, model: buildModel(parsed.data, text, file, doc, positionOf, at), diagnostics: placeholders(parsed.data, positionOf), pageFiles };
}

/** Labels and summaries still holding what `npm run rail -- new` wrote: errors, yet the model loads. */
function placeholders(data: RailsFileParsed, positionOf: (keyPath: ReadonlyArray<PropertyKey>) => SourcePosition): Diagnostic[] {
  return data.rails.flatMap((rail, index) =>
    (['label', 'summary'] as const)
      .filter((field) => rail[field].startsWith(PLACEHOLDER_MARK))
      .map((field) => ({
        code: 'yaml-placeholder' as const,
        severity: 'error' as const,
        position: positionOf(['rails', index, field]),
        subject: `${rail.id}.${field}`,
        message: `The ${field} of rail ${rail.id} is still the placeholder \`npm run rail -- new\` wrote`,
        suggestion: field === 'label' ? 'write a short name for the rail' : 'write one line on what the rail proves',
      })),
  );
}

