/**
 * Reads `rails.yaml` with positions, validates it with zod, checks cross references, and
 * returns the normalised model or diagnostics that name `file:line:col`. Astro's `file()`
 * loader only logs bad YAML, so this is the one place the data is parsed. Each step has its
 * own file: the document and its positions (yaml-document.ts), the schema (schema.ts, worded
 * by zod-issues.ts), cross references (references.ts), the model (build-model.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { decodePage } from '../core/page-encoding.ts';
import type { Diagnostic, SourcePosition } from '../core/types.ts';
import type { RailsModel } from './model.ts';
import { RailsFileSchema } from './schema.ts';
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
  | { ok: true; model: RailsModel; diagnostics: [] }
  | { ok: false; model?: undefined; diagnostics: Diagnostic[] }
) & {
  /** Page files whose existence the result depends on (absolute): a cache must re-check them. */
  pageFiles?: string[];
};

/** The YAML's text, or one finding that says why it cannot be read (missing, a folder, ...). */
export function readRailsText(options: LoadRailsOptions): { text: string } | { diagnostic: Diagnostic } {
  try {
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

import { checkReferences } from './references.ts';
import { buildModel } from './build-model.ts';
import { firstLine, nodePosition, toPlainData } from './yaml-document.ts';

/** Parses YAML text (already read) into the model; split out so tests can feed strings. */
export function parseRails(text: string, options: LoadRailsOptions): LoadRailsResult {
  const file = siteRelative(options);
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

  return { ok: true, model: buildModel(parsed.data, text, file, doc, positionOf, at), diagnostics: [], pageFiles };
}

