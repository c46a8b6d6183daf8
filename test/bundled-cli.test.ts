/**
 * `npm run check` starts the gate from one bundled file (scripts/run-bundled.mjs): the same
 * report as the modules themselves, a new bundle as soon as the code changes, and the modules
 * themselves when no bundle can be made. Each test works in a site copy with its own scripts/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySite, projectRoot } from './helpers/site-fixture.ts';

function siteWithScripts(): string {
  const site = copySite();
  cpSync(path.join(projectRoot, 'scripts'), path.join(site, 'scripts'), { recursive: true });
  cpSync(path.join(projectRoot, 'package-lock.json'), path.join(site, 'package-lock.json'));
  return site;
}

const bundlesOf = (site: string) => path.join(site, 'node_modules', '.cache', 'mesh-docs', 'bundles');
const bundleFiles = (site: string) => readdirSync(bundlesOf(site)).filter((name) => /^check-[0-9a-f]{16}\.mjs$/.test(name));

/** One check of the bundled sample from `site`, started the way npm starts it, or through scripts/ts.mjs. */
function check(site: string, launcher: 'run-bundled.mjs' | 'ts.mjs', json: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(site, 'scripts', launcher), 'scripts/check.ts', '--json', json], {
    cwd: site,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', MESH_REPO_ROOT: '', M055_HYPERPUSH_ROOT: '', DOCS_GATE_STRICT: '', ...env },
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe('the bundled check', () => {
  it('reports what the modules report, from one file kept for the next run', () => {
    const site = siteWithScripts();
    const bundled = check(site, 'run-bundled.mjs', path.join(site, 'bundled.json'));
    expect(bundled.out).toMatch(/^docs-truth gate: ok, 3 not on the map/m);
    expect(bundled.code).toBe(0);
    const [bundle] = bundleFiles(site);
    expect(bundle).toBeDefined();
    // Nothing of the modules' own places is left to point at the bundle.
    expect(readFileSync(path.join(bundlesOf(site), bundle!), 'utf8')).not.toMatch(/import\.meta\.(url|dirname|filename)/);
    const modules = check(site, 'ts.mjs', path.join(site, 'modules.json'));
    expect(modules.out).toBe(bundled.out);
    expect(readFileSync(path.join(site, 'modules.json'), 'utf8')).toBe(readFileSync(path.join(site, 'bundled.json'), 'utf8'));
    // The next run uses the kept file: its time does not move, no other appears.
    const made = lstatSync(path.join(bundlesOf(site), bundle!)).mtimeMs;
    expect(check(site, 'run-bundled.mjs', path.join(site, 'again.json')).out).toBe(bundled.out);
    expect(bundleFiles(site)).toEqual([bundle]);
    expect(lstatSync(path.join(bundlesOf(site), bundle!)).mtimeMs).toBe(made);
  });

  it('is made again when the code changes, and keeps the newest two', () => {
    const site = siteWithScripts();
    const terminal = path.join(site, 'src/gate/report/terminal.ts');
    const original = readFileSync(terminal, 'utf8');
    expect(check(site, 'run-bundled.mjs', path.join(site, 'r.json')).out).toMatch(/^docs-truth gate: ok/m);
    for (const word of ['fine', 'good']) {
      writeFileSync(terminal, original.replaceAll("'docs-truth gate: ok'", `'docs-truth gate: ${word}'`));
      expect(check(site, 'run-bundled.mjs', path.join(site, 'r.json')).out).toMatch(new RegExp(`^docs-truth gate: ${word}, 3 not on the map`, 'm'));
    }
    expect(bundleFiles(site)).toHaveLength(2);
  });

  it('is kept, with the kept readings, when a page or rails.yaml changes: they are data, not code', () => {
    const site = siteWithScripts();
    const cacheDir = path.join(site, 'readings');
    const env = { MESH_DOCS_CACHE_DIR: cacheDir };
    expect(check(site, 'run-bundled.mjs', path.join(site, 'r.json'), env).out).toMatch(/^docs-truth gate: ok/m);
    const [bundle] = bundleFiles(site);
    const [readings] = readdirSync(cacheDir).filter((entry) => entry.startsWith('readings-'));
    const kept = readFileSync(path.join(cacheDir, readings!), 'utf8');
    const rails = path.join(site, 'src/data/rails.yaml');
    writeFileSync(rails, `# a contributor's note\n${readFileSync(rails, 'utf8')}`);
    const page = path.join(site, 'src/content/docs/distributed-proof.md');
    writeFileSync(page, `${readFileSync(page, 'utf8')}\nOne more line.\n`);
    expect(check(site, 'run-bundled.mjs', path.join(site, 'r.json'), env).out).toMatch(/^docs-truth gate: ok/m);
    expect(bundleFiles(site)).toEqual([bundle]);
    // Written by the same code, so nothing was read afresh and the file is as it was.
    expect(readFileSync(path.join(cacheDir, readings!), 'utf8')).toBe(kept);
  });

  it('hands the gate the code digest the modules compute, and leaves Graphviz out of the bundle', () => {
    const site = siteWithScripts();
    // A bundled command that reads the code digest and draws a graph.
    writeFileSync(
      path.join(site, 'scripts/digest-and-graph.ts'),
      [
        "import { codeDigest } from '../src/core/code-digest.ts';",
        "import { loadGraphviz } from '../src/proof-map/graph/layout.ts';",
        'const graphviz = await loadGraphviz();',
        "const handed = typeof (globalThis as Record<symbol, unknown>)[Symbol.for('mesh-docs.code-digest')] === 'string';",
        "const drawn = graphviz.renderString('digraph { a -> b }', { format: 'svg' }).includes('<svg');",
        'console.log(JSON.stringify({ digest: codeDigest(), handed, drawn }));',
      ].join('\n'),
    );
    const run = (launcher: string) => JSON.parse(spawnSync(process.execPath, [path.join(site, 'scripts', launcher), 'scripts/digest-and-graph.ts'], { cwd: site, encoding: 'utf8' }).stdout);
    const bundled = run('run-bundled.mjs');
    const modules = run('ts.mjs');
    // The launcher read the files once for both digests; the gate's is the one its modules make.
    expect(bundled).toEqual({ digest: modules.digest, handed: true, drawn: true });
    expect(modules).toMatchObject({ handed: false, drawn: true });
    // The check's own bundle, which holds every module the gate uses.
    expect(check(site, 'run-bundled.mjs', path.join(site, 'r.json')).code).toBe(0);
    const text = readFileSync(path.join(bundlesOf(site), bundleFiles(site)[0]!), 'utf8');
    // Graphviz (1.5 MB) is imported from node_modules when asked for, not carried in every bundle.
    expect(text).toContain('import("@viz-js/viz")');
    expect(text.length).toBeLessThan(2_500_000);
    // ASCII only: one non-ASCII character (a comment's `’`) made Node hold the whole text as two-byte.
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    // zod's messages in English alone: its other 60 languages were a fifth of the bundle.
    expect(text).toContain('Invalid input');
    expect(text).not.toContain('erwartet'); // German
    expect(text).not.toContain('attendu'); // French
    // And a schema error from the bundled check still reads as the modules word it.
    const rails = path.join(site, 'src/data/rails.yaml');
    writeFileSync(rails, readFileSync(rails, 'utf8').replace('    tier: public\n', '    tier: publik\n'));
    const bundledError = check(site, 'run-bundled.mjs', path.join(site, 'e1.json'));
    expect(bundledError.code).toBe(1);
    expect(bundledError.out).toMatch(/rails\.yaml:\d+:\d+ error yaml-schema .*publik/);
    expect(check(site, 'ts.mjs', path.join(site, 'e2.json')).out).toBe(bundledError.out);
  });

  it('keeps the digests of unchanged code by the files\' stat, and sees an edit that keeps size and time', () => {
    const site = siteWithScripts();
    const record = path.join(bundlesOf(site), 'check.digests.json');
    const codeFiles = [
      ...['src', 'scripts'].flatMap((folder) =>
        readdirSync(path.join(site, folder), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.join(entry.parentPath, entry.name)),
      ),
      path.join(site, 'package-lock.json'),
    ];
    // Files modified just now: their stat may not move with an edit in the same clock tick, so
    // no record is made.
    expect(check(site, 'run-bundled.mjs', path.join(site, 'r.json')).out).toMatch(/^docs-truth gate: ok/m);
    expect(() => lstatSync(record)).toThrow();
    // An hour old: recorded.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const file of codeFiles) utimesSync(file, anHourAgo, anHourAgo);
    check(site, 'run-bundled.mjs', path.join(site, 'r.json'));
    const kept = JSON.parse(readFileSync(record, 'utf8'));
    // A planted bundle digest is used while no file changed: the run makes a bundle by that name.
    writeFileSync(record, JSON.stringify({ ...kept, digests: { ...kept.digests, bundle: 'f'.repeat(16) } }));
    expect(check(site, 'run-bundled.mjs', path.join(site, 'r.json')).out).toMatch(/^docs-truth gate: ok/m);
    expect(bundleFiles(site)).toContain(`check-${'f'.repeat(16)}.mjs`);
    // An edit of the same size, its modification time put back: its change time still moved.
    const terminal = path.join(site, 'src/gate/report/terminal.ts');
    writeFileSync(terminal, readFileSync(terminal, 'utf8').replaceAll("'docs-truth gate: ok'", "'docs-truth gate: OK'"));
    utimesSync(terminal, anHourAgo, anHourAgo);
    expect(check(site, 'run-bundled.mjs', path.join(site, 'r.json')).out).toMatch(/^docs-truth gate: OK, 3 not on the map/m);
    // A link in the record's place is neither read nor written through.
    const outside = path.join(site, 'outside.json');
    writeFileSync(outside, JSON.stringify(kept));
    rmSync(record, { force: true });
    symlinkSync(outside, record);
    expect(check(site, 'run-bundled.mjs', path.join(site, 'r.json')).out).toMatch(/^docs-truth gate: OK/m);
    expect(readFileSync(outside, 'utf8')).toBe(JSON.stringify(kept));
    expect(readlinkSync(record)).toBe(outside);
  });

  it('falls back to the modules when no bundle can be written, and never writes through a link', () => {
    const site = siteWithScripts();
    const first = check(site, 'run-bundled.mjs', path.join(site, 'r.json'));
    const [bundle] = bundleFiles(site);
    // A link where the bundle goes, to a file outside: read by nobody, written by nobody.
    const outside = path.join(site, 'outside.mjs');
    writeFileSync(outside, 'throw new Error("the link was followed");\n');
    rmSync(path.join(bundlesOf(site), bundle!));
    symlinkSync(outside, path.join(bundlesOf(site), bundle!));
    const linked = check(site, 'run-bundled.mjs', path.join(site, 'r.json'));
    expect(linked.out).toBe(first.out);
    expect(linked.code).toBe(0);
    expect(readlinkSync(path.join(bundlesOf(site), bundle!))).toBe(outside);
    expect(readFileSync(outside, 'utf8')).toBe('throw new Error("the link was followed");\n');
    // The bundles folder is a file: nothing can be written, the check still runs.
    rmSync(bundlesOf(site), { recursive: true });
    writeFileSync(bundlesOf(site), 'not a folder\n');
    const blocked = check(site, 'run-bundled.mjs', path.join(site, 'r.json'));
    expect(blocked.out).toBe(first.out);
    expect(blocked.code).toBe(0);
  });
});
