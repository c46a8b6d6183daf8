/**
 * `npm run layers`: the folders of src/ import only downward. Each folder sits on a floor
 * (`FLOORS`, bottom first); a module may import its own folder or a folder on a lower floor,
 * never one beside it or above it, so no two folders can depend on each other. Module-level
 * import cycles are refused too. A file in a folder the table does not name fails closed.
 * Type-only imports count: a loop of types is still a loop for whoever changes them.
 * The import graph is read with oxc-parser (TypeScript syntax, no type checker needed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseSync } from 'oxc-parser';
import { findCycles } from '../src/core/cycles.ts';

/** Folders of src/, bottom floor first. `.` is src/ itself (content.config.ts). */
export const FLOORS: readonly (readonly string[])[] = [
  ['core'], // diagnostics, codes, confinement, did-you-mean, UTF-8, positions, repo URLs, site paths
  ['repo'], // a read-only, root-confined view of a checkout, and which checkout
  ['config'], // the one parsed configuration (zod): paths, repo, results, graph, strictness
  ['rails'], // rails.yaml: schema, loader, model, last results
  ['markdown', 'highlight'], // phone markup; the Mesh grammar
  ['proof-map'], // generated sections (and graph/)
  ['gate/tree-sitter'],
  ['gate/shell'],
  ['gate/extract', 'gate/clap'],
  ['gate/relations'],
  ['gate/resolvers'],
  ['gate/checks'],
  ['gate/workspace'],
  ['gate/workflows'], // CI wiring read from the workflows
  ['gate/report'],
  ['gate'], // run.ts, cli.ts, cli-options.ts
  ['built-site', 'authoring'], // the check of dist/; contributor tooling on rails.yaml (check --fix, rail new)
  ['integrations'],
  ['.'], // content.config.ts: Astro's content config, which wires the docs loader
];

const CODE = /\.(ts|mts|mjs|js)$/;

export interface LayerProblem {
  /** File (relative to the project root) that holds the import, or the file in an unknown folder. */
  file: string;
  message: string;
}

/** The floor key of a file relative to src/: the longest folder in `FLOORS` holding it. */
function unitOf(relative: string, units: ReadonlyMap<string, number>): string | undefined {
  const own = path.posix.dirname(relative);
  // `.` holds only the files directly in src/; a new folder is on no floor until it is named.
  for (let folder = own; folder !== '.'; folder = path.posix.dirname(folder)) if (units.has(folder)) return folder;
  return own === '.' && units.has('.') ? '.' : undefined;
}

/** Relative specifiers a module imports (static, re-exports, dynamic with a string literal). */
export function importsOf(file: string, source: string): string[] {
  const { module } = parseSync(file, source);
  const specifiers = [
    ...module.staticImports.map((entry) => entry.moduleRequest.value),
    ...module.staticExports.flatMap((entry) => entry.entries.map((item) => item.moduleRequest?.value)),
    ...module.dynamicImports.map((entry) => source.slice(entry.moduleRequest.start, entry.moduleRequest.end).replace(/^(['"])(.*)\1$/, '$2')),
  ];
  return specifiers.filter((value): value is string => typeof value === 'string' && value.startsWith('.'));
}

/** Every layering problem of the modules under `srcDir`; empty when the rule holds. */
export function checkLayers(srcDir: string, floors: readonly (readonly string[])[] = FLOORS): LayerProblem[] {
  const units = new Map<string, number>();
  floors.forEach((folders, floor) => folders.forEach((folder) => units.set(folder, floor)));
  const shown = (relative: string) => path.posix.join(path.basename(srcDir), relative);
  const files = readdirSync(srcDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && CODE.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(srcDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  const problems: LayerProblem[] = [];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const unit = unitOf(file, units);
    if (unit === undefined) {
      problems.push({ file: shown(file), message: `its folder is on no floor: add ${path.posix.dirname(file)} to FLOORS in scripts/layers.ts` });
      continue;
    }
    const targets: string[] = [];
    for (const specifier of importsOf(file, readFileSync(path.join(srcDir, file), 'utf8'))) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      if (target.startsWith('../')) {
        problems.push({ file: shown(file), message: `imports ${specifier}, outside src/` });
        continue;
      }
      targets.push(target);
      const targetUnit = unitOf(target, units);
      if (targetUnit === undefined || targetUnit === unit) continue;
      const from = units.get(unit)!;
      const to = units.get(targetUnit)!;
      if (to > from) problems.push({ file: shown(file), message: `imports ${shown(target)} upward (${unit}/ is below ${targetUnit}/): move the shared part down` });
      else if (to === from) problems.push({ file: shown(file), message: `imports ${shown(target)} sideways (${unit}/ and ${targetUnit}/ share a floor)` });
    }
    graph.set(file, targets);
  }
  for (const cycle of findCycles(graph)) {
    problems.push({ file: shown(cycle[0]!), message: `import cycle: ${[...cycle, cycle[0]!].map(shown).join(' -> ')}` });
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problems = checkLayers(fileURLToPath(new URL('../src', import.meta.url)));
  for (const problem of problems) console.error(`${problem.file}: ${problem.message}`);
  console.log(problems.length === 0 ? `layers: ok (${FLOORS.length} floors, every import downward, no cycles)` : `layers: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
