/**
 * Script readings kept between runs (src/repo/reading-cache.ts): a kept reading is
 * used only while the repo answers every question it asked the same way; any other answer, a
 * reading that used the whole file list, a value of the wrong shape or a cache file that does
 * not fit makes a fresh reading. Through the gate, a run with the cache kept reports what a run
 * without it reports, after edits to a script and to a library it sources.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openReadingCache, openWorkspaceReadingCache } from '../src/repo/reading-cache.ts';
import { runGate } from '../src/gate/run.ts';
import type { RepoView } from '../src/core/types.ts';
import { makeRepoView } from './helpers/fs-repo.ts';
import { gateConfig } from './helpers/gate-config.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { projectRoot } from './helpers/site-fixture.ts';

const TEXT = z.object({ words: z.array(z.string()), lib: z.string() });
type Text = z.infer<typeof TEXT>;

function tempRepo(): { dir: string; write(file: string, text: string): void; cacheFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'reading-cache-'));
  mkdirSync(path.join(dir, 'repo', 'scripts'), { recursive: true });
  const write = (file: string, text: string) => writeFileSync(path.join(dir, 'repo', file), text);
  write('scripts/a.sh', 'one two\n');
  write('scripts/lib.sh', 'lib\n');
  return { dir, write, cacheFile: path.join(dir, 'cache', 'readings.json') };
}

/** A stand-in reading: the script's words, and whether the library it names is there. */
function counted() {
  const calls = { count: 0 };
  const compute = (view: RepoView): Text => {
    calls.count++;
    return { words: (view.read('scripts/a.sh') ?? '').split(/\s+/).filter(Boolean), lib: view.fileStatus('scripts/lib.sh') };
  };
  return { calls, compute };
}

/** One "run": a new view of the folder and the cache file opened afresh, then saved. */
function run(repo: ReturnType<typeof tempRepo>, compute: (view: RepoView) => Text, key = 'k'): Text {
  const cache = openReadingCache(repo.cacheFile);
  const value = cache.remember(key, makeRepoView(path.join(repo.dir, 'repo')), TEXT, compute);
  cache.save();
  return value;
}

describe('a kept reading', () => {
  it('is used by the next run while every answer holds, without reading again', () => {
    const repo = tempRepo();
    const { calls, compute } = counted();
    expect(run(repo, compute)).toEqual({ words: ['one', 'two'], lib: 'tracked' });
    expect(run(repo, compute)).toEqual({ words: ['one', 'two'], lib: 'tracked' });
    expect(calls.count).toBe(1);
  });

  it('is read again when a text it read changed, or a file it asked about came or went', () => {
    const repo = tempRepo();
    const { calls, compute } = counted();
    run(repo, compute);
    repo.write('scripts/a.sh', 'one two three\n');
    expect(run(repo, compute).words).toEqual(['one', 'two', 'three']);
    expect(calls.count).toBe(2);
    rmSync(path.join(repo.dir, 'repo', 'scripts', 'lib.sh'));
    expect(run(repo, compute).lib).toBe('missing');
    expect(calls.count).toBe(3);
    // Back to an earlier state: that variant is still kept.
    repo.write('scripts/lib.sh', 'lib\n');
    expect(run(repo, compute)).toEqual({ words: ['one', 'two', 'three'], lib: 'tracked' });
    expect(calls.count).toBe(3);
  });

  it('is not kept when the reading used the whole file list, which no question records', () => {
    const repo = tempRepo();
    let calls = 0;
    const listing = (view: RepoView): Text => {
      calls++;
      return { words: [...view.files()], lib: 'n/a' };
    };
    run(repo, listing);
    run(repo, listing);
    expect(calls).toBe(2);
  });

  it('is written once: runs that only use kept readings leave the file as it was, with two checkouts of one script path too', () => {
    const first = tempRepo();
    const second = tempRepo();
    second.write('scripts/a.sh', 'three four\n');
    const { calls, compute } = counted();
    const both = (cacheFile: string) => {
      const cache = openReadingCache(cacheFile);
      const values = [first, second].map((repo) => cache.remember('k', makeRepoView(path.join(repo.dir, 'repo')), TEXT, compute).words);
      cache.save();
      return values;
    };
    expect(both(first.cacheFile)).toEqual([['one', 'two'], ['three', 'four']]);
    const written = { text: readFileSync(first.cacheFile, 'utf8'), mtime: statSync(first.cacheFile).mtimeMs };
    for (let run = 0; run < 3; run++) expect(both(first.cacheFile)).toEqual([['one', 'two'], ['three', 'four']]);
    expect(calls.count).toBe(2);
    expect({ text: readFileSync(first.cacheFile, 'utf8'), mtime: statSync(first.cacheFile).mtimeMs }).toEqual(written);
  });

  it('is used under its own key only', () => {
    const repo = tempRepo();
    const { calls, compute } = counted();
    run(repo, compute, 'first');
    run(repo, compute, 'second');
    expect(calls.count).toBe(2);
  });
});

