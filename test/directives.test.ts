import { describe, expect, it } from 'vitest';
import { extractFromMarkdown } from '../src/gate/extract/markdown.ts';
import remarkProofMap from '../src/proof-map/remark-proof-map.ts';
import { PROOF_MAP_YAML as YAML, proofMapFixture } from './helpers/proof-map-fixture.ts';


const fixture = () => proofMapFixture(YAML, ['proof.md', 'backend.md', 'other.md']);
const rowIds = (html: string) => [...html.matchAll(/<tr>\s*<td><h4 id="rail-([^"]+)"/g)].map((m) => m[1]);
/** The HTML of one failure-map row, found by the rail anchor its heading carries. */
const rowOf = (html: string, id: string) => html.match(new RegExp(`<tr>\\s*<td><h4 id="rail-${id}"[\\s\\S]*?</tr>`))?.[0] ?? '';

describe('proof-map directives', () => {
  it('::proof-surfaces lists pages, repo files and rails in YAML order, escaped', async () => {
    const html = await fixture().render('::proof-surfaces');
    expect(html).toContain('<a href="/backend/">Backend</a> — Backend hand-off.');
    expect(html).toContain(
      '<a href="https://github.com/hyperpush-org/mesh-lang/blob/main/examples/todo/README.md"><code>examples/todo/README.md</code></a> — The &#x3C;starter> &#x26; its README.',
    );
    // The rail links to its anchor: its row in the first failure map that lists it.
    expect(html).toContain('<li><a href="/proof/#rail-deploy"><code>bash scripts/verify-deploy.sh</code></a> — Deploys in stages.</li>');
    expect(html.indexOf('Backend hand-off')).toBeLessThan(html.indexOf('verify-deploy'));
  });

  it('::retained-rails lists retained, historical and fixture tiers, steps joined', async () => {
    const html = await fixture().render('::retained-rails');
    expect(html).toContain('<li><a href="/proof/#rail-cutover"><code>bash scripts/verify-cutover.sh</code></a> — Older cutover rail.</li>');
    expect(html).toContain(
      '<a href="/backend/#rail-fixture"><code>cargo run -q -p meshc -- build fixtures/a</code></a> then <a href="/backend/#rail-fixture"><code>cargo run -q -p meshc -- test fixtures/a/tests</code></a>',
    );
    expect(html).not.toContain('verify-deploy');
  });

  it('::proof-commands renders one block per tier and repo, and one per form of a rail with alternatives, titled with where to run it', async () => {
    const f = fixture();
    const html = await f.render('::proof-commands');
    const blocks = [...html.matchAll(/<code class="language-bash">([\s\S]*?)<\/code>/g)].map((m) => m[1]);
    expect(blocks).toEqual([
      'bash scripts/verify-deploy.sh\n',
      'bash scripts/verify-replay.sh\n',
      'bash scripts/verify-cutover.sh\n',
      'cargo run -q -p meshc -- build fixtures/a\ncargo run -q -p meshc -- test fixtures/a/tests\n',
      // Alternatives are never in one block: a copy would run both.
      'bash scripts/verify-fly.sh --help\n',
      'FLY_APP=demo \\\nFLY_URL=https://x.example \\\n  bash scripts/verify-fly.sh\n',
    ]);
    // No instruction lives in a comment (a copy button drops comments): the titles carry them.
    expect(blocks.join('')).not.toMatch(/^#/m);
    const { commandsBlock } = await import('../src/proof-map/sections.ts');
    const { currentRails } = await import('../src/rails/current.ts');
    const loaded = currentRails(f.options);
    if (!loaded.ok) throw new Error('fixture YAML is invalid');
    const titles = commandsBlock(loaded.model).flatMap((node) => (node.type === 'code' ? [node.meta] : []));
    expect(titles).toEqual([
      'title="Public starter chain (generated PostgreSQL starter): run from the root of mesh-lang"',
      'title="Maintainer rails behind Production Backend Proof: run from the root of mesh-lang"',
      'title="Retained rails: run from the root of mesh-lang"',
      'title="Retained fixture contracts: run from the root of mesh-lang"',
      'title="Fly check (help only): run from the root of mesh-lang"',
      'title="Fly check (live): run from the root of mesh-lang"',
    ]);
  });

  it('::failure-map shows the rows of the page it is on, in YAML order', async () => {
    const f = fixture();
    expect(rowIds(await f.render('::failure-map', 'proof.md'))).toEqual(['deploy', 'replay', 'cutover', 'fixture', 'fly']);
    // A rail the page's rails run has a row too (replay runs deploy): every graph box lands on a row.
    expect(rowIds(await f.render('::failure-map', 'backend.md'))).toEqual(['deploy', 'replay', 'fixture']);
    // The filter picks another page's subset.
    expect(rowIds(await f.render('::failure-map{page=backend}', 'proof.md'))).toEqual(['deploy', 'replay', 'fixture']);
  });

  it('::failure-map rows carry label, commands (forms as alternatives) and results', async () => {
    const html = await fixture().render('::failure-map', 'proof.md');
    const fly = rowOf(html, 'fly');
    expect(fly).toContain('<h4 id="rail-fly" class="proof-rail-title">Fly check</h4>');
    // Each form its own code block (a copy button each on the site), never joined into one line.
    expect(fly).toContain('<td><pre><code class="language-bash">bash scripts/verify-fly.sh --help\n</code></pre><pre><code class="language-bash">FLY_APP=demo FLY_URL=https://x.example bash scripts/verify-fly.sh\n</code></pre>');
    const deploy = rowOf(html, 'deploy');
    // Label (the anchor), summary, then the rail id and script name as visible, searchable text.
    expect(deploy).toContain('<h4 id="rail-deploy" class="proof-rail-title">Staged deploy</h4>Deploys in stages.<br>\nrail <code data-pagefind-weight="8">deploy</code>');
    expect(deploy).toContain('</code></pre>results in <code>.tmp/deploy/verify/</code> · script <a href="https://github.com/hyperpush-org/mesh-lang/blob/main/scripts/verify-deploy.sh"><code>verify-deploy.sh</code></a>');
  });

  it('::failure-map shows provenance: checked rails, the repo and commit, sources at that commit', async () => {
    const f = fixture();
    f.options.provenance = { repoLabel: 'Mesh checkout at MESH_REPO_ROOT', commit: 'abcdef0123456789', sourceRef: 'abcdef0123456789', verifiedRails: ['deploy'] };
    const html = await f.render('::failure-map', 'proof.md');
    const deploy = rowOf(html, 'deploy');
    expect(deploy).toContain('<em class="proof-commands proof-commands-verified" title="this build found every command of the rail in the checked repo">commands verified</em>');
    expect(deploy).toContain('href="https://github.com/hyperpush-org/mesh-lang/blob/abcdef0123456789/scripts/verify-deploy.sh"');
    expect(rowOf(html, 'replay')).toContain('Replays the backend.');
    expect(rowOf(html, 'replay')).toContain('>commands not verified</em>');
    expect(html).toContain('Checked by this build against the Mesh checkout at MESH_REPO_ROOT at commit <code>abcdef012345</code>.');
  });

  it('a rail and a path of another repo: named as such, linked into that repo at its checked commit, provenance names both repos', async () => {
    const repos = `repos:
  - id: product
    name: product-repo
    url: https://github.com/org/product
    blobBase: https://github.com/org/product/blob/trunk/
    checkout: { env: PRODUCT_ROOT, sibling: ../product, marker: [app/] }
`;
    const yaml = repos + YAML.replace('    steps: [bash scripts/verify-replay.sh]\n', '    repo: product\n    steps: [bash app/scripts/verify-replay.sh]\n').replace(
      '  - path: examples/todo/README.md\n',
      '  - path: examples/todo/README.md\n    repo: product\n',
    );
    const f = proofMapFixture(yaml, ['proof.md', 'backend.md']);
    f.options.provenance = {
      repoLabel: 'bundled sample repo',
      commit: 'abcdef0123456789',
      verifiedRails: [],
      otherRepos: [{ id: 'product', label: 'product-repo checkout beside the Mesh repo', found: true, commit: '9876543210fedcba', sourceRef: '9876543210fedcba' }],
    };
    const map = await f.render('::failure-map', 'proof.md');
    const replay = rowOf(map, 'replay');
    expect(replay).toContain('run from the root of product-repo · script <a href="https://github.com/org/product/blob/9876543210fedcba/app/scripts/verify-replay.sh"><code>verify-replay.sh</code></a>');
    expect(map).toContain(
      'Checked by this build against the bundled sample repo at commit <code>abcdef012345</code>, and the product-repo checkout beside the Mesh repo at commit <code>9876543210fe</code>.',
    );
    const surfaces = await f.render('::proof-surfaces', 'proof.md');
    expect(surfaces).toContain('<a href="https://github.com/org/product/blob/trunk/examples/todo/README.md"><code>examples/todo/README.md</code></a> (in product-repo) — ');

    f.options.provenance = { ...f.options.provenance, otherRepos: [{ id: 'product', label: 'product-repo checkout', found: false }] };
    expect(await f.render('::failure-map', 'proof.md')).toContain('No checkout of product-repo was found, so its rails, paths and links are unverified.');
  });

  it('::operator-workflow renders the steps in order as a numbered list', async () => {
    const html = await fixture().render('::operator-workflow');
    // Each command weighted for search: this is the section that explains it.
    expect(html).toMatch(/<ol>\s*<li><code data-pagefind-weight="5">meshc cluster status &#x3C;node> --json<\/code> — Membership first.<\/li>\s*<li><code data-pagefind-weight="5">meshc cluster diagnostics/);
  });

  it(':rail{id} cites a rail inside a sentence, linked to its canonical row only when it has one', async () => {
    const yaml = YAML.replace(/- \{ id: proof, title: Proof, file: proof.md \}/, '- { id: distributed-proof, title: Proof, file: proof.md }').replaceAll('[proof', '[distributed-proof').replaceAll('backend, proof]', 'backend, distributed-proof]');
    const f = proofMapFixture(yaml, ['proof.md', 'backend.md']);
    const html = await f.render('Run :rail{id=replay} first, then :rail{id=fly}.', 'backend.md');
    expect(html).toBe(
      '<p>Run <a href="/proof/#rail-replay"><code>bash scripts/verify-replay.sh</code></a> first, then <a href="/proof/#rail-fly"><code>bash scripts/verify-fly.sh --help</code></a>.</p>',
    );
  });

  it('a rail with several forms is listed among the surfaces with every form, labelled', async () => {
    const f = proofMapFixture(YAML.replace('  - rail: deploy\n', '  - rail: deploy\n  - rail: fly\n'), ['proof.md', 'backend.md']);
    const html = await f.render('::proof-surfaces');
    expect(html).toContain(
      '<li><a href="/proof/#rail-fly"><code>bash scripts/verify-fly.sh --help</code></a> (help only) or <a href="/proof/#rail-fly"><code>FLY_APP=demo FLY_URL=https://x.example bash scripts/verify-fly.sh</code></a> (live) — Read-only look.</li>',
    );
  });

  it('a retained rail that no failure map lists carries its anchor on its retained-list entry', async () => {
    const yaml = YAML.replace('- { id: proof, title: Proof, file: proof.md }', '- { id: distributed-proof, title: Proof, file: proof.md }')
      .replaceAll('[proof', '[distributed-proof')
      .replaceAll('backend, proof]', 'backend, distributed-proof]')
      .replace('    summary: Older cutover rail.\n    steps: [bash scripts/verify-cutover.sh]\n    failureMaps: [distributed-proof]\n', '    summary: Older cutover rail.\n    steps: [bash scripts/verify-cutover.sh]\n');
    const f = proofMapFixture(yaml, ['proof.md', 'backend.md']);
    const html = await f.render('::retained-rails\n\n::failure-map', 'proof.md');
    expect(html).toContain('<li id="rail-cutover"><a href="/proof/#rail-cutover"><code>bash scripts/verify-cutover.sh</code></a> — Older cutover rail.</li>');
    expect(html.match(/id="rail-cutover"/g)).toHaveLength(1);
    expect(html.match(/id="rail-fixture"/g)).toHaveLength(1); // its row holds the anchor, not the list
  });

  it('backticks in YAML text render as inline code, the rest as escaped text', async () => {
    const f = proofMapFixture(YAML.replace('summary: Deploys in stages.', 'summary: "Uses `HTTP.clustered(1, ...)` & <b>."').replace('purpose: Membership first.', 'purpose: Look at `cluster_role` first.'), ['proof.md', 'backend.md']);
    const html = await f.render('::proof-surfaces\n\n::operator-workflow\n\n::failure-map', 'proof.md');
    expect(html).toContain(' — Uses <code>HTTP.clustered(1, ...)</code> &#x26; &#x3C;b>.</li>');
    expect(html).toContain('</h4>Uses <code>HTTP.clustered(1, ...)</code> &#x26; &#x3C;b>.<br>');
    expect(html).toContain(' — Look at <code>cluster_role</code> first.</li>');
  });

  it(':gate-skip[...]{reason} renders its content unchanged and marks inline code as skipped', async () => {
    const html = await fixture().render('Install with :gate-skip[`curl -fsSL https://x.example/i.sh | sh`]{reason="installs from the network"} first.');
    expect(html).toBe('<p>Install with <code>curl -fsSL https://x.example/i.sh | sh</code> first.</p>');
  });

  it('leaves prose like host:port and Starlight asides alone', async () => {
    const html = await fixture().render('Connect to name@host:port now.\n\n:::note\nHi\n:::');
    expect(html).toContain('<p>Connect to name@host');
    expect(html).not.toContain('rail-');
  });

  it('a rail added to the YAML shows in every generated section', async () => {
    const f = fixture();
    const added = YAML.replace(
      'operatorWorkflow:',
      `  - id: added-rail
    tier: retained
    label: Added rail
    summary: Freshly added.
    steps: [bash scripts/verify-added.sh]
    failureMaps: [proof]
operatorWorkflow:`,
    );
    f.writeYaml(added);
    const page = await f.render('::retained-rails\n\n::proof-commands\n\n::failure-map', 'proof.md');
    expect(page.match(/bash scripts\/verify-added\.sh/g)).toHaveLength(3);
    expect(rowIds(page)).toContain('added-rail');
  });
});

describe('directive errors carry the page position', () => {
  const failure = async (markdown: string, page = 'proof.md') => {
    try {
      await fixture().render(markdown, page);
    } catch (error) {
      return error as { message: string; line?: number; column?: number; ruleId?: string; file?: string };
    }
    throw new Error('expected the render to fail');
  };

  it('an unknown block directive, with a did-you-mean', async () => {
    const error = await failure('# Title\n\n::failure-mpa');
    expect(error).toMatchObject({ line: 3, column: 1, ruleId: 'directive-unknown' });
    expect(error.message).toContain('did you mean failure-map?');
    expect(error.file).toMatch(/proof\.md$/);
  });

  it('an unknown inline directive with attributes', async () => {
    const error = await failure('Text :rial{id=deploy} here.');
    expect(error).toMatchObject({ line: 1, column: 6, ruleId: 'directive-unknown' });
    expect(error.message).toContain('did you mean rail?');
  });

  it('an unknown rail id', async () => {
    const error = await failure('\nSee :rail{id=deplyo}.');
    expect(error).toMatchObject({ line: 2, column: 5, ruleId: 'directive-bad-attribute' });
    expect(error.message).toContain('did you mean deploy?');
  });

  it('an unknown filter page and an unknown attribute', async () => {
    expect(await failure('::failure-map{page=nope}')).toMatchObject({ line: 1, ruleId: 'directive-bad-attribute' });
    expect((await failure('::failure-map{pgae=proof}')).message).toContain('Unknown attribute "pgae"');
  });

  it('a failure map on a page the YAML does not list', async () => {
    expect((await failure('::failure-map', 'other.md')).message).toContain('is not listed under `pages`');
  });

  it('a gate-skip without a reason', async () => {
    expect((await failure('Run :gate-skip[`curl x | sh`] now.')).message).toContain('needs a reason');
  });

  it('control characters from the page are shown escaped (Astro prints the message)', async () => {
    const error = await failure('See :rail{id="x\u001b[2J\u001b]0;t\u0007"}.');
    expect(error.message).toContain('x\\x1b[2J\\x1b]0;t\\x07');
    // eslint-disable-next-line no-control-regex
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('a block directive written inline', async () => {
    expect((await failure('See :proof-commands{} here.')).message).toContain('`::proof-commands`');
  });

  it('every bad directive of a page is reported, not only the first', async () => {
    const f = fixture();
    const markdown = ['::failure-mpa', '', 'See :rail{id=nope} and :rail{id=deplyo}.', '', '::failure-map{pgae=x}', '', '::proof-comands', '', '::failure-map'].join('\n');
    const page = await extractFromMarkdown({
      file: 'src/content/docs/proof.md',
      source: markdown,
      remarkPlugins: [[remarkProofMap, { ...f.options }]],
    });
    const found = page.diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.code}`);
    expect(found).toEqual([
      '1:1 directive-unknown',
      '3:5 directive-bad-attribute',
      '3:24 directive-bad-attribute',
      '5:1 directive-bad-attribute',
      '7:1 directive-unknown',
    ]);
    // The good directive after the bad ones still expanded.
    expect(page.anchors).toContain('rail-deploy');
  });
});

