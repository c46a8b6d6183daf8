/**
 * Starts a TypeScript CLI of the project from one bundled file: `node scripts/run-bundled.mjs
 * scripts/check.ts [arguments]` (`npm run check`). Loading the gate module by module means
 * resolving and reading about 440 files (our own, zod, yaml, Sätteri...), about 0.2 s of the
 * 1.1 s a check of the real workspace takes; one file loads in a fraction of that.
 *
 * The bundle is made by esbuild on the first run after any change and kept in
 * node_modules/.cache/mesh-docs/bundles/, named by a digest of everything it is made from:
 * this file, every file under src/ (pages and rails.yaml aside) and scripts/, package-lock.json
 * and the site's own path (the bundle holds absolute paths). Each module keeps its own `import.meta.url`, `dirname`
 * and `filename` (rewritten to where the module lives), so code that finds files next to
 * itself (the grammars, the code digest) reads what it would read unbundled.
 *
 * Anything that goes wrong while bundling (esbuild missing, a folder that cannot be written)
 * falls back to loading the modules themselves, as scripts/ts.mjs does: slower, same result.
 * The bundle is written atomically and only over a regular file. Node's compile cache is on,
 * so a kept bundle is not compiled again either.
 *
 * Plain JavaScript on purpose, with its own small digest and atomic write rather than
 * src/core/code-digest.ts and src/core/atomic-file.ts: importing any TypeScript file here
 * would load Node's type stripper (0.1-0.15 s) before the bundle could save anything. Its
 * digest also covers scripts/ and the site's path, which the gate's code digest does not. The
 * same pass over the files makes the gate's code digest too, by core/code-digest.ts's own
 * rule, and hands it over (a global under one symbol): the files are read once, not twice.
 * test/bundled-cli.test.ts holds the two rules to the same answer. Both digests are kept beside
 * the bundles by the files' stat, so a run whose code did not change reads no file of it.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

enableCompileCache();
const SITE = path.resolve(import.meta.dirname, '..');
const BUNDLES = path.join(SITE, 'node_modules', '.cache', 'mesh-docs', 'bundles');
/** Bundles kept per script: the newest, and the one before it (a branch switched back and forth). */
const KEPT_PER_SCRIPT = 2;
/** Pages and rails.yaml are not code; editing them must not cost a new bundle. */
const NOT_CODE = new Set([path.join(SITE, 'src', 'content'), path.join(SITE, 'src', 'data')]);
/** A code file modified this recently may keep its stat through an edit (see codeDigests). */
const RACY_MS = 3000;
/** Where src/core/code-digest.ts finds the digest handed over. */
const HANDED_CODE_DIGEST = Symbol.for('mesh-docs.code-digest');

const [script] = process.argv.splice(2, 1);
if (script === undefined || !script.endsWith('.ts')) {
  process.stderr.write('usage: node scripts/run-bundled.mjs <script.ts> [arguments]\n');
  process.exit(2);
}
const entry = path.resolve(script);
// The script sees itself as the entry: process.argv[1] is its path, its arguments follow.
process.argv[1] = entry;

let target = pathToFileURL(entry).href;
try {
  const digests = codeDigests(entry);
  globalThis[HANDED_CODE_DIGEST] = digests.gate;
  target = pathToFileURL(await bundleOf(entry, digests.bundle)).href;
} catch {
  // No bundle: the modules themselves (the bundle's only purpose is speed).
}
// Outside the try: an error of the script itself is its own, never a reason to run it twice.
await import(target);

/** The kept bundle of `entry` for the code as it is now (`digest`), made first when there is none. */
async function bundleOf(entry, digest) {
  const name = path.basename(entry, '.ts');
  const file = path.join(BUNDLES, `${name}-${digest}.mjs`);
  if (isRegularFile(file)) return file;
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    write: false,
    logLevel: 'silent',
    // No comments, no layout: a third of the size to read and parse. A comment with one non-ASCII
    // character (a dependency's `’`) also made Node hold the whole source as two-byte text.
    minifyWhitespace: true,
    // Graphviz (1.5 MB, its WASM inlined) draws the graph for readers; the gate never does. Left
    // out, it still loads from node_modules on the day a bundled command asks for it.
    external: ['@viz-js/viz'],
    plugins: [keepModulePlaces(), englishOnlyZod()],
    // CommonJS dependencies call `require`, which an ES module does not have.
    banner: { js: `import { createRequire as __meshDocsRequire } from 'node:module'; const require = __meshDocsRequire(${JSON.stringify(pathToFileURL(entry).href)});` },
  });
  const text = built.outputFiles[0]?.text;
  if (text === undefined) throw new Error('esbuild wrote nothing');
  writeAtomically(file, text);
  pruneOlder(name, file);
  return file;
}

/**
 * zod's namespace of translated messages (some 60 languages, 0.3 MB: a fifth of the bundle) is
 * imported whole by zod's entry, while zod itself uses English and no code of ours names
 * another language. Bundled, that namespace holds English alone. Should zod move the file,
 * nothing matches and the bundle is only larger.
 */
