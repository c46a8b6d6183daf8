/**
 * Reads `rails.yaml` with positions, validates it with zod, checks cross references, and
 * returns the normalised model or diagnostics that name `file:line:col`. Astro's `file()`
 * loader only logs bad YAML, so this is the one place the data is parsed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, Scalar, visit, type Document, type Node as YamlNode } from 'yaml';
import { decodePage } from '../core/page-encoding.ts';
import { confine, joinConfined } from '../core/confine.ts';
import type { Diagnostic, SourcePosition } from '../core/types.ts';
import { suggestName } from '../core/did-you-mean.ts';
import { MAIN_REPO_ID, type DocsPage, type Rail, type RailForm, type RailRead, type RailStep, type RailsModel, type RepoDeclaration, type Surface } from './model.ts';
import { RailsFileSchema, type RailsFileParsed } from './schema.ts';
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

/**
 * The document as plain data. Aliases are expanded with a cap (an "alias bomb" of a few nested
 * anchors would otherwise expand to millions of nodes): past it, one finding at the first alias.
 */
function toPlainData(doc: Document): { data: unknown } | { diagnostic: Omit<Diagnostic, 'position' | 'subject'> & { offset: number } } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) };
  } catch (error) {
    let offset = 0;
    visit(doc, { Alias: (_key, node) => ((offset = node.range?.[0] ?? 0), visit.BREAK) });
    return {
      diagnostic: {
        code: 'yaml-syntax',
        severity: 'error',
        offset,
        message: `The YAML expands its aliases (*name) too many times to read safely: ${firstLine(error instanceof Error ? error.message : String(error))}`,
        suggestion: 'write the values out instead of nesting aliases of aliases',
      },
    };
  }
}

/** How many alias expansions a document may need; rails.yaml uses none today. */
const MAX_ALIAS_EXPANSIONS = 100;

function checkReferences(
  data: RailsFileParsed,
  positionOf: (keyPath: ReadonlyArray<PropertyKey>) => SourcePosition,
  docsDir: string,
  pageFiles: string[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const error = (code: Diagnostic['code'], keyPath: PropertyKey[], subject: string, message: string, suggestion: string) =>
    diagnostics.push({ code, severity: 'error', position: positionOf(keyPath), subject, message, suggestion });

  const railIds = data.rails.map((rail) => rail.id);
  const pageIds = data.pages.map((page) => page.id);
  const repoIds = data.repos.map((repo) => repo.id);
  reportDuplicates([MAIN_REPO_ID, ...repoIds], (id, index) =>
    error('yaml-duplicate-id', ['repos', index - 1, 'id'], id, `The repo id "${id}" is used twice (${MAIN_REPO_ID} is the Mesh repo itself)`, 'declare each repo once, under an id of its own'),
  );
  const unknownRepo = (id: string | undefined, keyPath: PropertyKey[]) => {
    if (id === undefined || id === MAIN_REPO_ID || repoIds.includes(id)) return;
    error('yaml-unknown-repo', keyPath, id, `No repo has the id "${id}"`, suggestName(id, repoIds) ?? 'declare the repo under `repos` (id, name, url, blobBase, checkout)');
  };
  reportDuplicates(railIds, (id, index) =>
    error('yaml-duplicate-id', ['rails', index, 'id'], id, `The rail id "${id}" is used twice`, 'give this rail an id of its own'),
  );
  reportDuplicates(pageIds, (id, index) =>
    error('yaml-duplicate-id', ['pages', index, 'id'], id, `The page id "${id}" is used twice`, 'give this page an id of its own'),
  );

  // Sets, not arrays: every `runs` entry is looked up, so a list lookup would be quadratic.
  const railIdSet = new Set(railIds);
  const pageIdSet = new Set(pageIds);
  const unknownRail = (id: string, keyPath: PropertyKey[]) => {
    if (railIdSet.has(id)) return;
    error('yaml-unknown-rail', keyPath, id, `No rail has the id "${id}"`, suggestName(id, railIds) ?? "define the rail under `rails`");
  };
  const unknownPage = (id: string, keyPath: PropertyKey[]) => {
    if (pageIdSet.has(id)) return;
    error('yaml-unknown-page', keyPath, id, `No page has the id "${id}"`, suggestName(id, pageIds) ?? "list the page under `pages`");
  };

  data.pages.forEach((page, index) => {
    const confined = confine(page.file);
    const absolute = confined.ok && confined.relative !== '' ? joinConfined(docsDir, confined.relative) : undefined;
    if (absolute !== undefined) pageFiles.push(absolute);
    if (absolute === undefined || !existsSync(absolute)) {
      error(
        'yaml-unknown-page',
        ['pages', index, 'file'],
        page.file,
        `Page "${page.id}" points to ${page.file}, which is not in the docs folder`,
        'fix the file name, or add the page under src/content/docs',
      );
    }
  });
  data.rails.forEach((rail, railIndex) => {
    rail.runs.forEach((id, i) => unknownRail(id, ['rails', railIndex, 'runs', i]));
    rail.failureMaps.forEach((id, i) => unknownPage(id, ['rails', railIndex, 'failureMaps', i]));
    unknownRepo(rail.repo, ['rails', railIndex, 'repo']);
  });
  data.surfaces.forEach((surface, index) => {
    if ('rail' in surface) unknownRail(surface.rail, ['surfaces', index, 'rail']);
    if ('page' in surface) unknownPage(surface.page, ['surfaces', index, 'page']);
    if ('path' in surface) unknownRepo(surface.repo, ['surfaces', index, 'repo']);
  });
  return diagnostics;
}

function reportDuplicates(ids: string[], report: (id: string, index: number) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) report(id, index);
    seen.add(id);
  });
}

