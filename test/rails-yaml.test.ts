import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRails } from '../src/rails/load.ts';
import { railSteps, workflowSteps } from '../src/rails/model.ts';

const siteRoot = mkdtempSync(path.join(tmpdir(), 'rails-yaml-'));
const docsDir = path.join(siteRoot, 'src/content/docs');
mkdirSync(docsDir, { recursive: true });
writeFileSync(path.join(docsDir, 'proof.md'), '# Proof\n');
const yamlPath = path.join(siteRoot, 'src/data/rails.yaml');
const options = { yamlPath, siteRoot, docsDir };

const VALID = `pages:
  - id: proof
    title: Proof
    file: proof.md
surfaces:
  - rail: a
  - path: README.md
    role: The readme.
rails:
  - id: a
    tier: public
    label: Rail A
    summary: Proves A.
    steps:
      - bash scripts/a.sh
    failureMaps: [proof]
  - id: b
    tier: reference
    label: Rail B
    summary: Proves B.
    runs: [a]
    forms:
      - label: help
        steps: ["bash scripts/b.sh --help"]
      - label: live
        steps:
          - run: bash scripts/b.sh
            env: { B_APP: demo }
operatorWorkflow:
  - run: meshc cluster status <node> --json
    purpose: Membership.
`;

const load = (text: string) => parseRails(text, options);
const only = (text: string) => {
  const result = load(text);
  expect(result.ok).toBe(false);
  return result.diagnostics;
};

describe('rails.yaml loading', () => {
  it('loads a valid file into a model with positions', () => {
    const result = load(VALID);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { model } = result;
    expect(model.rails.map((r) => r.id)).toEqual(['a', 'b']);
    expect(model.rails[0]!.script).toBe('scripts/a.sh');
    expect(model.rails[1]!.forms.map((f) => f.label)).toEqual(['help', 'live']);
    expect(model.rails[1]!.forms[1]!.steps[0]!.env).toEqual([
      { name: 'B_APP', value: 'demo', position: { file: 'src/data/rails.yaml', line: 28, column: 20 } },
    ]);
    expect(model.pages[0]!.href).toBe('/proof/');
    // Step positions point at the command text: plain, double-quoted and in an object.
    const steps = [...model.rails.flatMap(railSteps), ...workflowSteps(model)];
    expect(steps.map((s) => [s.run, s.position.line, s.position.column])).toEqual([
      ['bash scripts/a.sh', 15, 9],
      ['bash scripts/b.sh --help', 24, 18],
      ['bash scripts/b.sh', 27, 18],
      ['meshc cluster status <node> --json', 30, 10],
    ]);
    expect(steps[0]!.position.file).toBe('src/data/rails.yaml');
  });

  it('the real rails.yaml is valid', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const result = parseRails(readFileSync(path.join(root, 'src/data/rails.yaml'), 'utf8'), {
      yamlPath: path.join(root, 'src/data/rails.yaml'),
      siteRoot: root,
      docsDir: path.join(root, 'src/content/docs'),
    });
    expect(result.diagnostics).toEqual([]);
  });

  it('reports a syntax error with its line', () => {
    const [error, ...rest] = only(VALID.replace('    label: Rail A\n', '    label: "Rail A\n'));
    expect(error!.code).toBe('yaml-syntax');
    expect(error!.position.file).toBe('src/data/rails.yaml');
    expect(error!.position.line).toBeGreaterThanOrEqual(12);
    expect(rest.length).toBeGreaterThanOrEqual(0);
  });

  it('reports a wrong tier at the tier value, with the allowed values', () => {
    const [error] = only(VALID.replace('tier: public', 'tier: pubic'));
    expect(error).toMatchObject({ code: 'yaml-schema', subject: 'rails[0].tier', position: { line: 11, column: 11 } });
    expect(error!.suggestion).toContain('public');
  });

  it('reports an unknown field with a did-you-mean', () => {
    const [error] = only(VALID.replace('    failureMaps: [proof]', '    failureMap: [proof]'));
    expect(error).toMatchObject({ code: 'yaml-schema', subject: 'rails[0].failureMap', position: { line: 16 } });
    expect(error!.suggestion).toBe('did you mean failureMaps?');
  });

  it('reports a step object with a typo inside the union, not "invalid input"', () => {
    const [error] = only(VALID.replace('          - run: bash scripts/b.sh', '          - rnu: bash scripts/b.sh'));
    expect(error!.code).toBe('yaml-schema');
    expect(error!.position.line).toBe(27);
    expect(`${error!.message} ${error!.suggestion}`).toMatch(/run/);
  });

  it('rejects a rail with both steps and forms', () => {
    const [error] = only(VALID.replace('    runs: [a]\n', '    runs: [a]\n    steps: [bash scripts/b.sh]\n'));
    expect(error!.message).toMatch(/exactly one of `steps`/);
    expect(error!.position.line).toBe(17);
  });

  it('reports a duplicate id at the second one', () => {
    const [error] = only(VALID.replace('  - id: b\n', '  - id: a\n'));
    expect(error).toMatchObject({ code: 'yaml-duplicate-id', subject: 'a', position: { line: 17, column: 9 } });
  });

  it('reports a relation to an unknown rail with a did-you-mean', () => {
    const [error] = only(VALID.replace('runs: [a]', 'runs: [aa]'));
    expect(error).toMatchObject({ code: 'yaml-unknown-rail', subject: 'aa', position: { line: 21 } });
    expect(error!.suggestion).toBe('did you mean a?');
  });

  it('reports an unknown page id and a page file that does not exist', () => {
    expect(only(VALID.replace('failureMaps: [proof]', 'failureMaps: [prof]'))[0]).toMatchObject({
      code: 'yaml-unknown-page',
      position: { line: 16 },
      suggestion: 'did you mean proof?',
    });
    expect(only(VALID.replace('file: proof.md', 'file: gone.md'))[0]).toMatchObject({
      code: 'yaml-unknown-page',
      position: { line: 4, column: 11 },
    });
  });
});

