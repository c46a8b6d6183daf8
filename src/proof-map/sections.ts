/**
 * Builds the mdast of each generated section from the rails model. Text from the YAML only
 * ever lands in text/inlineCode nodes or URLs, so the HTML serializer escapes it.
 */
import type { Code, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Rail, RailsModel } from '../rails/model.ts';
import { formLine, primaryLine, stepBlock } from './commands.ts';
import { railAnchor, repoBlobUrl, type RenderContext } from './context.ts';
import { code, generated, joinPhrasing, link, list, listItem, paragraph, text } from './mdast.ts';
import { allFormsCitation, linkedCode, retainedEntryHoldsAnchor } from './rail-links.ts';
import { richText } from './rich-text.ts';
import { RETAINED_TIERS, TIER_TITLES } from './tiers.ts';

/** Inline code of a rail's first form, linked to the rail's anchor when it has one. */
export function railReference(model: RailsModel, rail: Rail): PhrasingContent {
  return linkedCode(model, rail, primaryLine(rail));
}

export function surfacesList(model: RailsModel): RootContent[] {
  const items = model.surfaces.map((surface) => {
    switch (surface.kind) {
      case 'page':
        return listItem(link(surface.page.href, text(surface.page.title)), text(' — '), ...richText(surface.role));
      case 'path':
        return listItem(link(repoBlobUrl(surface.path), code(surface.path)), text(' — '), ...richText(surface.role));
      case 'rail':
        // Every form, labelled: a rail's first form may be only its `--help` syntax check.
        return listItem(...allFormsCitation(model, surface.rail), text(' — '), ...richText(surface.rail.summary));
    }
  });
  return [list(items)];
}

export function retainedList(model: RailsModel): RootContent[] {
  const rails = model.rails.filter((rail) => RETAINED_TIERS.includes(rail.tier));
  const items = rails.map((rail) => {
    const commands = rail.forms[0]!.steps.map((step) => [linkedCode(model, rail, formLine({ steps: [step] }))]);
    const item = listItem(...joinPhrasing(commands, ' then '), text(' — '), ...richText(rail.summary));
    if (retainedEntryHoldsAnchor(rail)) item.data = { hProperties: { id: railAnchor(rail.id) } };
    return item;
  });
  return [list(items)];
}

/** One copyable bash block: a comment line each time the tier (or form) changes. */
export function commandsBlock(model: RailsModel): RootContent[] {
  const lines: string[] = [];
  let lastTier: string | undefined;
  for (const rail of model.rails) {
    if (rail.tier !== lastTier) {
      if (lines.length > 0) lines.push('');
      lines.push(`# ${TIER_TITLES[rail.tier]}`);
      lastTier = rail.tier;
    }
    for (const form of rail.forms) {
      if (form.label) lines.push(`# ${rail.label}: ${form.label}`);
      for (const step of form.steps) lines.push(stepBlock(step));
    }
  }
  const block: Code = { type: 'code', lang: 'bash', meta: 'title="Named proof commands"', value: lines.join('\n'), data: { ...generated } };
  return [block];
}

export function workflowList(model: RailsModel): RootContent[] {
  const items = model.operatorWorkflow.map((step) => listItem(code(step.run), text(' — '), ...richText(step.purpose)));
  return [list(items, true)];
}

/**
 * The failure inspection table of one page: one row per rail that lists the page, YAML order.
 * Two columns keep commands readable: what the surface is and proves, and how to rerun it.
 * On phones the stylesheet stacks each row as a card. Each rail's label is a small heading with
 * the rail's anchor, so search (Pagefind sub-results follow headings) lands on its row.
 */
export function failureMapTable(model: RailsModel, pageId: string, context: RenderContext): RootContent[] {
  const rails = model.rails.filter((rail) => rail.failureMaps.includes(pageId));
  const header = row([text('Surface')], [text('Rerun')]);
  const table: Table = {
    type: 'table',
    align: [null, null],
    children: [header, ...rails.map((rail) => failureRow(rail, context))],
    data: { hProperties: { className: ['proof-failure-map'] } },
  };
  return [table, ...provenanceNote(context)];
}

function failureRow(rail: Rail, context: RenderContext): TableRow {
  const surface: PhrasingContent[] = [railTitle(rail), ...richText(rail.summary), { type: 'break' }, text('rail '), railIdCode(rail)];
  if (context.provenance?.verifiedRails.includes(rail.id)) surface.push(text(' '), verifiedBadge());

  const commands = rail.forms.map((form) => {
    const line = [code(formLine(form))];
    return form.label ? [...line, text(` (${form.label})`)] : line;
  });
  const rerun: PhrasingContent[] = joinPhrasing(commands, ' or ');
  const details: PhrasingContent[][] = [];
  if (rail.results) details.push([text('results in '), code(rail.results)]);
  if (rail.script) {
    const name = rail.script.split('/').pop()!;
    details.push([text('script '), link(repoBlobUrl(rail.script, context.provenance?.sourceRef), code(name))]);
  }
  if (details.length > 0) rerun.push({ type: 'break' }, ...joinPhrasing(details, ' · '));

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

function provenanceNote(context: RenderContext): RootContent[] {
  const provenance = context.provenance;
  if (!provenance) return [];
  const at = provenance.commit ? [text(' at commit '), code(provenance.commit.slice(0, 12))] : [];
  return [
    paragraph(
      { type: 'emphasis', children: [text(`Checked by this build against the ${provenance.repoLabel}`), ...at, text('.')] },
    ),
  ];
}

function row(...cells: PhrasingContent[][]): TableRow {
  return { type: 'tableRow', children: cells.map((children): TableCell => ({ type: 'tableCell', children })) };
}
