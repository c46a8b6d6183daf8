import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Code, Heading, InlineCode, Link, Paragraph, Root } from 'mdast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { extractFromMarkdown } from '../src/gate/extract/markdown.ts';
import { INLINE_COMMAND_HEADS, readsAsCommand } from '../src/gate/extract/inline-command.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures/extract');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

const place = (x: { position: { line: number; column: number } } | undefined) => x && [x.position.line, x.position.column];

function extract(source: string, file = 'src/content/docs/page.md', remarkPlugins: Parameters<typeof extractFromMarkdown>[0]['remarkPlugins'] = []) {
  return extractFromMarkdown({ file, source, remarkPlugins });
}

describe('a page with frontmatter', () => {
  it('finds fence and inline commands at exact page positions', async () => {
    const result = await extract(fixture('frontmatter-page.md'), 'src/content/docs/proof.md');
    expect(result.diagnostics).toEqual([]);
    expect(result.commands.map((c) => [c.origin, c.text, ...place(c)!])).toEqual([
      ['inline-code', 'bash scripts/verify-m053-s01.sh', 8, 6],
      ['code-block', 'bash scripts/verify-m053-s02.sh', 11, 1],
      ['code-block', 'CLUSTER_PROOF_FLY_APP=mesh-proof bash scripts/verify-m043-s04-fly.sh --help', 12, 1],
      ['code-block', 'meshc cluster status <node-name@host:port> --json', 19, 4],
    ]);
    const [inline, first, fly, status] = result.commands;
    expect(inline!.words.map(place)).toEqual([
      [8, 6],
      [8, 11],
    ]);
    expect(first!.words.map(place)).toEqual([
      [11, 1],
      [11, 6],
    ]);
    expect(fly!.assigns.map((a) => [a.name, ...place(a)!])).toEqual([['CLUSTER_PROOF_FLY_APP', 12, 1]]);
    expect(fly!.words.map((w) => [w.value, ...place(w)!])).toEqual([
      ['bash', 13, 3],
      ['scripts/verify-m043-s04-fly.sh', 13, 8],
      ['--help', 13, 39],
    ]);
    // A fence indented inside a list item: columns include the indentation.
    expect(status!.words.map((w) => [w.value, w.placeholder, ...place(w)!])).toEqual([
      ['meshc', false, 19, 4],
      ['cluster', false, 19, 10],
      ['status', false, 19, 18],
      ['<node-name@host:port>', true, 19, 25],
      ['--json', false, 19, 47],
    ]);
    expect(result.commands.every((c) => c.words.every((w) => w.position.file === 'src/content/docs/proof.md'))).toBe(true);
  });

  it('collects links, definitions and heading slugs', async () => {
    const result = await extract(fixture('frontmatter-page.md'));
    expect(result.links.map((l) => [l.kind, l.url, ...place(l)!])).toEqual([
      ['link', '/clustered-example/#build', 22, 5],
      ['definition', 'https://github.com/hyperpush-org/mesh-lang', 24, 1],
    ]);
    expect(result.headings).toEqual(['run-the-rails']);
  });

  it('gives duplicate headings the suffixes Astro gives them', async () => {
    const result = await extract('# Build\n\n## Build\n\n## `meshc` and *more*!\n');
    expect(result.headings).toEqual(['build', 'build-1', 'meshc-and-more']);
  });
});