describe('rails.yaml repos (the other repos of the workspace)', () => {
  const REPOS = `repos:
  - id: product
    name: Product repo
    url: https://github.com/org/product
    blobBase: https://github.com/org/product/blob/main/
    checkout:
      env: PRODUCT_ROOT
      sibling: ../product
      marker: [app/]
`;
  // VALID starts on line 10 of this text.
  const WITH_REPOS = REPOS + VALID.replace('    failureMaps: [proof]\n  - id: b', '    failureMaps: [proof]\n    repo: product\n  - id: b').replace('  - path: README.md\n', '  - path: README.md\n    repo: product\n');

  it('loads each declaration, and the repo of each rail and path surface (the Mesh repo by default)', () => {
    const result = load(WITH_REPOS);
    expect(result.diagnostics).toEqual([]);
    if (!result.ok) return;
    const { model } = result;
    expect(model.repos).toEqual([
      {
        id: 'product',
        name: 'Product repo',
        url: 'https://github.com/org/product',
        blobBase: 'https://github.com/org/product/blob/main/',
        checkout: { env: 'PRODUCT_ROOT', sibling: '../product', marker: ['app/'] },
        rootVars: [],
        position: { file: 'src/data/rails.yaml', line: 2, column: 5 },
      },
    ]);
    expect(model.repoById.get('product')?.name).toBe('Product repo');
    expect(model.rails.map((rail) => [rail.id, rail.repo])).toEqual([['a', 'product'], ['b', 'mesh-lang']]);
    expect(model.surfaces.find((surface) => surface.kind === 'path')).toMatchObject({ path: 'README.md', repo: 'product' });
  });

  it('reports a blob base that is not the repo url plus /blob/<branch>/, at that field', () => {
    const [error, ...rest] = only(WITH_REPOS.replace('blobBase: https://github.com/org/product/blob/main/', 'blobBase: https://github.com/org/other/blob/main/'));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'yaml-schema', subject: 'repos[0].blobBase', position: { line: 5, column: 15 } });
    expect(error!.message).toMatch(/url followed by \/blob\/<branch>\//);
  });

  it('reports an absolute sibling folder, a bad url, a missing env var and a bad env name, each at its line', () => {
    expect(only(WITH_REPOS.replace('sibling: ../product', 'sibling: /srv/product'))[0]).toMatchObject({
      code: 'yaml-schema',
      subject: 'repos[0].checkout.sibling',
      position: { line: 8 },
    });
    expect(only(WITH_REPOS.replace('url: https://github.com/org/product', 'url: https://gitlab.com/org/product'))[0]).toMatchObject({
      code: 'yaml-schema',
      subject: 'repos[0].url',
      position: { line: 4 },
    });
    expect(only(WITH_REPOS.replace('name: Product repo', 'name: "Product\\u001b[2Jrepo"'))[0]).toMatchObject({
      code: 'yaml-schema',
      subject: 'repos[0].name',
      position: { line: 3 },
    });
    expect(only(WITH_REPOS.replace('      env: PRODUCT_ROOT\n', ''))[0]).toMatchObject({ code: 'yaml-schema', subject: 'repos[0].checkout.env' });
    expect(only(WITH_REPOS.replace('env: PRODUCT_ROOT', 'env: product-root'))[0]).toMatchObject({
      code: 'yaml-schema',
      subject: 'repos[0].checkout.env',
      position: { line: 7 },
    });
  });

  it('reports a rail naming an undeclared repo with a did-you-mean, and the Mesh repo id declared again', () => {
    const [unknown] = only(WITH_REPOS.replace('    repo: product\n  - id: b', '    repo: prodcut\n  - id: b'));
    expect(unknown).toMatchObject({ code: 'yaml-unknown-repo', subject: 'prodcut', suggestion: 'did you mean product?' });
    expect(unknown!.position.line).toBe(WITH_REPOS.split('\n').lastIndexOf('    repo: product') + 1);
    const [duplicate] = only(WITH_REPOS.replace('  - id: product\n', '  - id: mesh-lang\n').replaceAll('repo: product', 'repo: mesh-lang'));
    expect(duplicate).toMatchObject({ code: 'yaml-duplicate-id', subject: 'mesh-lang', position: { line: 2, column: 9 } });
  });
});

