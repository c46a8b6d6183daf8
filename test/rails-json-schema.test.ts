/**
 * The editor's view of rails.yaml: schemas/rails.schema.json, generated from the zod shape.
 * It must be current, accept the site's own rails.yaml, reject every invalid shape the zod
 * schema rejects that a JSON Schema can state, and carry a description on every field. What
 * only the gate can check is listed on the contributing page, and tested as such here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RAILS_SCHEMA_FILE, railsJsonSchema } from '../src/json-schemas.ts';
import { RailsFileSchema } from '../src/rails/schema.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { openInEditor } from './helpers/yaml-editor.ts';

const committed = JSON.parse(readFileSync(RAILS_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(committed);
const railsText = readFileSync(path.join(projectRoot, 'src/data/rails.yaml'), 'utf8');
const site = parse(railsText) as { rails: Array<Record<string, unknown>>; repos: Array<Record<string, unknown>>; pages: Array<Record<string, unknown>>; surfaces: unknown[] };

/** The site's data with one change; each case is a mistake a contributor can make. */
function variant(change: (data: typeof site) => void): unknown {
  const data = structuredClone(site);
  change(data);
  return data;
}

const INVALID: Array<[string, unknown]> = [
  ['a rail without a tier', variant((d) => delete d.rails[0]!.tier)],
  ['an unknown rail field', variant((d) => (d.rails[0]!.result = '.tmp/x/verify/'))],
  ['a rail id with capitals', variant((d) => (d.rails[0]!.id = 'M053-S01'))],
  ['a tier that does not exist', variant((d) => (d.rails[0]!.tier = 'gold'))],
  ['an empty label', variant((d) => (d.rails[0]!.label = ''))],
  ['a step that is a number', variant((d) => (d.rails[0]!.steps = [5]))],
  ['both steps and forms', variant((d) => (d.rails[0]!.forms = [{ label: 'x', steps: ['bash scripts/verify-m053-s01.sh'] }]))],
  ['neither steps nor forms', variant((d) => delete d.rails[0]!.steps)],
  ['an env var in lower case', variant((d) => (d.rails[0]!.reads = ['database_url']))],
  ['a page file that is not Markdown', variant((d) => (d.pages[0]!.file = 'distributed-proof.html'))],
  ['a surface of no known kind', variant((d) => d.surfaces.push({ note: 'x' }))],
  ['an absolute sibling folder', variant((d) => ((d.repos[0]!.checkout as Record<string, unknown>).sibling = '/srv/hyperpush-mono'))],
  ['a repo url that is not GitHub', variant((d) => (d.repos[0]!.url = 'https://example.com/x/y'))],
  ['no rails at all', variant((d) => (d.rails = []))],
];

/** Rules that need more than one field or the repo: the gate checks them, the schema cannot. */
const GATE_ONLY: Array<[string, unknown]> = [['a blobBase that is not the url followed by /blob/<branch>/', variant((d) => (d.repos[0]!.blobBase = 'https://github.com/someone/else/blob/main/'))]];

describe('schemas/rails.schema.json', () => {
  it('is the one the zod shape describes (regenerate with npm run schema)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(railsJsonSchema())));
  });

  it('is named by the modeline of rails.yaml and mapped for VS Code', () => {
    expect(railsText.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/rails.schema.json');
    const settings = JSON.parse(readFileSync(path.join(projectRoot, '.vscode/settings.json'), 'utf8'));
    expect(settings['yaml.schemas']).toEqual({ './schemas/rails.schema.json': ['src/data/rails.yaml'] });
    expect(JSON.parse(readFileSync(path.join(projectRoot, '.vscode/extensions.json'), 'utf8')).recommendations).toContain('redhat.vscode-yaml');
  });

  it("accepts the site's own rails.yaml", () => {
    expect(validate(site), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(INVALID)('rejects %s, as the zod schema does', (_name, data) => {
    expect(RailsFileSchema.safeParse(data).success).toBe(false);
    expect(validate(data)).toBe(false);
  });

  it.each(GATE_ONLY)('leaves %s to the gate, and the contributing page says so', (name, data) => {
    expect(RailsFileSchema.safeParse(data).success).toBe(false);
    expect(validate(data)).toBe(true);
    const page = readFileSync(path.join(projectRoot, 'src/content/docs/contributing/rails.md'), 'utf8');
    expect(page).toContain(`- ${name}`);
  });

  it('describes every field, for hover docs in the editor', () => {
    const missing: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}[${i}]`));
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.properties && typeof record.properties === 'object') {
        for (const [key, field] of Object.entries(record.properties as Record<string, Record<string, unknown>>)) {
          if (typeof field.description !== 'string' || field.description.length < 8) missing.push(`${at}.${key}`);
        }
      }
      for (const [key, value] of Object.entries(record)) walk(value, `${at}.${key}`);
    };
    walk(committed, '$');
    expect(missing).toEqual([]);
  });
});

describe('rails.yaml in the editor (the YAML extension\'s language service)', () => {
  const file = path.join(projectRoot, 'src/data/rails.yaml');
  const lineOf = (text: string, line: string) => text.split('\n').indexOf(line);

  it('completes the fields a rail does not have yet, and a tier from its list', async () => {
    const text = railsText.replace('    reads: [DATABASE_URL]\n', '    reads: [DATABASE_URL]\n    \n');
    const editor = openInEditor(file, text);
    const fields = await editor.complete(lineOf(text, '    '), 4);
    expect(fields).toEqual(expect.arrayContaining(['runs', 'repo']));
    expect(fields).not.toContain('id');
    const tierText = railsText.replace('    tier: public\n', '    tier: \n');
    const tiers = await openInEditor(file, tierText).complete(lineOf(tierText, '    tier: '), 10);
    expect(tiers).toEqual(expect.arrayContaining(['public', 'maintainer', 'retained']));
  });

  it('shows a field\'s description on hover', async () => {
    const editor = openInEditor(file, railsText);
    const hover = await editor.hover(lineOf(railsText, '    failureMaps: [distributed-proof]'), 6);
    expect(hover).toMatch(/Page ids whose failure/);
  });

  it('marks a misspelt field and a bad tier inline, and nothing on the site\'s own file', async () => {
    expect(await openInEditor(file, railsText).problems()).toEqual([]);
    const text = railsText.replace('    results: .tmp/m053-s01/verify/\n', '    resutls: .tmp/m053-s01/verify/\n').replace('    tier: public\n', '    tier: gold\n');
    const problems = await openInEditor(file, text).problems();
    expect(problems).toEqual(
      expect.arrayContaining([
        { line: lineOf(text, '    resutls: .tmp/m053-s01/verify/'), message: expect.stringContaining('resutls') },
        { line: lineOf(text, '    tier: gold'), message: expect.stringMatching(/public/) },
      ]),
    );
  });
});