function englishOnlyZod() {
  return {
    name: 'english-only-zod',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir) ? { path: path.join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'english-only-zod' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'english-only-zod' }, (args) => ({
        contents: 'export { default as en } from "./en.js";',
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

/**
 * Rewrites `import.meta.url`, `.dirname` and `.filename` in each module to the module's own
 * place: bundled, they would all name the bundle.
 */
function keepModulePlaces() {
  return {
    name: 'keep-module-places',
    setup(build) {
      build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta')) return undefined;
        const contents = text
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path));
        return { contents, loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/**
 * The digests of the code (`codeDigestsOf`), or the ones an earlier run made when no file has
 * changed since: reading and hashing some 250 files costs about 20 ms of every check, looking
 * at their stat a fraction of that. A file's stat here is its size, inode and modification and
 * change times to the nanosecond: an edit moves its change time whatever else it keeps (even
 * when a tool puts the modification time back). The record is written only when every file was
 * last modified RACY_MS or more before it was made (git's rule for a "racily clean" index): an
 * edit within the filesystem's clock tick of the record could otherwise leave the same stat.
 */
function codeDigests(entry) {
  const files = codeFiles();
  const startedAt = Date.now();
  const stats = [import.meta.filename, ...files.src, ...files.scripts, files.lock].map((file) => {
    const stat = lstatSync(file, { bigint: true });
    return { line: `${file}\0${stat.size}\0${stat.ino}\0${stat.mtimeNs}\0${stat.ctimeNs}`, modifiedMs: Number(stat.mtimeMs) };
  });
  const signature = createHash('sha256').update(`${SITE}\0${entry}\0`).update(stats.map((stat) => stat.line).join('\n')).digest('hex');
  const record = path.join(BUNDLES, `${path.basename(entry, '.ts')}.digests.json`);
  const kept = readDigests(record);
  if (kept?.signature === signature) return kept.digests;
  const digests = codeDigestsOf(entry, files);
  if (stats.every((stat) => stat.modifiedMs < startedAt - RACY_MS)) {
    try {
      writeAtomically(record, JSON.stringify({ signature, digests }));
    } catch {
      // not kept: the next run reads the files again
    }
  }
  return digests;
}

/** The digests a run recorded, when the file is a small regular file of that shape. */
function readDigests(file) {
  try {
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > 4096) return undefined;
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    const fits = typeof kept?.signature === 'string' && /^[0-9a-f]{16}$/.test(kept.digests?.bundle) && /^[0-9a-f]{64}$/.test(kept.digests?.gate);
    return fits ? kept : undefined;
  } catch {
    return undefined;
  }
}

/** The code files: src/ (pages and rails.yaml aside), scripts/, the lock file. */
function codeFiles() {
  return { src: filesUnder(path.join(SITE, 'src')), scripts: filesUnder(path.join(SITE, 'scripts')), lock: path.join(SITE, 'package-lock.json') };
}

/**
 * `bundle`: what the bundle is made from; a change in any of it makes another bundle.
 * `gate`: src/core/code-digest.ts's digest (the same files of src/, then the lock file), which
 * keys the gate's kept readings.
 */
function codeDigestsOf(entry, files) {
  const bundle = createHash('sha256');
  const gate = createHash('sha256');
  const src = path.join(SITE, 'src');
  bundle.update(`${SITE}\0${entry}\0`).update(readFileSync(import.meta.filename));
  for (const file of files.src) {
    const content = readFileSync(file);
    bundle.update(`\0${path.relative(SITE, file)}\0`).update(content);
    gate.update(path.relative(src, file)).update('\0').update(content).update('\0');
  }
  for (const file of files.scripts) bundle.update(`\0${path.relative(SITE, file)}\0`).update(readFileSync(file));
  // Without a lock file this throws: no bundle, and the gate makes its digest itself.
  const lock = readFileSync(files.lock);
  bundle.update('\0package-lock.json\0').update(lock);
  gate.update(lock);
  return { bundle: bundle.digest('hex').slice(0, 16), gate: gate.digest('hex') };
}

/**
 * The files under `root`, pages and rails.yaml aside, sorted. A walk of our own: Node's
 * recursive readdir took about twice as long (some 8 ms of every check).
 */
function filesUnder(root) {
  const found = [];
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop();
    for (const dirent of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, dirent.name);
      if (dirent.isDirectory()) {
        if (!NOT_CODE.has(full)) pending.push(full);
      } else if (dirent.isFile()) {
        found.push(full);
      }
    }
  }
  return found.sort();
}

function isRegularFile(file) {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/** Writes beside the target, then renames over it; never through a link or over a folder. */
function writeAtomically(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    if (!lstatSync(file).isFile()) throw new Error(`${file} is not a regular file`);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { flag: 'wx' });
  renameSync(temporary, file);
}

/** Keeps the newest bundles of this script; the others are from code that is gone. */
function pruneOlder(name, current) {
  const bundles = readdirSync(BUNDLES, { withFileTypes: true })
    .filter((dirent) => dirent.isFile() && dirent.name.length === name.length + 21 && /^-[0-9a-f]{16}\.mjs$/.test(dirent.name.slice(name.length)) && dirent.name.startsWith(name))
    .map((dirent) => path.join(BUNDLES, dirent.name))
    .filter((file) => file !== current)
    .map((file) => ({ file, time: lstatSync(file).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { file } of bundles.slice(KEPT_PER_SCRIPT - 1)) rmSync(file, { force: true });
}
