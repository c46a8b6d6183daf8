/**
 * Each rail is a search result of its own (Pagefind custom records merged into the site's
 * search). A record must hold only what its row shows: search may not know words a reader
 * cannot see. Browser tests check that searching lands on the row.
 */
import { describe, expect, it } from 'vitest';
import { currentRails } from '../src/rails/current.ts';
import { railSearchRecords } from '../src/proof-map/search-records.ts';
import { proofMapFixture } from './helpers/proof-map-fixture.ts';

const YAML = `pages:
  - { id: distributed-proof, title: Distributed Proof, file: distributed-proof.md }
  - { id: backend, title: Backend, file: backend.md }
rails:
  - id: deploy
    tier: public
    label: Staged deploy
    summary: Deploys in stages, with \`HTTP.clustered(...)\` on.
    steps: [bash scripts/verify-deploy.sh]
    results: .tmp/deploy/verify/
    failureMaps: [distributed-proof, backend]
  - id: fly
    tier: reference
    label: Fly check
    summary: Read-only look.
    forms:
      - label: help only
        steps: [bash scripts/verify-fly.sh --help]
      - label: live
        steps:
          - run: bash scripts/verify-fly.sh
            env: { FLY_APP: demo }
    failureMaps: [backend]
  - id: cutover
    tier: retained
    label: Cutover
    summary: Older cutover rail.
    steps: [bash scripts/verify-cutover.sh]
  - id: loose
    tier: maintainer
    label: Not on any map
    summary: No page lists it.
    steps: [bash scripts/verify-loose.sh]
`;

/** The visible text of the element that carries `id`, tags out, entities decoded, spaces gone. */
function visibleText(html: string, id: string, tag: 'tr' | 'li'): string {
  const at = html.indexOf(`id="${id}"`);
  const start = html.lastIndexOf(`<${tag}`, at);
  const end = html.indexOf(`</${tag}>`, at);
  if (at < 0 || start < 0 || end < 0) return '';
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, '')
    .replace(/&#x3C;|&lt;/g, '<')
    .replace(/&#x26;|&amp;/g, '&')
    .replace(/\s+/g, '');
}

describe('rail search records', () => {
  const fixture = proofMapFixture(YAML, ['distributed-proof.md', 'backend.md']);
  fixture.options.graph = false;
  const loaded = currentRails(fixture.options);
  if (!loaded.ok) throw new Error('fixture YAML is invalid');
  const records = railSearchRecords(loaded.model, {});

  it('gives every rail with an anchor one record at that anchor, titled as its row is', () => {
    expect(records.map((record) => [record.url, record.title])).toEqual([
      ['/distributed-proof/#rail-deploy', 'Staged deploy'],
      ['/backend/#rail-fly', 'Fly check'],
      // A retained rail no map lists: its entry shows its command, not its label.
      ['/distributed-proof/#rail-cutover', 'bash scripts/verify-cutover.sh'],
    ]);
  });

  it('holds exactly the text its row shows on the page, nothing more', async () => {
    const proof = await fixture.renderSite('::failure-map\n\n::retained-rails\n', 'distributed-proof.md');
    const backend = await fixture.renderSite('::failure-map\n', 'backend.md');
    const [deploy, fly, cutover] = records;
    expect(deploy!.content.replace(/\s+/g, '')).toBe(visibleText(proof, 'rail-deploy', 'tr'));
    expect(fly!.content.replace(/\s+/g, '')).toBe(visibleText(backend, 'rail-fly', 'tr'));
    expect(cutover!.content.replace(/\s+/g, '')).toBe(visibleText(proof, 'rail-cutover', 'li'));
    // Words stay apart where the page shows them apart: label, summary, commands.
    expect(deploy!.content).toMatch(/^Staged deploy Deploys in stages, with HTTP\.clustered\(\.\.\.\) on\. rail deploy bash scripts\/verify-deploy\.sh/);
    expect(fly!.content).toContain('bash scripts/verify-fly.sh --help (help only) or FLY_APP=demo bash scripts/verify-fly.sh (live)');
  });
});
