/**
 * The order test files start in, per project. Vitest starts the files that took longest in the
 * last run first, but a fresh clone (CI) has no last run, and Vitest then starts the largest
 * files first: a short file full of tests before a small file that spawns a whole build, which
 * then runs alone at the end. And in the site project, the two browser files first would both
 * wait for the one shared build while the second core idles. So the slow files named here start
 * first, in this order; every other file follows in Vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const FIRST: readonly string[] = [
  // unit: each spawns builds, npm or node many times.
  'test/traced-run.test.ts',
  'test/bundled-cli.test.ts',
  'test/rail-new.test.ts',
  'test/gate-e2e.test.ts',
  'test/check-cli.test.ts',
  'test/check-fix.test.ts',
  'test/relations.test.ts',
  'test/workspace.test.ts',
  'test/ci-wiring.test.ts',
  'test/gate-bad-input.test.ts',
  // site: one browser file builds the shared site while the other core runs freshness's own
  // builds; the second browser file starts when the shared build is most likely done.
  'test/browser-pages.test.ts',
  'test/freshness.test.ts',
  'test/browser-proof-map.test.ts',
  'test/browser-pages-phone.test.ts',
  'test/dev-server.test.ts',
  'test/build-gate.test.ts',
  'test/browser-proof-page.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Vitest's order keeps each project's files together, in the order the projects run.
    const projects = [...new Set(sorted.map((spec) => spec.project.name))];
    const rank = (spec: TestSpecification) => {
      const index = FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return index === -1 ? FIRST.length : index;
    };
    return projects.flatMap((name) => sorted.filter((spec) => spec.project.name === name).sort((a, b) => rank(a) - rank(b)));
  }
}
