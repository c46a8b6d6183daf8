/** The markup behind the phone layout: captioned table cells and inline code that wraps at spaces only. */
import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { stackedTables } from '../src/markdown/stacked-tables.ts';
import { unbrokenWords } from '../src/markdown/unbroken-words.ts';

/** Markdown through Sätteri (the site's renderer) with the same hast plugins the site uses. */
const run = async (markdown: string) => (await markdownToHtml(markdown, { hastPlugins: [stackedTables, unbrokenWords] })).html.trim();

describe('stacked tables', () => {
  it('captions every body cell with its column header, an empty header giving an empty caption', async () => {
    const html = await run('|  | SQLite *starter* |\n| - | - |\n| Scope | Local |\n');
    expect(html).toContain('<table class="stack-on-phone">');
    expect(html).toMatch(/<td data-label="">Scope<\/td>\s*<td data-label="SQLite starter">Local<\/td>/);
  });
});

describe('unbroken words in inline code', () => {
  it('makes each space-separated word a no-wrap span, so `--nocapture` never splits', async () => {
    expect(await run('`cargo test -- --nocapture`')).toBe(
      '<p><code><span class="nowrap">cargo</span> <span class="nowrap">test</span> <span class="nowrap">--</span> <span class="nowrap">--nocapture</span></code></p>',
    );
  });

  it('lets a word longer than a phone line break only after a slash or an equals sign', async () => {
    const html = await run('`scripts/fixtures/clustered/tiny-cluster/tests`');
    expect(html).toBe(
      '<p><code><span class="nowrap">scripts/</span><wbr><span class="nowrap">fixtures/</span><wbr><span class="nowrap">clustered/</span><wbr><span class="nowrap">tiny-cluster/</span><wbr><span class="nowrap">tests</span></code></p>',
    );
  });

  it('leaves code blocks to the highlighter', async () => {
    expect(await run('```\na b\n```')).toBe('<pre><code>a b\n</code></pre>');
  });
});