describe('wrong YAML gets the right words', () => {
  it.each([
    ['reads: 42', VALID.replace('    failureMaps: [proof]', '    failureMaps: [proof]\n    reads: 42'), 'rails[0].reads', /`reads` must be a list, got a number \(42\)/, /write a list here/],
    ['label: 123', VALID.replace('label: Rail A', 'label: 123'), 'rails[0].label', /`label` must be text, got a number \(123\)/, /put the value in quotes: `?label`?: "123"/],
    ['rails: "x"', VALID.slice(0, VALID.indexOf('rails:\n')) + 'rails: "x"\noperatorWorkflow: []\n', 'rails', /`rails` must be a list, got text \("x"\)/, /write a list here/],
    ['a step that is a number', VALID.replace('      - bash scripts/a.sh', '      - 5'), 'rails[0].steps[0]', /`steps\[0\]` must be text or a mapping.*, got a number \(5\)/, /write text here/],
    ['an empty label', VALID.replace('label: Rail A', 'label: ""'), 'rails[0].label', /`label` is empty/, /write a value for `label`/],
    ['no steps', VALID.replace('    steps:\n      - bash scripts/a.sh\n', '    steps: []\n'), 'rails[0].steps', /`steps` needs at least 1 entry, got none/, /add an entry/],
    ['a bad page file', VALID.replace('file: proof.md', 'file: Proof.TXT'), 'pages[0].file', /`file` is text \("Proof.TXT"\), which does not have the expected form/, /a path like "distributed-proof.md"/],
    ['a missing field', VALID.replace('    label: Rail A\n', ''), 'rails[0].label', /^Missing required field "label"$/, /add `label:`/],
  ])('%s', (_name, text, subject, message, suggestion) => {
    const errors = only(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'yaml-schema', subject });
    expect(errors[0]!.message).toMatch(message);
    expect(errors[0]!.suggestion).toMatch(suggestion);
    if (!message.source.includes('Missing')) expect(errors[0]!.message).not.toMatch(/Missing required field|Invalid input/);
  });

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# rails go here\n\n# later\n'],
  ])('%s says it is empty, with a fix', (_name, text) => {
    const [error, ...rest] = only(text);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'yaml-schema', position: { line: 1, column: 1 } });
    expect(error!.message).toBe('The rails YAML is empty (nothing but comments or blank lines)');
    expect(error!.suggestion).toMatch(/start the file with `pages:` and `rails:`/);
  });

  it('a file that is a list says what it should be', () => {
    const [error] = only('- a\n- b\n');
    expect(error!.message).toMatch(/must be a mapping of pages, rails, surfaces and operatorWorkflow, got a list/);
  });
});

describe('currentRails (the memo pages and the gate read)', () => {
  it('sees a page file deleted or restored even when the YAML text is the same', async () => {
    const { currentRails } = await import('../src/rails/current.ts');
    const { rmSync } = await import('node:fs');
    mkdirSync(path.dirname(yamlPath), { recursive: true });
    writeFileSync(yamlPath, VALID);
    expect(currentRails(options).ok).toBe(true);
    rmSync(path.join(docsDir, 'proof.md'));
    expect(currentRails(options).diagnostics.map((d) => d.code)).toEqual(['yaml-unknown-page']);
    writeFileSync(path.join(docsDir, 'proof.md'), '# Proof\n');
    expect(currentRails(options).ok).toBe(true);
  });
});
