/**
 * Builds the mdast of each generated section from the rails model. Text from the YAML only
 * ever lands in text/inlineCode nodes or URLs, so the HTML serializer escapes it.
 */
import type { Code, Heading, InlineCode, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Rail, RailsModel } from '../rails/model.ts';
import { formLine, primaryLine, stepBlock } from './commands.ts';
import { itemBlobUrl, railAnchor, sourceRefOf, type RenderContext } from './context.ts';
import { code, generated, joinPhrasing, link, linkFrom, list, listItem, paragraph, text } from './mdast.ts';
import { allFormsCitation, failureMapRails, linkedCode, retainedEntryHoldsAnchor } from './rail-links.ts';
import { richText } from './rich-text.ts';
import { RETAINED_TIERS, TIER_TITLES } from './tiers.ts';
import { graphFigure } from './graph/section.ts';
import { liveState, type LiveState } from './live.ts';
import { COMMANDS_MARKS, commandsMark } from './marks.ts';
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
    if (retainedEntryHoldsAnchor(model, rail)) item.data = { hProperties: { id: railAnchor(rail.id) } };
    return item;
  });
  return [list(items), ...provenanceLine(context)];
}

/**
 * The named commands, as copyable blocks: one per tier and repo, and one per form of a rail
 * with alternatives. Where to run a block is its title (the frame's caption), never a comment:
 * a copy button copies commands only, so nothing said in a comment would survive the paste,
 * and a paste never mixes two repos' commands or runs both of two alternatives.
 */
export function commandsBlock(model: RailsModel, context: RenderContext = {}): RootContent[] {
  const blocks: Array<{ title: string; lines: string[]; key: string }> = [];
  for (const rail of model.rails) {
    const place = `from the root of ${model.repoById.get(rail.repo)?.name ?? 'mesh-lang'}`;
    for (const form of rail.forms) {
      const alone = rail.forms.length > 1;
      const key = alone ? `${rail.id}\u0000${form.label ?? ''}` : `${rail.tier}\u0000${rail.repo}`;
      const title = alone ? `${rail.label} (${form.label ?? `form ${rail.forms.indexOf(form) + 1}`}): run ${place}` : `${TIER_TITLES[rail.tier]}: run ${place}`;
      const last = blocks[blocks.length - 1];
      const block = last?.key === key ? last : { title, lines: [], key };
      if (block !== last) blocks.push(block);
      for (const step of form.steps) block.lines.push(stepBlock(step));
    }
  }
  const nodes: RootContent[] = blocks.map((block): Code => ({
    type: 'code',
    lang: 'bash',
    meta: `title=${JSON.stringify(block.title)}`,
    value: block.lines.join('\n'),
    data: { ...generated },
  }));
  return [...nodes, ...provenanceLine(context)];
}

export function workflowList(model: RailsModel, context: RenderContext = {}): RootContent[] {
  // The section that explains each operator command: weighted so a search for the command
  // lists it before rail rows that only share a word with it.
  const items = model.operatorWorkflow.map((step) => listItem(searchWeighted(code(step.run), '5'), text(' — '), ...richText(step.purpose)));
  return [list(items, true), ...provenanceLine(context)];
}

/**
 * The failure inspection map of one page: the graph (its legend first), then one row per rail
 * the page lists and every rail those run, YAML order, under a heading of its own so the
 * rails' small headings stay in order. Two columns keep commands readable: what the surface is
 * and how its last run went, and how to rerun it. On phones the stylesheet stacks each row as
 * a card. Each rail's label is a small heading with the rail's anchor: Pagefind's sub-results
 * follow headings, and each rail's own search record (search-records.ts) opens it.
 */
