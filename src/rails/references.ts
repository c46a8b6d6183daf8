/**
 * Cross references inside rails.yaml: unique ids, `runs` and `failureMaps` that name existing
 * rails and pages, page files that exist in the docs folder, repos that are declared.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { confine, joinConfined } from '../core/confine.ts';
import type { Diagnostic, SourcePosition, YamlFix } from '../core/types.ts';
import { certainMatch, suggestName } from '../core/did-you-mean.ts';
import { MAIN_REPO_ID } from './model.ts';
import type { RailsFileParsed } from './schema.ts';

export function checkReferences(
  data: RailsFileParsed,
  positionOf: (keyPath: ReadonlyArray<PropertyKey>) => SourcePosition,
  docsDir: string,
  pageFiles: string[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const error = (code: Diagnostic['code'], keyPath: PropertyKey[], subject: string, message: string, suggestion: string, fix?: YamlFix) =>
    diagnostics.push({ code, severity: 'error', position: positionOf(keyPath), subject, message, suggestion, ...(fix ? { fix } : {}) });
  // An unknown id with one certain near match can be corrected by `npm run check -- --fix`.
  const idFix = (id: string, keyPath: PropertyKey[], known: readonly string[]): YamlFix | undefined => {
    const to = certainMatch(id, known);
    return to === undefined ? undefined : { kind: 'replace-id', path: keyPath as Array<string | number>, from: id, to };
  };

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
    error('yaml-unknown-rail', keyPath, id, `No rail has the id "${id}"`, suggestName(id, railIds) ?? "define the rail under `rails`", idFix(id, keyPath, railIds));
  };
  const unknownPage = (id: string, keyPath: PropertyKey[]) => {
    if (pageIdSet.has(id)) return;
    error('yaml-unknown-page', keyPath, id, `No page has the id "${id}"`, suggestName(id, pageIds) ?? "list the page under `pages`", idFix(id, keyPath, pageIds));
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
    rail.runs.forEach((entry, i) => unknownRail(typeof entry === 'string' ? entry : entry.rail, ['rails', railIndex, 'runs', i]));
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

