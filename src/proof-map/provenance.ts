/** The provenance line under every generated section: which repo, which commit, when built. */
import type { PhrasingContent, RootContent } from 'mdast';
import type { RenderContext } from './context.ts';
import { code, link, paragraph, text } from './mdast.ts';

export function provenanceLine(context: RenderContext): RootContent[] {
  const provenance = context.provenance;
  if (!provenance) return [];
  const parts: PhrasingContent[] = [text(`Generated from rails.yaml; checked against the ${provenance.repoLabel}`)];
  if (provenance.sample) {
    parts.push(text(' (the sample bundled with this site, not a Mesh commit)'));
  } else if (provenance.commit) {
    const sha = code(provenance.commit.slice(0, 12));
    parts.push(text(' at commit '), provenance.commitUrl ? link(provenance.commitUrl, sha) : sha);
  }
  for (const other of provenance.otherRepos ?? []) {
    if (!other.found) parts.push(text(`; ${other.label} not found, so its items are unverified`));
    else if (provenance.sample || other.commit === undefined) parts.push(text(`, and the ${other.label}`));
    else parts.push(text(`, and the ${other.label} at commit `), code(other.commit.slice(0, 12)));
  }
  if (provenance.builtAt) parts.push(text(`, built ${provenance.builtAt}`));
  parts.push(text('.'));
  const line = paragraph(...parts);
  line.data = { hProperties: { className: ['proof-provenance'] } };
  return [line];
}