describe('the cache file', () => {
  const plant = (repo: ReturnType<typeof tempRepo>, change: (file: { version: number; code: string; entries: Record<string, Array<{ asked: unknown[]; value: unknown }>> }) => unknown) => {
    const file = JSON.parse(readFileSync(repo.cacheFile, 'utf8'));
    writeFileSync(repo.cacheFile, typeof change(file) === 'string' ? (change(file) as string) : JSON.stringify(file));
  };

  it('gives a kept value that the repo still backs, as it is written (so a stale one would show)', () => {
    const repo = tempRepo();
    const { calls, compute } = counted();
    run(repo, compute);
    plant(repo, (file) => {
      file.entries['k']![0]!.value = { words: ['planted'], lib: 'tracked' };
    });
    expect(run(repo, compute).words).toEqual(['planted']);
    expect(calls.count).toBe(1);
  });

  it('is written as ASCII, and a value with other characters comes back the same', () => {
    const repo = tempRepo();
    // Script text as the real repos have it: an arrow, an accent, a check mark, an emoji (two UTF-16 units).
    repo.write('scripts/a.sh', 'echo → café ✓ 🚀\n');
    const { calls, compute } = counted();
    const first = run(repo, compute);
    expect(first.words).toEqual(['echo', '→', 'café', '✓', '🚀']);
    // One-byte text reads back several times faster than text with any non-ASCII byte.
    expect([...readFileSync(repo.cacheFile)].every((byte) => byte < 0x80)).toBe(true);
    expect(run(repo, compute)).toEqual(first);
    expect(calls.count).toBe(1);
  });

  it('is set aside when a kept value has the wrong shape, when it is not JSON, when another version of the code wrote it', () => {
    const { calls, compute } = counted();
    const shapes: Array<(file: { version: number; code: string; entries: Record<string, Array<{ asked: unknown[]; value: unknown }>> }) => unknown> = [
      (file) => {
        file.entries['k']![0]!.value = { words: 'not a list' };
      },
      () => '{"version": 1, "code": ',
      (file) => {
        file.code = 'another version of the code';
      },
      (file) => {
        file.entries['k']![0]!.asked = [['unknown question', 'x']];
      },
      (file) => {
        file.version = 2;
      },
    ];
    for (const shape of shapes) {
      const repo = tempRepo();
      run(repo, compute);
      const before = calls.count;
      plant(repo, shape);
      expect(run(repo, compute)).toEqual({ words: ['one', 'two'], lib: 'tracked' });
      expect(calls.count).toBe(before + 1);
      // And the next run has a sound file again.
      expect(run(repo, compute).words).toEqual(['one', 'two']);
      expect(calls.count).toBe(before + 1);
    }
  });

  it('is never written through a symlink: the link and what it points to stay as they were', () => {
    const repo = tempRepo();
    mkdirSync(path.dirname(repo.cacheFile), { recursive: true });
    const elsewhere = path.join(repo.dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'keep me\n');
    symlinkSync(elsewhere, repo.cacheFile);
    const { calls, compute } = counted();
    expect(run(repo, compute).words).toEqual(['one', 'two']);
    expect(run(repo, compute).words).toEqual(['one', 'two']);
    expect(calls.count).toBe(2);
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep me\n');
  });
});

