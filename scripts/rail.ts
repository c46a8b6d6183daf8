/**
 * `npm run rail -- new <script> [--write] [--tier TIER] [--rails FILE] [--repo DIR]`
 *   Prints a complete rails.yaml entry for a verify script, read from the script and the repo
 *   (src/authoring/new-rail.ts); with --write, appends it to the rails YAML as an exact splice
 *   (every other line unchanged) and shows the diff. Label and summary are left as placeholders
 *   the gate refuses until they are written.
 * Exits 1 when the script cannot become a rail, 2 when the arguments are wrong.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { Document } from 'yaml';
import { appendRail } from '../src/authoring/yaml-edit.ts';
import { ciFor, newRailEntry } from '../src/authoring/new-rail.ts';
import { currentRails } from '../src/rails/current.ts';
import { TIERS, type Tier } from '../src/rails/schema.ts';
import { locateRepo, RepoLocateError } from '../src/repo/locate-mesh-repo.ts';
import { openRepo, prepareRepo } from '../src/repo/repo-view.ts';
import { escapeControl } from '../src/core/escape.ts';
import { writeFileAtomically } from '../src/core/atomic-file.ts';
import { loadShellParser } from '../src/gate/shell/parse-line.ts';
import { locateCheckout, openWorkspace, type LocatedCheckout } from '../src/gate/workspace/workspace.ts';
import { DEFAULT_DOCS_DIR, DEFAULT_RAILS_FILE } from '../src/core/site-paths.ts';

const USAGE = 'usage: npm run rail -- new <scripts/verify-x.sh | <repo id>/<path>> [--write] [--tier TIER] [--rails FILE] [--repo DIR]';
const say = (line: string) => process.stdout.write(`${escapeControl(line)}\n`);
const fail = (code: number, line: string): never => {
  process.stderr.write(`rail: ${escapeControl(line)}\n${code === 2 ? `${USAGE}\n` : ''}`);
  process.exit(code);
};

const siteRoot = path.resolve(import.meta.dirname, '..');
let parsed: ReturnType<typeof parseArgs<{ options: { write: { type: 'boolean' }; tier: { type: 'string' }; rails: { type: 'string' }; repo: { type: 'string' } }; allowPositionals: true }>>;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    options: { write: { type: 'boolean' }, tier: { type: 'string' }, rails: { type: 'string' }, repo: { type: 'string' } },
    allowPositionals: true,
  });
} catch (error) {
  fail(2, (error as Error).message);
}
const [verb, script, ...extra] = parsed!.positionals;
if (verb !== 'new' || script === undefined || extra.length > 0) fail(2, verb === 'new' ? 'give one script path' : `unknown command ${verb ?? '(none)'}; the command is \`new\``);
const tier = (parsed!.values.tier ?? 'maintainer') as Tier;
if (!TIERS.includes(tier)) fail(2, `--tier ${tier} is not a tier. fix: use one of ${TIERS.join(', ')}`);

const yamlPath = path.resolve(siteRoot, parsed!.values.rails ?? DEFAULT_RAILS_FILE);
const docsDir = path.resolve(siteRoot, DEFAULT_DOCS_DIR);
const rails = currentRails({ yamlPath, siteRoot, docsDir });
if (!rails.ok) fail(1, `${path.relative(siteRoot, yamlPath)} has errors; run \`npm run check\` and fix them first`);
const model = rails.ok ? rails.model : undefined!;

let located;
try {
  located = locateRepo({ siteRoot, env: process.env, ...(parsed!.values.repo ? { explicitRoot: path.resolve(parsed!.values.repo) } : {}) });
} catch (error) {
  if (error instanceof RepoLocateError) fail(1, error.message);
  throw error;
}
let checkouts: LocatedCheckout[] = [];
try {
  checkouts = model.repos.map((other) => locateCheckout(other, located!, process.env, siteRoot));
} catch (error) {
  if (error instanceof RepoLocateError) fail(1, error.message);
  throw error;
}
await Promise.all([prepareRepo(located!.root), ...checkouts.flatMap((checkout) => (checkout.found ? [prepareRepo(checkout.root)] : [])), loadShellParser()]);
const workspace = openWorkspace(openRepo(located!.root, located!.kind), model.repos, checkouts);

const made = newRailEntry({ script: script!, tier }, model, workspace);
if (!made.ok) fail(1, made.problem);
const { entry, notes } = made as Extract<typeof made, { ok: true }>;
const yamlText = readFileSync(yamlPath, 'utf8');
const ci = ciFor(yamlText, entry, { yamlPath, siteRoot, docsDir }, workspace);
if (ci) entry.ci = ci;
else notes.push('no workflow runs it: wire it into CI, or declare `ci: { hosted: false, reason: ... }` (the gate counts it as not run by CI until then)');
const comment = [`Read from ${made.ok ? made.script : ''} by \`npm run rail -- new\`: write label and summary, then list it on a failure map.`];

if (!parsed!.values.write) {
  for (const line of new Document([entry]).toString({ lineWidth: 0 }).trimEnd().split('\n')) say(`  ${line}`);
} else {
  const before = yamlText;
  const edited = appendRail(before, entry, comment);
  if (!edited.ok) fail(1, `cannot add the rail to ${path.relative(siteRoot, yamlPath)}: ${edited.reason}`);
  if (edited.ok) {
    const shown = path.relative(siteRoot, yamlPath);
    for (const line of createTwoFilesPatch(`a/${shown}`, `b/${shown}`, before, edited.text, '', '', { context: 1 }).trimEnd().split('\n').slice(1)) say(line);
    writeFileAtomically(yamlPath, edited.text);
    say(`rail: added ${String(entry.id)} to ${shown}`);
  }
}
for (const note of notes) say(`note: ${note}`);
say('next: write `label` and `summary` (the gate refuses the placeholders), add the page ids to `failureMaps`, then run `npm run check`');
