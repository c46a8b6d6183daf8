/**
 * `npm run bench:build`: our whole build (docs-truth gate, generated sections, Mesh grammar,
 * the built-site scan of dist/) against a plain Starlight build of the same pages, in one run:
 * first the site's own pages, then the same site with 300 generated pages that link to each
 * other (bench/generated-pages.ts). The plain build is Starlight alone: its own config, its own
 * `docsLoader`, no gate, no directives, no scan. Each build has its own copy; each round builds
 * ours and plain back to back, the order swapped every round (so neither always finds the disk
 * cache warmed by the other). Goals, as medians of the rounds: <= 1.10x on the site's own
 * pages, <= 1.05x at 300 pages. `BENCH_ROUNDS` sets the rounds (default 5).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { writeGeneratedPages } from './generated-pages.ts';

const root = path.resolve(import.meta.dirname, '..');
const astro = path.join(root, 'node_modules/astro/bin/astro.mjs');
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const GENERATED_PAGES = 300;

/** The same pages and public files with Starlight alone: no gate, no directives, no link scan. */
const PLAIN_CONFIG = `import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
export default defineConfig({
  integrations: [starlight({ title: 'Mesh', favicon: '/favicon.svg', lastUpdated: true,
    editLink: { baseUrl: 'https://github.com/hyperpush-org/mesh-lang/edit/main/website/' } })],
});
`;

/** Starlight's own content collections: its docsLoader, not ours. */
const PLAIN_CONTENT_CONFIG = `import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
`;

type Kind = 'ours' | 'plain';

interface Site {
  label: string;
  goal: number;
  pages: number;
}

function copy(kind: Kind, generated: number): string {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.tmp', `bench-${kind}-`));
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public', 'sample-workspace']) {
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  if (kind === 'plain') {
    writeFileSync(path.join(dir, 'astro.config.mjs'), PLAIN_CONFIG);
    writeFileSync(path.join(dir, 'src/content.config.ts'), PLAIN_CONTENT_CONFIG);
  }
  if (generated > 0) writeGeneratedPages(path.join(dir, 'src/content/docs'), generated);
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
const seconds = (values: number[]) => values.map((ms) => (ms / 1000).toFixed(2)).join(', ');
const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');

function bench(site: Site): void {
  const dirs = { ours: copy('ours', site.pages), plain: copy('plain', site.pages) };
  const times: Record<Kind, number[]> = { ours: [], plain: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['plain', 'ours'] as const) : (['ours', 'plain'] as const);
      for (const kind of order) times[kind].push(timeBuild(dirs[kind]));
    }
  } finally {
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
  const ratio = median(times.ours) / median(times.plain);
  // Each round's two builds ran back to back, under the same load: their ratios drift less.
  const ratios = times.ours.map((ours, round) => ours / times.plain[round]!);
  const paired = median(ratios);
  console.log(`${site.label} (load average now ${load()}):`);
  console.log(`  plain Starlight build: median ${(median(times.plain) / 1000).toFixed(2)} s (${seconds(times.plain)})`);
  console.log(`  our build: median ${(median(times.ours) / 1000).toFixed(2)} s (${seconds(times.ours)})`);
  console.log(`  ratio of the medians: ${ratio.toFixed(2)}x; round by round: median ${paired.toFixed(2)}x (${ratios.map((r) => r.toFixed(2)).join(', ')})`);
  console.log(`  goal <= ${site.goal.toFixed(2)}x (round by round): ${paired <= site.goal ? 'ok' : 'OVER GOAL'}`);
}

console.log(`bench:build, ${ROUNDS} rounds per site, load average at the start ${load()}`);
const only = process.env['BENCH_SITES']?.split(',');
const sites: Site[] = [
  { label: "the site's own pages", goal: 1.1, pages: 0 },
  { label: `the site plus ${GENERATED_PAGES} generated pages`, goal: 1.05, pages: GENERATED_PAGES },
];
for (const site of sites) if (!only || only.includes(String(site.pages))) bench(site);
