/** The validated YAML as the model every consumer reads, each field with its position. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Document } from 'yaml';
import type { SourcePosition } from '../core/types.ts';
import { MAIN_REPO_ID, type DocsPage, type Rail, type RailForm, type RailRead, type RailStep, type RailsModel, type RepoDeclaration, type Surface } from './model.ts';
import type { RailsFileParsed } from './schema.ts';
import { keyPosition, textPosition } from './yaml-document.ts';

export function buildModel(
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
      runs: rail.runs.map((entry) => (typeof entry === 'string' ? entry : entry.rail)),
      unreadRuns: Object.fromEntries(rail.runs.flatMap((entry) => (typeof entry === 'string' ? [] : [[entry.rail, entry.unread]]))),
      runPositions: rail.runs.map((_, i) => positionOf([...railPath, 'runs', i])),
      runsPosition: keyPosition(doc, railPath, 'runs', at) ?? positionOf([...railPath, 'id']),
      reads,
      results: rail.results,
      ...(rail.logsOnly ? { logsOnly: rail.logsOnly } : {}),
      ...(rail.results ? { resultsPosition: positionOf([...railPath, 'results']) } : {}),
      failureMaps: rail.failureMaps,
      script: scriptOf(forms[0]?.steps[0]?.run),
      repo: rail.repo ?? MAIN_REPO_ID,
      ...(rail.ci
        ? {
            ci: {
              hosted: rail.ci.hosted,
              ...(rail.ci.on ? { on: typeof rail.ci.on === 'string' ? [rail.ci.on] : [...rail.ci.on] } : {}),
              ...(rail.ci.reason ? { reason: rail.ci.reason } : {}),
              position: keyPosition(doc, railPath, 'ci', at) ?? positionOf([...railPath, 'ci']),
            },
          }
        : {}),
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