export function failureMapTable(model: RailsModel, pageId: string, context: RenderContext): RootContent[] {
  const rails = failureMapRails(model, pageId);
  const live = liveState(model, context, rails.map((rail) => rail.id));
  const header = row([text('Surface and last run')], [text('Rerun')]);
  const table: Table = {
    type: 'table',
    align: [null, null],
    children: [header, ...rails.map((rail) => failureRow(model, rail, context, live))],
    data: { hProperties: { className: ['proof-failure-map'] } },
  };
  const graph = graphFigure(model, rails.map((rail) => rail.id), live, context, pageId);
  // The graph's heading stands even when the build draws none, so links to it always land.
  const noGraph = graph.length === 0 ? [paragraph(text('This build draws no graph of the rails (PROOF_GRAPH=off); the rows below list what each rail runs.'))] : [];
  return [heading3(GRAPH_HEADING), ...graph, ...noGraph, heading3(ROWS_HEADING), table, ...provenanceNote(model, context)];
}

/** The headings of a failure map's graph and rows, and their ids (as the site slugs them). */
export const GRAPH_HEADING = 'Rails graph';
export const GRAPH_ANCHOR = 'rails-graph';
export const ROWS_HEADING = 'Rail by rail';
export const ROWS_ANCHOR = 'rail-by-rail';

const heading3 = (title: string): Heading => ({ type: 'heading', depth: 3, children: [text(title)] });

function failureRow(model: RailsModel, rail: Rail, context: RenderContext, live: LiveState): TableRow {
  const surface: PhrasingContent[] = [railTitle(rail), ...richText(rail.summary), { type: 'break' }, text('rail '), railIdCode(rail)];
  const result = live.results?.get(rail.id);
  if (result) surface.push(text(' '), resultCell(result));

  // Each form is a code block of its own: Expressive Code gives it a copy button, and the
  // frame's title says what the form is, so alternatives are copied one at a time.
  const rerun: PhrasingContent[] = rail.forms.map(
    (form) => ({ type: 'code', lang: 'bash', meta: form.label ? `title=${JSON.stringify(form.label)} frame="code" wrap` : 'frame="none" wrap', value: formLine(form), data: { ...generated } }) as unknown as PhrasingContent,
  );
  const details: PhrasingContent[][] = [];
  const verified = context.provenance?.verifiedRails;
  if (verified) details.push([commandsBadge(verified.includes(rail.id))]);
  const other = model.repoById.get(rail.repo);
  if (other) details.push([text(`run from the root of ${other.name}`)]);
  if (rail.results) details.push([text('results in '), code(rail.results)]);
  if (rail.script) {
    const name = rail.script.split('/').pop()!;
    details.push([text('script '), linkFrom(rail.position, itemBlobUrl(model, rail.repo, rail.script, sourceRefOf(rail.repo, context)), code(name))]);
  }
  if (details.length > 0) appendAll(rerun, joinPhrasing(details, ' · '));
  if (result) appendAll(rerun, resultDetails(result, live.failedUpstream(rail.id), live.rerunFirst(rail.id)), originDetails(live.origins?.get(rail.id)));
  if (context.provenance?.ciRuns) appendAll(rerun, ciDetails(live.ciRuns(rail.id), rail.ci?.hosted === false ? rail.ci.reason : undefined));

  return row(surface, rerun);
}

/** The rail's id, shown to readers and weighted for search: a search for the id means this row. */
function railIdCode(rail: Rail): PhrasingContent {
  return searchWeighted(code(rail.id), '8');
}

function searchWeighted(node: InlineCode, weight: string): InlineCode {
  node.data = { ...node.data, hProperties: { dataPagefindWeight: weight } };
  return node;
}

/** The rail's label as a small heading that carries its anchor (`#rail-<id>`). */
function railTitle(rail: Rail): PhrasingContent {
  return {
    type: 'strong',
    children: [text(rail.label)],
    data: { hName: 'h4', hProperties: { id: railAnchor(rail.id), className: ['proof-rail-title'] } },
  };
}

/** Whether the build found the rail's commands: words only, beside the commands (marks.ts). */
function commandsBadge(verified: boolean): PhrasingContent {
  return {
    type: 'emphasis',
    children: [text(commandsMark(verified))],
    data: { hProperties: { className: ['proof-commands', verified ? 'proof-commands-verified' : 'proof-commands-unverified'], title: COMMANDS_MARKS[verified ? 'verified' : 'unverified'].meaning } },
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
