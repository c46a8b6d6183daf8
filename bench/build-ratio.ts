/**
 * `npm run bench:build`: our whole build (docs-truth gate, generated sections, Mesh grammar,
 * linkinator over dist/) against a plain Starlight build of the same pages, in one run. Each is
 * built in its own copy, alternating, five times; the medians give the ratio. Goal: <= 1.25x.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const astro = path.join(root, 'node_modules/astro/bin/astro.mjs');
const ROUNDS = 5;

/** The same pages and public files with Starlight alone: no gate, no directives, no link scan. */
const PLAIN_CONFIG = `import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
export default defineConfig({
  integrations: [starlight({ title: 'Mesh', favicon: '/favicon.svg', lastUpdated: true,
    editLink: { baseUrl: 'https://github.com/hyperpush-org/mesh-lang/edit/main/website/' } })],
});
`;

function copy(kind: 'ours' | 'plain'): string {
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

const ours = copy('ours');
const plain = copy('plain');
const times = { ours: [] as number[], plain: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  times.plain.push(timeBuild(plain));
  times.ours.push(timeBuild(ours));
}
const ratio = median(times.ours) / median(times.plain);
const seconds = (values: number[]) => values.map((ms) => (ms / 1000).toFixed(2)).join(', ');
console.log(`plain Starlight build: median ${(median(times.plain) / 1000).toFixed(2)} s (${seconds(times.plain)})`);
console.log(`our build (gate + proof map + Mesh grammar + linkinator): median ${(median(times.ours) / 1000).toFixed(2)} s (${seconds(times.ours)})`);
console.log(`ratio: ${ratio.toFixed(2)}x (goal <= 1.25x) ${ratio <= 1.25 ? 'ok' : 'OVER GOAL'}`);
rmSync(ours, { recursive: true, force: true });
rmSync(plain, { recursive: true, force: true });