function buildModel(
  data: RailsFileParsed,
  text: string,
  file: string,
  doc: Document,
  positionOf: (keyPath: ReadonlyArray<PropertyKey>) => SourcePosition,
  at: (offset: number) => SourcePosition,
): RailsModel {
  const pages: DocsPage[] = data.pages.map((page) => ({ ...page, href: pageHref(page.file) }));
  const pageById = new Map(pages.map((page) => [page.id, page]));

  const rails: Rail[] = data.rails.map((rail, railIndex) => {
    const railPath = ['rails', railIndex];
    const forms: RailForm[] = rail.forms
      ? rail.forms.map((form, formIndex) => ({
          label: form.label,
          steps: form.steps.map((step, i) =>
            toStep(text, step, [...railPath, 'forms', formIndex, 'steps', i], doc, positionOf, at),
          ),
        }))
      : [{ steps: (rail.steps ?? []).map((step, i) => toStep(text, step, [...railPath, 'steps', i], doc, positionOf, at)) }];
    const reads: RailRead[] = rail.reads.map((read) =>
      typeof read === 'string' ? { name: read, optional: false } : { name: read.name, optional: read.optional, note: read.note },
    );
    return {
      id: rail.id,
      tier: rail.tier,
      label: rail.label,
      summary: rail.summary,
      forms,
      runs: rail.runs,
      runPositions: rail.runs.map((_, i) => positionOf([...railPath, 'runs', i])),
      runsPosition: keyPosition(doc, railPath, 'runs', at) ?? positionOf([...railPath, 'id']),
      reads,
      results: rail.results,
      ...(rail.results ? { resultsPosition: positionOf([...railPath, 'results']) } : {}),
      failureMaps: rail.failureMaps,
      script: scriptOf(forms[0]?.steps[0]?.run),
      repo: rail.repo ?? MAIN_REPO_ID,
      position: positionOf(railPath),
    };
  });
  const railById = new Map(rails.map((rail) => [rail.id, rail]));

  const surfaces: Surface[] = data.surfaces.map((surface, index) => {
    const position = positionOf(['surfaces', index]);
    if ('page' in surface) return { kind: 'page', page: pageById.get(surface.page)!, role: surface.role, position };
    if ('path' in surface) return { kind: 'path', path: surface.path, role: surface.role, repo: surface.repo ?? MAIN_REPO_ID, position };
    return { kind: 'rail', rail: railById.get(surface.rail)!, position };
  });

  const operatorWorkflow = data.operatorWorkflow.map((step, index) => ({
    ...step,
    position: textPosition(text, doc, ['operatorWorkflow', index, 'run'], positionOf, at),
  }));

  const repos: RepoDeclaration[] = data.repos.map((repo, index) => ({ ...repo, position: positionOf(['repos', index]) }));

  return {
    file,
    digest: createHash('sha256').update(text).digest('hex'),
    repos,
    repoById: new Map(repos.map((repo) => [repo.id, repo])),
    pages,
    surfaces,
    rails,
    operatorWorkflow,
    railById,
    pageById,
  };
}