describe('one file per checked workspace', () => {
  it('keeps the files used last, a maintainer\'s checkout among them, and no more than eight', () => {
    const repo = tempRepo();
    const folder = path.join(repo.dir, 'cache');
    const { calls, compute } = counted();
    const runFrom = (root: string) => {
      const cache = openWorkspaceReadingCache(folder, root);
      cache.remember(`k ${root}`, makeRepoView(path.join(repo.dir, 'repo')), TEXT, compute);
      cache.save();
    };
    runFrom('/work/mesh-lang');
    for (let copy = 0; copy < 12; copy++) {
      runFrom(`/tmp/copy-${copy}`);
      runFrom('/work/mesh-lang'); // a hit: nothing written, the file marked used
    }
    expect(calls.count).toBe(13);
    const files = readdirSync(folder);
    expect(files).toHaveLength(8);
    expect(files.every((name) => /^readings-[0-9a-f]{16}\.json$/.test(name))).toBe(true);
    runFrom('/work/mesh-lang');
    expect(calls.count).toBe(13);
  });
});

describe('the gate with its cache kept', () => {
  const relationsOf = async (repoRoot: string, cacheDir: string | false) => {
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot, env: {}, cacheDir }));
    return {
      relations: JSON.stringify([...result.relations!.byRail]),
      ci: JSON.stringify([...result.ci!.byRail]),
      findings: result.diagnostics.map((d) => `${d.code} ${d.position.file}:${d.position.line}:${d.position.column}`).sort(),
    };
  };

  it('reports what a run without it reports: first, again, after edits to a sourced library, a script and a workflow', async () => {
    const repo = sampleRepoCopy();
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'gate-cache-'));
    const fresh = await relationsOf(repo.root, false);
    expect(await relationsOf(repo.root, cacheDir)).toEqual(fresh);
    const [file, ...others] = readdirSync(cacheDir).filter((entry) => entry.startsWith('readings-'));
    expect(others).toEqual([]);
    const kept = JSON.parse(readFileSync(path.join(cacheDir, file!), 'utf8'));
    expect(Object.keys(kept.entries).some((key) => key.includes('\0scripts/verify-m053-s02.sh\0'))).toBe(true);
    expect(await relationsOf(repo.root, cacheDir)).toEqual(fresh);

    // The library m045-s03 sources stops running m044-s04: the relation goes, with the cache kept.
    repo.edit('scripts/lib/m045-failover.sh', (text) => text.replaceAll('"$ROOT_DIR/scripts/verify-m044-s04.sh"', '"$ROOT_DIR/scripts/verify-m044-s04.sh.off"'));
    repo.commit();
    const afterLibrary = await relationsOf(repo.root, cacheDir);
    expect(afterLibrary).toEqual(await relationsOf(repo.root, false));
    expect(afterLibrary.findings.some((f) => f.startsWith('relation-'))).toBe(true);
    expect(afterLibrary).not.toEqual(fresh);

    // A rail script that now runs another rail.
    repo.edit('scripts/verify-m053-s03.sh', (text) => `${text}\nbash scripts/verify-m053-s01.sh\n`);
    repo.commit();
    const afterScript = await relationsOf(repo.root, cacheDir);
    expect(afterScript).toEqual(await relationsOf(repo.root, false));
    expect(afterScript.relations).not.toEqual(afterLibrary.relations);

    // A workflow step that stops running a rail, and a new step that runs a script not committed.
    repo.edit('.github/workflows/nightly.yml', (text) => text.replace('bash scripts/verify-m047-s06.sh', 'bash scripts/verify-m047-s05.sh\n          bash scripts/verify-not-there.sh'));
    repo.commit();
    const afterWorkflow = await relationsOf(repo.root, cacheDir);
    expect(afterWorkflow).toEqual(await relationsOf(repo.root, false));
    expect(afterWorkflow.ci).not.toEqual(afterScript.ci);
    expect(afterWorkflow.findings.filter((f) => f.startsWith('ci-script-missing'))).toHaveLength(1);
    // And once more, now from the cache, with the same finding.
    expect(await relationsOf(repo.root, cacheDir)).toEqual(afterWorkflow);

    // A step whose text is unchanged, but the script it runs is gone.
    repo.remove('scripts/verify-m053-s02.sh');
    repo.commit();
    const afterRemoval = await relationsOf(repo.root, cacheDir);
    expect(afterRemoval).toEqual(await relationsOf(repo.root, false));
    expect(afterRemoval.findings.filter((f) => f.startsWith('ci-script-missing'))).toHaveLength(2);
  });
});

