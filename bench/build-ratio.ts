/**
 * `npm run bench:build`: our whole build (docs-truth gate, generated sections, Mesh grammar,
 * linkinator over dist/) against a plain Starlight build of the same pages, in one run. Each is
 * built in its own copy, nine rounds, the order swapped each round (so neither build always
 * finds the disk cache warmed by the other); the medians give the ratio. Goal: <= 1.25x.
 * Both render Markdown with Sätteri, Astro's default (our directives are Sätteri plugins).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const astro = path.join(root, 'node_modules/astro/bin/astro.mjs');
const ROUNDS = 9;

/** The same pages and public files with Starlight alone: no gate, no directives, no link scan. */
const PLAIN_CONFIG = `import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
export default defineConfig({
  integrations: [starlight({ title: 'Mesh', favicon: '/favicon.svg', lastUpdated: true,
    editLink: { baseUrl: 'https://github.com/hyperpush-org/mesh-lang/edit/main/website/' } })],
});
`;

type Kind = 'ours' | 'plain';

function copy(kind: Kind): string {
  const dir = mkdtempSync(path.join(root, '.tmp', `bench-${kind}-`));
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public', 'sample-workspace']) {
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  if (kind === 'plain') writeFileSync(path.join(dir, 'astro.config.mjs'), PLAIN_CONFIG);
  return dir;
}

function timeBuild(dir: string): number {
  // A cold build each time, as CI runs it: no Astro cache from the previous round.
  rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
  rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  const started = performance.now();
  const result = spawnSync(process.execPath, [astro, 'build'], { cwd: dir, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`build failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dirs = { ours: copy('ours'), plain: copy('plain') };
const times: Record<Kind, number[]> = { ours: [], plain: [] };
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? (['plain', 'ours'] as const) : (['ours', 'plain'] as const);
  for (const kind of order) times[kind].push(timeBuild(dirs[kind]));
}
const ratio = median(times.ours) / median(times.plain);
const seconds = (values: number[]) => values.map((ms) => (ms / 1000).toFixed(2)).join(', ');
const line = (label: string, kind: Kind) => console.log(`${label}: median ${(median(times[kind]) / 1000).toFixed(2)} s (${seconds(times[kind])})`);
line('plain Starlight build', 'plain');
line('our build (gate + proof map + Mesh grammar + linkinator)', 'ours');
console.log(`ratio: ${ratio.toFixed(2)}x (goal <= 1.25x) ${ratio <= 1.25 ? 'ok' : 'OVER GOAL'}`);
// Each round's two builds ran back to back, under the same load: their ratios drift less.
const paired = median(times.ours.map((ours, round) => ours / times.plain[round]!));
console.log(`  round by round: median ${paired.toFixed(2)}x (${times.ours.map((ours, round) => (ours / times.plain[round]!).toFixed(2)).join(', ')})`);
for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