function toStep(
  text: string,
  step: string | { run: string; env?: Record<string, string> },
  keyPath: PropertyKey[],
  doc: Document,
  positionOf: (keyPath: ReadonlyArray<PropertyKey>) => SourcePosition,
  at: (offset: number) => SourcePosition,
): RailStep {
  if (typeof step === 'string') return { run: step, env: [], position: textPosition(text, doc, keyPath, positionOf, at) };
  return {
    run: step.run,
    env: Object.entries(step.env ?? {}).map(([name, value]) => ({
      name,
      value,
      position: keyPosition(doc, [...keyPath, 'env'], name, at) ?? positionOf([...keyPath, 'env', name]),
    })),
    position: textPosition(text, doc, [...keyPath, 'run'], positionOf, at),
  };
}

/** `bash scripts/verify-x.sh ...` -> `scripts/verify-x.sh` (any repo-relative `.sh`), for the source link. */
function scriptOf(run: string | undefined): string | undefined {
  const match = run?.match(/^(?:bash|sh)\s+([A-Za-z0-9_][\w./-]*\.sh)(?=\s|$)/);
  return match?.[1];
}

/** `distributed-proof.md` -> `/distributed-proof/`; `index.mdx` -> `/`. */
export function pageHref(file: string): string {
  const slug = file.replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '');
  return slug ? `/${slug}/` : '/';
}

/** Position of a key (not its value) in the mapping at `mapPath`. */
function keyPosition(
  doc: Document,
  mapPath: ReadonlyArray<PropertyKey>,
  key: string,
  at: (offset: number) => SourcePosition,
): SourcePosition | undefined {
  const map = doc.getIn(mapPath as unknown[], true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
  return range ? at(range[0]) : undefined;
}

/** Position of a key path's node (the key's value), falling back to the nearest parent. */
function nodePosition(
  doc: Document,
  keyPath: ReadonlyArray<PropertyKey>,
  at: (offset: number) => SourcePosition,
): SourcePosition {
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = doc.getIn(keyPath.slice(0, depth) as unknown[], true) as YamlNode | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return at(node.range[0]);
  }
  return at(0);
}

/**
 * Where the text of a scalar starts: after the opening quote of a quoted scalar, on the
 * first content line of a block scalar. Shell word positions are computed from this.
 */
function textPosition(
  yamlText: string,
  doc: Document,
  keyPath: ReadonlyArray<PropertyKey>,
  positionOf: (keyPath: ReadonlyArray<PropertyKey>) => SourcePosition,
  at: (offset: number) => SourcePosition,
): SourcePosition {
  const node = doc.getIn(keyPath as unknown[], true);
  if (!isScalar(node) || !node.range) return positionOf(keyPath);
  const start = node.range[0];
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return at(start + 1);
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    // The header (`|`, `>-`) sits on the key's line; the text starts indented on the next one.
    const lineEnd = yamlText.indexOf('\n', start);
    if (lineEnd === -1) return at(start);
    let contentStart = lineEnd + 1;
    while (yamlText[contentStart] === ' ') contentStart++;
    return at(contentStart);
  }
  return at(start);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