describe('Rust readings and env names, kept', () => {
  /** The site's pages, and one that shows a flag, an env name and a Mesh function the sample repo does not have yet. */
  const docsWithPage = () => {
    const docsDir = mkdtempSync(path.join(tmpdir(), 'kept-docs-'));
    cpSync(path.join(projectRoot, 'src/content/docs'), docsDir, { recursive: true });
    writeFileSync(
      path.join(docsDir, 'kept.md'),
      ['---', 'title: Kept readings', '---', '', '```sh', 'MESH_KEPT_KNOB=1 meshc build --kept-flag .', '```', '', '```mesh', 'fn main() do', '  String.kept_fn("a")', 'end', '```', ''].join('\n'),
    );
    return docsDir;
  };
  const findingsOf = async (repoRoot: string, docsDir: string, cacheDir: string | false) => {
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot, docsDir, env: {}, cacheDir }));
    return result.diagnostics
      .filter((d) => d.position.file.endsWith('kept.md'))
      .map((d) => `${d.code} ${d.position.line}:${d.position.column} ${d.message}`)
      .sort();
  };

  it('follow edits of the clap source, the type checker and the source that reads env names, as a run without the cache does', async () => {
    const repo = sampleRepoCopy({ product: false });
    const docsDir = docsWithPage();
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'gate-cache-'));
    const codes = (findings: string[]) => findings.map((f) => f.split(' ')[0]);
    const fresh = await findingsOf(repo.root, docsDir, false);
    expect(codes(fresh)).toEqual(expect.arrayContaining(['cli-unknown-flag', 'env-unknown', 'mesh-api-unknown-function']));
    expect(await findingsOf(repo.root, docsDir, cacheDir)).toEqual(fresh);
    const [file] = readdirSync(cacheDir).filter((entry) => entry.startsWith('readings-'));
    const keys = Object.keys(JSON.parse(readFileSync(path.join(cacheDir, file!), 'utf8')).entries);
    for (const kind of ['cli-model\0meshc\0', 'mesh-api-table', 'mesh-api-flat', 'env-names\0']) expect(keys.some((key) => key.startsWith(kind))).toBe(true);
    // Again, now from the kept readings.
    expect(await findingsOf(repo.root, docsDir, cacheDir)).toEqual(fresh);

    repo.edit('compiler/meshc/src/main.rs', (text) => text.replace('        #[arg(long)]\n        emit_llvm: bool,', '        #[arg(long)]\n        emit_llvm: bool,\n\n        #[arg(long)]\n        kept_flag: bool,'));
    repo.commit();
    const afterClap = await findingsOf(repo.root, docsDir, cacheDir);
    expect(afterClap).toEqual(await findingsOf(repo.root, docsDir, false));
    expect(codes(afterClap)).not.toContain('cli-unknown-flag');

    repo.edit('compiler/mesh-typeck/src/infer.rs', (text) =>
      text.replace('    modules.insert("String".to_string(), string_mod);', '    string_mod.insert(\n        "kept_fn".to_string(),\n        Scheme::mono(Ty::fun(vec![Ty::string()], Ty::int())),\n    );\n    modules.insert("String".to_string(), string_mod);'),
    );
    repo.commit();
    const afterTypeck = await findingsOf(repo.root, docsDir, cacheDir);
    expect(afterTypeck).toEqual(await findingsOf(repo.root, docsDir, false));
    expect(codes(afterTypeck)).not.toContain('mesh-api-unknown-function');

    // A new commit whose source reads the name: the env names of that commit are indexed anew.
    repo.edit('compiler/meshc/src/cluster.rs', (text) => `${text}\nconst KEPT_KNOB: &str = "MESH_KEPT_KNOB";\n`);
    repo.commit();
    const afterEnv = await findingsOf(repo.root, docsDir, cacheDir);
    expect(afterEnv).toEqual(await findingsOf(repo.root, docsDir, false));
    expect(afterEnv).toEqual([]);
  });

  it('serve what was kept for the same texts and commit (so a stale one would show)', async () => {
    const repo = sampleRepoCopy({ product: false });
    const docsDir = docsWithPage();
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'gate-cache-'));
    await findingsOf(repo.root, docsDir, cacheDir);
    const [name] = readdirSync(cacheDir).filter((entry) => entry.startsWith('readings-'));
    const file = path.join(cacheDir, name!);
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    const keyOf = (start: string) => Object.keys(kept.entries).find((key) => key.startsWith(start))!;
    // Plant the flag, the function and the name in the kept readings: the gate must take them.
    const meshc = kept.entries[keyOf('cli-model\0meshc\0')][0].value;
    meshc.root.subcommands.find((command: { name: string }) => command.name === 'build').flags.push({ long: 'kept-flag', takesValue: false, global: false });
    kept.entries[keyOf('mesh-api-table')][0].value.modules.String.functions.kept_fn = { arity: 1, line: 1 };
    kept.entries[keyOf('env-names\0')][0].value.names.push('MESH_KEPT_KNOB');
    writeFileSync(file, JSON.stringify(kept));
    expect(await findingsOf(repo.root, docsDir, cacheDir)).toEqual([]);
    // A new commit is a new key for the env names; an edited main.rs makes the model read again.
    repo.edit('compiler/meshc/src/main.rs', (text) => `${text}\n`);
    repo.commit();
    expect((await findingsOf(repo.root, docsDir, cacheDir)).map((f) => f.split(' ')[0]).sort()).toEqual(['cli-unknown-flag', 'env-unknown']);
  });
});

