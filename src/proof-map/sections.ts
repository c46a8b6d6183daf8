/**
 * Builds the mdast of each generated section from the rails model. Text from the YAML only
 * ever lands in text/inlineCode nodes or URLs, so the HTML serializer escapes it.
 */
import type { Code, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Rail, RailsModel } from '../rails/model.ts';
import { formLine, primaryLine, stepBlock } from './commands.ts';
import { CANONICAL_PAGE_ID, railAnchor, repoBlobUrl, type RenderContext } from './context.ts';
import { code, generated, joinPhrasing, linkFrom, list, listItem, paragraph, strong, text } from './mdast.ts';
import { RETAINED_TIERS, TIER_TITLES } from './tiers.ts';

/** Inline code of a rail's first form, linked to its canonical failure-map row when it has one. */
export function railReference(model: RailsModel, rail: Rail): PhrasingContent {
  const command = code(primaryLine(rail));
  const canonical = model.pageById.get(CANONICAL_PAGE_ID);
  if (!canonical || !rail.failureMaps.includes(CANONICAL_PAGE_ID)) return command;
  return linkFrom(rail.position, `${canonical.href}#${railAnchor(rail.id)}`, command);
}

export function surfacesList(model: RailsModel): RootContent[] {
  const items = model.surfaces.map((surface) => {
    switch (surface.kind) {
      case 'page':
        return listItem(linkFrom(surface.position, surface.page.href, text(surface.page.title)), text(` — ${surface.role}`));
      case 'path':
        return listItem(linkFrom(surface.position, repoBlobUrl(surface.path), code(surface.path)), text(` — ${surface.role}`));
      case 'rail':
        return listItem(railReference(model, surface.rail), text(` — ${surface.rail.summary}`));
    }
  });
  return [list(items)];
}

export function retainedList(model: RailsModel): RootContent[] {
  const rails = model.rails.filter((rail) => RETAINED_TIERS.includes(rail.tier));
  const items = rails.map((rail) => {
    const commands = rail.forms[0]!.steps.map((step) => [code(formLine({ steps: [step] }))]);
    return listItem(...joinPhrasing(commands, ' then '), text(` — ${rail.summary}`));
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
  const items = model.operatorWorkflow.map((step) => listItem(code(step.run), text(` — ${step.purpose}`)));
  return [list(items, true)];
}

/**
 * The failure inspection table of one page: one row per rail that lists the page, YAML order.
 * Two columns keep commands readable: what the surface is and proves, and how to rerun it.
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
  const surface: PhrasingContent[] = [strong(text(rail.label))];
  if (context.provenance?.verifiedRails.includes(rail.id)) surface.push(text(' '), verifiedBadge());
  surface.push({ type: 'break' }, text(rail.summary));

  const commands = rail.forms.map((form) => {
    const line = [code(formLine(form))];
    return form.label ? [...line, text(` (${form.label})`)] : line;
  });
  const rerun: PhrasingContent[] = joinPhrasing(commands, ' or ');
  const details: PhrasingContent[][] = [];
  if (rail.results) details.push([text('results in '), code(rail.results)]);
  if (rail.script) details.push([linkFrom(rail.position, repoBlobUrl(rail.script, context.provenance?.sourceRef), text('script source'))]);
  if (details.length > 0) rerun.push({ type: 'break' }, ...joinPhrasing(details, ' · '));

  const tableRow = row(surface, rerun);
  tableRow.data = { hProperties: { id: railAnchor(rail.id) } };
  return tableRow;
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
