/**
 * Builds the mdast of each generated section from the rails model. Text from the YAML only
 * ever lands in text/inlineCode nodes or URLs, so the HTML serializer escapes it.
 */
import type { Code, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Rail, RailsModel } from '../rails/model.ts';
import { formLine, primaryLine, stepBlock } from './commands.ts';
import { itemBlobUrl, railAnchor, sourceRefOf, type RenderContext } from './context.ts';
import { code, generated, joinPhrasing, link, linkFrom, list, listItem, paragraph, text } from './mdast.ts';
import { allFormsCitation, linkedCode, retainedEntryHoldsAnchor } from './rail-links.ts';
import { richText } from './rich-text.ts';
import { RETAINED_TIERS, TIER_TITLES } from './tiers.ts';
import { graphFigure } from './graph/section.ts';
import { liveState, railsWithChains, type LiveState } from './live.ts';
import { provenanceLine } from './provenance.ts';
import { resultCell, resultDetails } from './result-cells.ts';
import { appendAll } from '../core/append.ts';
import { ciDetails, originDetails } from './ci-cells.ts';

/** Inline code of a rail's first form, linked to the rail's anchor when it has one. */
export function railReference(model: RailsModel, rail: Rail): PhrasingContent {
  return linkedCode(model, rail, primaryLine(rail));
}

export function surfacesList(model: RailsModel, context: RenderContext = {}): RootContent[] {
  const items = model.surfaces.map((surface) => {
    switch (surface.kind) {
      case 'page':
        return listItem(linkFrom(surface.position, surface.page.href, text(surface.page.title)), text(' — '), ...richText(surface.role));
      case 'path':
        return listItem(linkFrom(surface.position, itemBlobUrl(model, surface.repo, surface.path), code(surface.path)), text(`${inRepo(model, surface.repo)} — `), ...richText(surface.role));
      case 'rail':
        // Every form, labelled: a rail's first form may be only its `--help` syntax check.
        return listItem(...allFormsCitation(model, surface.rail), text(`${inRepo(model, surface.rail.repo)} — `), ...richText(surface.rail.summary));
    }
  });
  return [list(items), ...provenanceLine(context)];
}

/** ` (in hyperpush-mono)` for an item of another repo of the workspace; '' for the Mesh repo. */
function inRepo(model: RailsModel, repoId: string): string {
  const other = model.repoById.get(repoId);
  return other ? ` (in ${other.name})` : '';
}

export function retainedList(model: RailsModel, context: RenderContext = {}): RootContent[] {
  const rails = model.rails.filter((rail) => RETAINED_TIERS.includes(rail.tier));
  const items = rails.map((rail) => {
    const commands = rail.forms[0]!.steps.map((step) => [linkedCode(model, rail, formLine({ steps: [step] }))]);
    const item = listItem(...joinPhrasing(commands, ' then '), text(' — '), ...richText(rail.summary));
    if (retainedEntryHoldsAnchor(rail)) item.data = { hProperties: { id: railAnchor(rail.id) } };
    return item;
  });
  return [list(items), ...provenanceLine(context)];
}

/** One copyable bash block: a comment line each time the tier (or form) changes. */
export function commandsBlock(model: RailsModel, context: RenderContext = {}): RootContent[] {
  const lines: string[] = [];
  let lastTier: string | undefined;
  for (const rail of model.rails) {
    if (rail.tier !== lastTier) {
      if (lines.length > 0) lines.push('');
      lines.push(`# ${TIER_TITLES[rail.tier]}`);
      lastTier = rail.tier;
    }
    const other = model.repoById.get(rail.repo);
    if (other) lines.push(`# ${rail.label}: run from the root of ${other.name}`);
    for (const form of rail.forms) {
      if (form.label) lines.push(`# ${rail.label}: ${form.label}`);
      for (const step of form.steps) lines.push(stepBlock(step));
    }
  }
  const block: Code = { type: 'code', lang: 'bash', meta: 'title="Named proof commands"', value: lines.join('\n'), data: { ...generated } };
  return [block, ...provenanceLine(context)];
}

export function workflowList(model: RailsModel, context: RenderContext = {}): RootContent[] {
  const items = model.operatorWorkflow.map((step) => listItem(code(step.run), text(' — '), ...richText(step.purpose)));
  return [list(items, true), ...provenanceLine(context)];
}

/**
 * The failure inspection table of one page: one row per rail that lists the page, YAML order.
 * Two columns keep commands readable: what the surface is and proves, and how to rerun it.
 * On phones the stylesheet stacks each row as a card. Each rail's label is a small heading with
 * the rail's anchor: Pagefind's sub-results follow headings, and each rail's own search record
 * (search-records.ts) opens it.
 */
export function failureMapTable(model: RailsModel, pageId: string, context: RenderContext): RootContent[] {
  const rails = model.rails.filter((rail) => rail.failureMaps.includes(pageId));
  const shown = rails.map((rail) => rail.id);
  const draft = liveState(model, context, []);
  const graphRails = railsWithChains(model, shown, draft.runsOf);
  const live = liveState(model, context, graphRails);
  const header = row([text('Surface')], [text('Rerun')]);
  const table: Table = {
    type: 'table',
    align: [null, null],
    children: [header, ...rails.map((rail) => failureRow(model, rail, context, live))],
    data: { hProperties: { className: ['proof-failure-map'] } },
  };
  return [...graphFigure(model, graphRails, live, context, pageId), table, ...provenanceNote(model, context)];
}