describe('fences', () => {
  it('reads only shell languages', async () => {
    const source = [
      '```text',
      'bash scripts/a.sh',
      '```',
      '```',
      'bash scripts/b.sh',
      '```',
      '```js',
      'npm run x',
      '```',
      '```zsh',
      'bash scripts/c.sh',
      '```',
      '```shell',
      'bash scripts/d.sh',
      '```',
      '```sh',
      'bash scripts/e.sh',
      '```',
      '',
    ].join('\n');
    const result = await extract(source);
    expect(result.commands.map((c) => c.words[1]?.value)).toEqual(['scripts/c.sh', 'scripts/d.sh', 'scripts/e.sh']);
  });

  it('reads console blocks as transcripts', async () => {
    const source = '```console\n$ meshc build .\nCompiled hello\n$ ./hello --version\nhello 0.1.0\n```\n';
    const result = await extract(source);
    expect(result.commands.map((c) => [c.text, ...place(c)!])).toEqual([
      ['meshc build .', 2, 3],
      ['./hello --version', 4, 3],
    ]);
  });

  it('marks commands of a gate-skip fence with its reason', async () => {
    const source = "Text\n\n```bash title=\"Run\" gate-skip=\"runs inside the generated project\"\ncd hello\n./hello\n```\n\n```bash gate-skip='single quotes work too'\nmake\n```\n";
    const result = await extract(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.commands.map((c) => [c.text, c.skipReason, c.cwd])).toEqual([
      ['cd hello', 'runs inside the generated project', undefined],
      ['./hello', 'runs inside the generated project', 'hello'],
      // The second block continues the first one's shell (same section).
      ['make', 'single quotes work too', 'hello'],
    ]);
  });

  it('reports a gate-skip without a reason and still checks the commands', async () => {
    for (const meta of ['gate-skip', 'gate-skip=""', 'gate-skip=because']) {
      const result = await extract(`Intro\n\n\`\`\`bash title="x" ${meta}\nbash scripts/a.sh\n\`\`\`\n`);
      expect(result.diagnostics.map((d) => [d.code, ...place(d)!]), meta).toEqual([['command-unknown-shape', 3, 19]]);
      expect(result.diagnostics[0]!.suggestion).toMatch(/gate-skip="/);
      expect(result.commands.map((c) => [c.text, c.skipReason])).toEqual([['bash scripts/a.sh', undefined]]);
    }
  });

  it('reports unparsable lines at their page position', async () => {
    const source = '---\ntitle: T\n---\n\n```bash\nbash ok.sh\n  echo "unclosed\n```\n';
    const result = await extract(source);
    expect(result.diagnostics.map((d) => [d.code, d.subject, ...place(d)!])).toEqual([
      ['command-unparsable', 'echo "unclosed', 7, 8],
    ]);
    expect(result.commands.map((c) => c.text)).toEqual(['bash ok.sh']);
  });

  it('keeps columns exact in a fence inside a blockquote', async () => {
    const result = await extract('> Run:\n>\n> ```bash\n> bash scripts/a.sh --help\n> ```\n');
    expect(result.commands[0]!.words.map(place)).toEqual([
      [4, 3],
      [4, 8],
      [4, 21],
    ]);
  });

  it('continues the shell of the previous shell block in the same section; a heading starts a new shell', async () => {
    const source = [
      '## Build', '', '```bash', 'cd website', '```', '', 'Then:', '', '```console', '$ npm run build', '```', '',
      '```sh', 'npm run dev', 'cd ..', 'bash scripts/a.sh', '```', '', '## Test', '', '```bash', 'npm test', '```', '',
    ].join('\n');
    const result = await extract(source);
    expect(result.commands.map((c) => [c.text, c.cwd])).toEqual([
      ['cd website', undefined],
      ['npm run build', 'website'],
      // Two blocks after the `cd`: the repo root again.
      ['npm run dev', undefined],
      ['cd ..', undefined],
      ['bash scripts/a.sh', '<unknown>'], // `cd ..` from the root leaves the repo
      ['npm test', undefined],
    ]);
    // Inline code does not take part in the blocks' shell.
    const inline = await extract('```bash\ncd website\n```\n\nRun `npm run build` there.\n\n```bash\nnpm run dev\n```\n');
    expect(inline.commands.map((c) => [c.text, c.cwd, c.origin])).toEqual([
      ['cd website', undefined, 'code-block'],
      ['npm run build', undefined, 'inline-code'],
      ['npm run dev', 'website', 'code-block'],
    ]);
  });

  it('carries a `cd` into the next shell block only: two blocks later the page is back at the repo root', async () => {
    // The real tooling page: build the editor extension in its folder, install it from the next
    // block, then run a repo-root verifier two blocks after the `cd`.
    const source = [
      '#### Installation', '', '```bash', 'cd tools/editors/vscode-mesh', 'npm install', '```', '',
      'To install the package you built:', '', '```bash', 'npm run install-local', '```', '',
      'For the whole proof chain from the repo root:', '', '```bash', 'bash scripts/verify-m036-s03.sh', '```', '',
    ].join('\n');
    const result = await extract(source);
    expect(result.commands.map((c) => [c.text, c.cwd])).toEqual([
      ['cd tools/editors/vscode-mesh', undefined],
      ['npm install', 'tools/editors/vscode-mesh'],
      ['npm run install-local', 'tools/editors/vscode-mesh'],
      ['bash scripts/verify-m036-s03.sh', undefined],
    ]);
  });

  it('runs the commands after `git clone <the checked repo>` and `cd <its folder>` at the repo root', async () => {
    const source = [
      '## Install', '', '```bash', 'git clone https://github.com/hyperpush-org/mesh-lang.git', 'cd mesh-lang', 'cargo build -p meshc', '```', '',
      '```bash', 'cd website && npm ci', '```', '',
      '## Elsewhere', '', '```bash', 'git clone https://github.com/hyperpush-org/mesh-lang /tmp/x', 'git clone --depth 1 git@github.com:hyperpush-org/mesh-lang m', 'cd m', 'bash scripts/a.sh', '```', '',
      '## Other repo', '', '```bash', 'git clone https://github.com/someone/mesh-lang', 'cd mesh-lang', 'ls', '```', '',
    ].join('\n');
    const result = await extract(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.commands.map((c) => [c.text, c.cwd])).toEqual([
      ['git clone https://github.com/hyperpush-org/mesh-lang.git', undefined],
      ['cd mesh-lang', undefined],
      ['cargo build -p meshc', undefined],
      ['cd website', undefined],
      ['npm ci', 'website'],
      ['git clone https://github.com/hyperpush-org/mesh-lang /tmp/x', undefined],
      ['git clone --depth 1 git@github.com:hyperpush-org/mesh-lang m', undefined],
      ['cd m', undefined],
      ['bash scripts/a.sh', undefined],
      ['git clone https://github.com/someone/mesh-lang', undefined],
      ['cd mesh-lang', undefined],
      ['ls', 'mesh-lang'],
    ]);
  });
});

describe('inline code', () => {
  it('reads `a|b|c` without blanks as alternatives, each checked as a command at its own column', async () => {
    const result = await extract('Use `meshc cluster status|continuity|diagnostics <node> --json` to inspect.\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.commands.map((c) => [c.text, c.words.map((w) => w.value).join(' '), c.words[2]!.position.column])).toEqual([
      ['meshc cluster status <node> --json', 'meshc cluster status <node> --json', 20],
      ['meshc cluster continuity <node> --json', 'meshc cluster continuity <node> --json', 27],
      ['meshc cluster diagnostics <node> --json', 'meshc cluster diagnostics <node> --json', 38],
    ]);
    // Spaced pipes and fenced pipes stay pipes.
    const spaced = await extract('Run `meshc build . | tee log`.\n\n```bash\nmeshc build .|tee log\n```\n');
    expect(spaced.commands.map((c) => c.text)).toEqual(['meshc build .', 'tee log', 'meshc build .', 'tee log']);
  });

  it('treats known heads with an argument, ./paths and NAME=value prefixes as commands', () => {
    for (const code of [
      'bash scripts/verify-m053-s01.sh',
      'cargo test -p meshc --test e2e_m047_s07 -- --nocapture',
      'npm --prefix website run build',
      'meshc cluster status <node-name@host:port> --json',
      'meshpkg search json',
      'cd website',
      'export DATABASE_URL=postgres://x',
      'curl -fsS http://localhost:8080/health',
      'git status',
      'sh scripts/x.sh',
      './hello_cluster',
      'DATABASE_URL=postgres://db bash scripts/verify-m053-s01.sh',
      'A="x y" B=1 meshc build .',
    ]) {
      expect(readsAsCommand(code), code).toBe(true);
    }
  });

  it('does not treat code names and expressions as commands', () => {
    for (const code of [
      'work.mpl',
      'HTTP.clustered(1, ...)',
      'HTTP.clustered(...)',
      'meshc',
      'bash',
      'MESH_CLUSTER_COOKIE',
      'DATABASE_URL=postgres://x',
      '@cluster',
      'GET /todos/:id',
      'examples/todo-sqlite/README.md',
      '.tmp/m047-s06/verify',
      './',
      'status.txt',
    ]) {
      expect(readsAsCommand(code), code).toBe(false);
    }
    expect(INLINE_COMMAND_HEADS).toContain('meshc');
  });

  it('extracts inline commands with exact positions, inside links too, and ignores the rest', async () => {
    const source = [
      'Use `work.mpl` and `HTTP.clustered(1, ...)` with',
      'the [`bash scripts/verify-m053-s02.sh`](/distributed-proof/) rail, or `` meshc build . ``.',
      '',
    ].join('\n');
    const result = await extract(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.commands.map((c) => [c.origin, c.words.map((w) => w.value), c.words.map((w) => w.position.column), c.position.line])).toEqual([
      ['inline-code', ['bash', 'scripts/verify-m053-s02.sh'], [7, 12], 2],
      ['inline-code', ['meshc', 'build', '.'], [74, 80, 86], 2],
    ]);
    expect(result.links.map((l) => l.url)).toEqual(['/distributed-proof/']);
  });

  it('reports an inline command that does not parse', async () => {
    const result = await extract('Run `bash scripts/x.sh "oops` now.\n');
    expect(result.diagnostics.map((d) => [d.code, ...place(d)!])).toEqual([['command-unparsable', 1, 24]]);
  });
});

