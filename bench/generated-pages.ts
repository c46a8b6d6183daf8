/**
 * Generated pages for `npm run bench:build`: a site of hundreds of pages, as a new user adds
 * them (under `gen/`, not in the sidebar). Each page has a few headed sections, links to its
 * neighbours (one with a `#fragment`) and to a rail's row on the proof page, so the gate's
 * source check and the built-site scan have real work on every page, and every link resolves.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Rails of the bundled sample's rails.yaml: their rows are `#rail-<id>` on the proof page. */
const RAILS = ['m053-s01', 'm053-s02', 'm053-s03', 'm051-s01', 'm047-s04', 'm046-s06', 'm045-s05', 'm044-s04'];

const slug = (i: number): string => `page-${String(i).padStart(3, '0')}`;

function page(i: number, count: number): string {
  const next = slug((i + 1) % count);
  const previous = slug((i + count - 1) % count);
  const rail = RAILS[i % RAILS.length]!;
  const sections = ['Overview', 'Setup', 'Failure modes', 'Recovery'].map(
    (heading, s) =>
      `## ${heading}\n\nThis section of page ${i} explains step ${s + 1} of the walkthrough in a few plain sentences, ` +
      `so that the page has the weight of a real guide. Nodes connect, a leader is chosen, work moves when a node goes away.\n`,
  );
  return [
    '---',
    `title: Generated page ${i}`,
    `description: Page ${i} of a generated site for the build benchmark.`,
    '---',
    '',
    `Read [the next page](/gen/${next}/) or [the setup of the previous one](/gen/${previous}/#setup).`,
    `The rail that proves this is [${rail}](/distributed-proof/#rail-${rail}).`,
    '',
    ...sections,
  ].join('\n');
}

/** Writes `count` pages under `<docsDir>/gen/`; returns their folder. */
export function writeGeneratedPages(docsDir: string, count: number): string {
  const folder = path.join(docsDir, 'gen');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(path.join(folder, `${slug(i)}.md`), page(i, count));
  return folder;
}