function failureRow(model: RailsModel, rail: Rail, context: RenderContext, live: LiveState): TableRow {
  const surface: PhrasingContent[] = [railTitle(rail), ...richText(rail.summary), { type: 'break' }, text('rail '), railIdCode(rail)];
  if (context.provenance?.verifiedRails.includes(rail.id)) surface.push(text(' '), verifiedBadge());
  const result = live.results?.get(rail.id);
  if (result) surface.push(text(' '), resultCell(result));

  const commands = rail.forms.map((form) => {
    const line = [code(formLine(form))];
    return form.label ? [...line, text(` (${form.label})`)] : line;
  });
  const rerun: PhrasingContent[] = joinPhrasing(commands, ' or ');
  const details: PhrasingContent[][] = [];
  const other = model.repoById.get(rail.repo);
  if (other) details.push([text(`run from the root of ${other.name}`)]);
  if (rail.results) details.push([text('results in '), code(rail.results)]);
  if (rail.script) {
    const name = rail.script.split('/').pop()!;
    details.push([text('script '), linkFrom(rail.position, itemBlobUrl(model, rail.repo, rail.script, sourceRefOf(rail.repo, context)), code(name))]);
  }
  if (details.length > 0) rerun.push({ type: 'break' }, ...joinPhrasing(details, ' · '));
  if (result) appendAll(rerun, resultDetails(result, live.failedUpstream(rail.id)), originDetails(live.origins?.get(rail.id)));
  if (context.provenance?.ciRuns) appendAll(rerun, ciDetails(live.ciRuns(rail.id), rail.ci?.hosted === false ? rail.ci.reason : undefined));

  return row(surface, rerun);
}

/** The rail's id, shown to readers and weighted for search: a search for the id means this row. */
function railIdCode(rail: Rail): PhrasingContent {
  const id = code(rail.id);
  id.data = { ...id.data, hProperties: { dataPagefindWeight: '8' } };
  return id;
}

/** The rail's label as a small heading that carries its anchor (`#rail-<id>`). */
function railTitle(rail: Rail): PhrasingContent {
  return {
    type: 'strong',
    children: [text(rail.label)],
    data: { hName: 'h4', hProperties: { id: railAnchor(rail.id), className: ['proof-rail-title'] } },
  };
}

function verifiedBadge(): PhrasingContent {
  return {
    type: 'emphasis',
    children: [text('✓ checked')],
    data: { hProperties: { className: ['proof-verified'], title: 'Every command of this rail was found in the checked repo by the docs build.' } },
  };
}

/** Which repos the build checked, each at its commit; a repo it could not find is named too. */
function provenanceNote(model: RailsModel, context: RenderContext): RootContent[] {
  const provenance = context.provenance;
  if (!provenance) return [];
  const sha = provenance.commit ? code(provenance.commit.slice(0, 12)) : undefined;
  const at = sha && !provenance.sample ? [text(' at commit '), provenance.commitUrl ? link(provenance.commitUrl, sha) : sha] : [];
  const others = provenance.otherRepos ?? [];
  const otherAt = (commit: string | undefined): PhrasingContent[] => (commit ? [text(' at commit '), code(commit.slice(0, 12))] : []);
  const checked = others.filter((repo) => repo.found).flatMap((repo) => [text(`, and the ${repo.label}`), ...(provenance.sample ? [] : otherAt(repo.commit))]);
  const sentences: PhrasingContent[] = [text(`Checked by this build against the ${provenance.repoLabel}`), ...at, ...checked, text('.')];
  if (provenance.sample) sentences.push(text(" The bundled samples ship with this site: their commit is the site's own, not a Mesh commit."));
  for (const repo of others.filter((other) => !other.found)) {
    sentences.push(text(` No checkout of ${model.repoById.get(repo.id)?.name ?? repo.id} was found, so its rails, paths and links are unverified.`));
  }
  if (provenance.builtAt) sentences.push(text(` Built ${provenance.builtAt}.`));
  if (provenance.results === 'off') sentences.push(text(' Last results are not shown in this build (PROOF_RESULTS=off).'));
  else if (provenance.resultsInput?.source.kind === 'folder') sentences.push(text(' Last results are read from a results folder (PROOF_RESULTS, laid out like .tmp/, such as a CI artifact), not from the checkout, when the page is built.'));
  else if (provenance.results) sentences.push(text(' Last results are read from the results folders of that checkout when the page is built.'));
  return [paragraph({ type: 'emphasis', children: sentences, data: { hProperties: { className: ['proof-provenance'] } } })];
}

function row(...cells: PhrasingContent[][]): TableRow {
  return { type: 'tableRow', children: cells.map((children): TableCell => ({ type: 'tableCell', children })) };
}
