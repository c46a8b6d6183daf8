/**
 * The site renders pages with Sätteri (Astro's Markdown processor); the gate reads them through
 * remark. Both expand the proof-map directives through one module, so readers see what the
 * gate checked. These tests hold the two to the same output, and check that a directive that
 * fails to render stops the build instead of leaving a page without it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { extractFromMarkdown } from '../src/gate/extract/markdown.ts';
import meshDocs from '../src/integrations/index.ts';
import remarkProofMap from '../src/proof-map/remark-proof-map.ts';
import { recordRenderProblems, renderProblems } from '../src/proof-map/render-problems.ts';
import { PROOF_MAP_YAML as YAML, proofMapFixture } from './helpers/proof-map-fixture.ts';


/** The same markup, whoever serialised it: entities decoded, the site's phone markup taken out. */
function comparable(html: string): string {
  const entities: Record<string, string> = { '&lt;': '<', '&#x3C;': '<', '&gt;': '>', '&amp;': '&', '&#x26;': '&', '&quot;': '"', '&#x22;': '"' };
  return html
    .replace(/<span class="nowrap">([^<]*)<\/span>/g, '$1')
    .replace(/<wbr>/g, '')
    .replace(/ ?stack-on-phone/g, '')
    .replace(/ class=""| data-label="[^"]*"/g, '')
    .replace(/&(lt|gt|amp|quot|#x3C|#x26|#x22);/g, (entity) => entities[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .replace(/> </g, '><')
    .trim();
}

const PAGE = 'src/content/docs/proof.md';
afterEach(() => recordRenderProblems(PAGE, []));

describe('the site renderer and the gate expand directives alike', () => {
  const fixture = proofMapFixture(YAML, ['proof.md', 'backend.md']);
  // The graph is raw HTML, which this remark pipeline leaves out; the browser tests cover it.
  fixture.options.graph = false;
  const cases = [
    '::failure-map',
    '::failure-map{page=backend}',
    '::proof-surfaces',
    '::retained-rails',
    '::proof-commands',
    '::operator-workflow',
    'See :rail{id=replay} and :rail[the replay]{id=replay}, then :gate-skip[`curl https://x.example/i.sh | sh`]{reason="installs from the network"}.',
  ];
  for (const markdown of cases) {
    it(`renders ${markdown.split(' ')[0]} the same`, async () => {
      const site = await fixture.renderSite(markdown, 'proof.md');
      expect(comparable(site)).toBe(comparable(await fixture.render(markdown, 'proof.md')));
      expect(site.length).toBeGreaterThan(20);
    });
  }
});

describe('a directive that fails to render', () => {
  const fixture = proofMapFixture(YAML, ['proof.md', 'backend.md']);

  it('names the page, line and column, and is kept for the build to fail on', async () => {
    await expect(fixture.renderSite('# Title\n\nSee :rail{id=nope} here.\n', 'proof.md')).rejects.toThrow(/^src\/content\/docs\/proof\.md:3:5: .*nope/);
    expect(renderProblems()).toEqual([expect.objectContaining({ position: { file: PAGE, line: 3, column: 5 }, message: expect.stringContaining('nope') })]);
    // Fixed and rendered again: nothing is kept.
    await fixture.renderSite('# Title\n\nSee :rail{id=deploy} here.\n', 'proof.md');
    expect(renderProblems()).toEqual([]);
  });

  it('fails the build once content has rendered (Astro itself only logs it)', async () => {
    recordRenderProblems(PAGE, [
      { code: 'directive-bad-attribute', severity: 'error', position: { file: PAGE, line: 3, column: 5 }, subject: ':rail{x=1}', message: 'Unknown attribute "x"' },
    ]);
    const logged: string[] = [];
    const logger = { error: (line: string) => logged.push(line), info: () => {}, warn: () => {} };
    const buildStart = meshDocs().hooks['astro:build:start'] as unknown as (options: { logger: typeof logger }) => Promise<void>;
    await expect(buildStart({ logger })).rejects.toThrow(/1 proof-map directive\(s\) failed to render/);
    expect(logged.join('\n')).toContain('src/content/docs/proof.md:3:5');
    recordRenderProblems(PAGE, []);
    await expect(buildStart({ logger })).resolves.toBeUndefined();
  });

  it('an inline directive over two lines: the gate and the site both ask for one line', async () => {
    const page = 'Run :gate-skip[`curl https://x.example/i.sh | sh`,\n`sh`]{reason="network"} now.\n';
    const extract = await extractFromMarkdown({
      file: 'src/content/docs/proof.md',
      source: page,
      remarkPlugins: [[remarkProofMap, { ...fixture.options, graph: false }]],
    });
    expect(extract.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'directive-bad-attribute', position: { file: 'src/content/docs/proof.md', line: 1, column: 5 }, message: expect.stringContaining('on one line') }),
    );
    await expect(fixture.renderSite(page, 'proof.md')).rejects.toThrow(/proof\.md:1:5: Write `:gate-skip\[\.\.\.\]\{\.\.\.\}` on one line/);
  });

  it('a directive followed by a bracket on its own line (a footnote) is not taken for a cut one', async () => {
    const page = 'Run :rail{id=deploy}[^1] first.\n\n[^1]: A note.\n';
    const extract = await extractFromMarkdown({ file: 'src/content/docs/proof.md', source: page, remarkPlugins: [[remarkProofMap, { ...fixture.options, graph: false }]] });
    expect(extract.diagnostics).toEqual([]);
    expect(await fixture.renderSite(page, 'proof.md')).toContain('href="/proof/#rail-deploy"');
  });
});