describe('script arguments, kept', () => {
  /** The site's pages, and one that shows the Fly rail's script with a flag it does not take yet. */
  const docsWithFlag = () => {
    const docsDir = mkdtempSync(path.join(tmpdir(), 'kept-docs-'));
    cpSync(path.join(projectRoot, 'src/content/docs'), docsDir, { recursive: true });
    writeFileSync(path.join(docsDir, 'kept-args.md'), ['---', 'title: Kept arguments', '---', '', '```sh', 'bash scripts/verify-m043-s04-fly.sh --dry-run', '```', ''].join('\n'));
    return docsDir;
  };
  const findingsOf = async (repoRoot: string, docsDir: string, cacheDir: string | false) => {
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot, docsDir, env: {}, cacheDir }));
    return result.diagnostics.filter((d) => d.position.file.endsWith('kept-args.md')).map((d) => `${d.code} ${d.position.line}:${d.position.column}`);
  };
  const SCRIPT = 'scripts/verify-m043-s04-fly.sh';
  const ADD_FLAG = (text: string) => text.replace('  "") ;;\n', '  --dry-run) ;;\n  "") ;;\n');

  it('follow an edit of the script, as a run without the cache does, and serve a planted reading while the text is the same', async () => {
    const repo = sampleRepoCopy({ product: false });
    const docsDir = docsWithFlag();
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'gate-cache-'));
    const fresh = await findingsOf(repo.root, docsDir, false);
    expect(fresh.map((f) => f.split(' ')[0])).toEqual(['script-unknown-flag']);
    expect(await findingsOf(repo.root, docsDir, cacheDir)).toEqual(fresh);
    expect(await findingsOf(repo.root, docsDir, cacheDir)).toEqual(fresh);

    // The script learns the flag: the kept reading is not used for the new text.
    repo.edit(SCRIPT, ADD_FLAG);
    repo.commit();
    expect(await findingsOf(repo.root, docsDir, false)).toEqual([]);
    expect(await findingsOf(repo.root, docsDir, cacheDir)).toEqual([]);

    // A planted reading that refuses every argument is served while the text stays the same...
    const [name] = readdirSync(cacheDir).filter((entry) => entry.startsWith('readings-'));
    const file = path.join(cacheDir, name!);
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    const key = Object.keys(kept.entries).find((entry) => entry === `script-args\0${SCRIPT}`)!;
    kept.entries[key][0].value = { readable: true, flags: [['--help', { value: false }]], positional: { kind: 'none' } };
    writeFileSync(file, JSON.stringify(kept));
    expect((await findingsOf(repo.root, docsDir, cacheDir)).map((f) => f.split(' ')[0])).toEqual(['script-unknown-flag']);
    // ...and not after the script's text changed again.
    repo.edit(SCRIPT, (text) => `${text}\n`);
    repo.commit();
    expect(await findingsOf(repo.root, docsDir, cacheDir)).toEqual([]);
  });
});
