/**
 * Each rail is a search result of its own (Pagefind custom records merged into the site's
 * search). A record must hold only what its row shows: search may not know words a reader
 * cannot see. Browser tests check that searching lands on the row.
 */
import { describe, expect, it } from 'vitest';
import { currentRails } from '../src/rails/current.ts';
import { railSearchRecords } from '../src/proof-map/search-records.ts';
import { recordHtml } from '../src/built-site/rail-search-index.ts';
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
    expect(records.map((record) => [record.url, record.title, record.page])).toEqual([
      ['/distributed-proof/#rail-deploy', 'Staged deploy (deploy)', 'Distributed Proof'],
      ['/backend/#rail-fly', 'Fly check (fly)', 'Backend'],
      // A retained rail no map lists: its entry shows its command, not its label.
      ['/distributed-proof/#rail-cutover', 'bash scripts/verify-cutover.sh (cutover)', 'Distributed Proof'],
    ]);
  });

  it('is indexed as a tiny page: name and id weighted like a heading, the row below page prose, the title naming the page', () => {
    const html = recordHtml(records[0]!);
    expect(html).toContain('<meta data-pagefind-meta="title[content]" content="Staged deploy (deploy) · on Distributed Proof">');
    expect(html).toContain('<h1 data-pagefind-weight="10">Staged deploy deploy verify-deploy.sh</h1>');
    expect(html).toMatch(/<p data-pagefind-weight="0.5">Staged deploy Deploys in stages/);
    // Escaped for HTML: row text from the YAML is never markup.
    expect(recordHtml({ ...records[0]!, content: '<b>x</b> & "y"' })).toContain('<p data-pagefind-weight="0.5">&#60;b&#62;x&#60;/b&#62; &#38; &#34;y&#34;</p>');
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
    // Each form is a block of its own on the page; the record keeps them apart too.
    expect(fly!.content).toContain('bash scripts/verify-fly.sh --help FLY_APP=demo bash scripts/verify-fly.sh script verify-fly.sh');
  });
});
