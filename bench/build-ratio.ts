/**
 * `npm run bench:build`: our whole build (docs-truth gate, generated sections, Mesh grammar,
 * the built-site scan of dist/) against a plain Starlight build of the same pages, in one run:
 * first the site's own pages, then the same site with 300 generated pages that link to each
 * other (bench/generated-pages.ts). The plain build is Starlight alone: its own config, its own
 * `docsLoader`, no gate, no directives, no scan. Each build has its own copy; each round builds
 * ours and plain back to back, the order swapped every round (so neither always finds the disk
 * cache warmed by the other). Goals, as medians of the rounds: <= 1.10x on the site's own
 * pages, <= 1.05x at 300 pages, in wall time. Each build's CPU time is printed beside it: on a
 * shared machine it moves far less than wall time. `BENCH_ROUNDS` sets the rounds (default 5),
 * `BENCH_SITES=300` (or `0`) runs one site only.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { writeGeneratedPages } from './generated-pages.ts';
import { median } from './measure.ts';

const root = path.resolve(import.meta.dirname, '..');
/** Preloaded into each build: its CPU time (user + system), which load moves less than wall time. */
const CHILD_USAGE = path.join(import.meta.dirname, 'child-usage.ts');
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

interface Timing {
  wallMs: number;
  /** CPU time of the build's own process (Pagefind's child process is not in it, for either build). */
  cpuMs: number;
}

function timeBuild(dir: string): Timing {
  // A cold build each time, as CI runs it: no Astro cache from the previous round.
  rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
  rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  const usageFile = path.join(dir, 'usage.json');
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', BENCH_USAGE_FILE: usageFile };
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', '--import', CHILD_USAGE, astro, 'build'], { cwd: dir, env, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`build failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  return { wallMs, cpuMs: (JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number }).cpuMs };
}

const seconds = (values: number[]) => values.map((ms) => (ms / 1000).toFixed(2)).join(', ');
const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');

function bench(site: Site): void {
  const dirs = { ours: copy('ours', site.pages), plain: copy('plain', site.pages) };
  const times: Record<Kind, Timing[]> = { ours: [], plain: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['plain', 'ours'] as const) : (['ours', 'plain'] as const);
      for (const kind of order) times[kind].push(timeBuild(dirs[kind]));
    }
  } finally {
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${site.label} (load average now ${load()}):`);
  for (const measure of ['wallMs', 'cpuMs'] as const) {
    const ours = times.ours.map((t) => t[measure]);
    const plain = times.plain.map((t) => t[measure]);
    // Each round's two builds ran back to back, under the same load: their ratios drift less.
    const ratios = ours.map((value, round) => value / plain[round]!);
    const what = measure === 'wallMs' ? 'wall time' : 'CPU time';
    console.log(`  ${what}: plain Starlight median ${(median(plain) / 1000).toFixed(2)} s (${seconds(plain)}); ours median ${(median(ours) / 1000).toFixed(2)} s (${seconds(ours)})`);
    console.log(`    ratio of the medians ${(median(ours) / median(plain)).toFixed(2)}x; round by round: median ${median(ratios).toFixed(2)}x (${ratios.map((r) => r.toFixed(2)).join(', ')})`);
    if (measure === 'wallMs') console.log(`    goal <= ${site.goal.toFixed(2)}x (round by round): ${median(ratios) <= site.goal ? 'ok' : 'OVER GOAL'}`);
  }
}

console.log(`bench:build, ${ROUNDS} rounds per site, load average at the start ${load()}`);
const only = process.env['BENCH_SITES']?.split(',');
const sites: Site[] = [
  { label: "the site's own pages", goal: 1.1, pages: 0 },
  { label: `the site plus ${GENERATED_PAGES} generated pages`, goal: 1.05, pages: GENERATED_PAGES },
];
for (const site of sites) if (!only || only.includes(String(site.pages))) bench(site);