describe('mdx', () => {
  it('reads an mdx page with frontmatter, an import and JSX', async () => {
    const result = await extract(fixture('mdx-page.mdx'), 'src/content/docs/index.mdx');
    expect(result.diagnostics).toEqual([]);
    expect(result.commands.map((c) => [c.origin, c.text, ...place(c)!])).toEqual([
      ['inline-code', 'npm --prefix website run build', 9, 24],
      ['code-block', 'cargo test -p meshc --test e2e_m047_s07 -- --nocapture', 13, 1],
    ]);
    expect(place(result.commands[1]!.words[6])).toEqual([13, 41]);
    expect(result.headings).toEqual(['welcome']);
  });

  it('turns an MDX syntax error into a diagnostic', async () => {
    const result = await extract('# Hi\n\n<Card>\n\n```bash\nbash a.sh\n```\n', 'src/content/docs/broken.mdx');
    expect(result.commands).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toMatch(/MDX/);
  });
});

/** A stand-in for the directive plugin: replaces `::commands` with generated nodes. */
const expandCommands: Plugin<[], Root> = () => (tree) => {
  tree.children = tree.children.flatMap((node) => {
    if (node.type !== 'leafDirective' || node.name !== 'commands') return [node];
    const heading: Heading = { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Named commands' }], data: { generated: true } as never };
    const code: Code = { type: 'code', lang: 'bash', value: 'bash scripts/from-yaml.sh', data: { generated: true } as never };
    const inline: InlineCode = { type: 'inlineCode', value: 'bash scripts/inline-from-yaml.sh' };
    const link: Link = { type: 'link', url: 'https://example.com/x', children: [inline] };
    // Only the paragraph is marked: everything under it counts as generated.
    const paragraph: Paragraph = { type: 'paragraph', children: [link], data: { generated: true } as never, position: node.position! };
    return [heading, code, paragraph];
  });
};

/** A stand-in for the directive plugin failing on a directive. */
function failOn(ruleId: string | undefined): Plugin<[], Root> {
  return () => (tree: Root, file: VFile) => {
    for (const node of tree.children) {
      if (node.type === 'leafDirective') {
        file.fail(`unknown directive "${node.name}"`, { place: node.position, ruleId, source: 'test' });
      }
    }
  };
}

describe('remark plugins', () => {
  it('skips generated commands but keeps generated headings and flags generated links', async () => {
    const source = '# Page\n\n::commands\n\n```bash\nbash scripts/by-hand.sh\n```\n';
    const result = await extract(source, 'src/content/docs/page.md', [expandCommands]);
    expect(result.diagnostics).toEqual([]);
    expect(result.commands.map((c) => c.text)).toEqual(['bash scripts/by-hand.sh']);
    expect(result.headings).toEqual(['page', 'named-commands']);
    expect(result.links).toEqual([
      { url: 'https://example.com/x', kind: 'link', generated: true, position: { file: 'src/content/docs/page.md', line: 3, column: 1 } },
    ]);
  });

  it('turns a plugin file.fail into a diagnostic at the directive, with its ruleId', async () => {
    const source = '# Page\n\nRun `bash scripts/a.sh --help`.\n\n  ::failure-mapp{page=x}\n';
    const result = await extract(source, 'src/content/docs/page.md', [failOn('directive-bad-attribute')]);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.subject, d.message, ...place(d)!])).toEqual([
      ['directive-bad-attribute', 'error', '::failure-mapp{page=x}', 'unknown directive "failure-mapp"', 5, 3],
    ]);
    // What was read before the failure still counts.
    expect(result.commands.map((c) => c.text)).toEqual(['bash scripts/a.sh --help']);
  });

  it('uses directive-unknown when the ruleId is not a gate code', async () => {
    for (const ruleId of [undefined, 'something-else']) {
      const result = await extract('::x\n', 'src/content/docs/page.md', [failOn(ruleId)]);
      expect(result.diagnostics.map((d) => [d.code, ...place(d)!])).toEqual([['directive-unknown', 1, 1]]);
    }
  });
});
