/**
 * Readings kept between runs, so a check of unchanged scripts and workflows does not parse them
 * again (the way ESLint's `--cache` or TypeScript's build info work): what a script runs
 * (read-script.ts), a workflow file and what each of its `run:` steps runs (workflows/).
 * Reading a script asks its repo questions: the text of the script and of each file it
 * sources, whether a path it runs is tracked, how a path normalises. A kept reading holds every
 * question with the answer it got, and is used only when the repo gives the same answer to
 * each of them now (texts compared by digest). So an edited script, an edited library it
 * sources, a script it runs that was added or removed, each make a fresh reading; nothing is
 * keyed on times or on a folder list. The file also names the code it was made by
 * (core/code-digest.ts): other code starts afresh.
 *
 * The file is data from disk like any other input: read only when it is a regular file of
 * sane size, checked against a schema (the caller's, for its values), and dropped whole when
 * anything does not fit. Written atomically, only over a regular file; a cache that cannot be
 * written costs time, not correctness, so a failed write is ignored.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { asciiJson } from '../core/ascii-json.ts';
import { readRegularFile, writeFileAtomically } from '../core/atomic-file.ts';
import { codeDigest } from '../core/code-digest.ts';
import type { RepoView } from '../core/types.ts';

const FILE_VERSION = 1;
/** A larger file is not read (the real workspace's readings take well under 1 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Readings kept per key (the same script in a few checkouts), newest first. */
const MAX_VARIANTS = 4;
/** Keys kept per file; the oldest made go first. */
const MAX_KEYS = 5_000;
/** Files kept in the cache folder, one per checked repo root; the least recently used go first. */
const MAX_FILES = 8;
const CACHE_FILE = /^readings-[0-9a-f]{16}\.json$/;

type FileStatus = ReturnType<RepoView['fileStatus']>;

/** One question a reading asked its repo, with the answer it got. */
type Asked =
  | ['read', string, string | null]
  | ['status', string, FileStatus]
  | ['dir', string, boolean]
  | ['dirStatus', string, FileStatus | null]
  | ['normalise', string, string | null, string | null];

interface Variant {
  asked: Asked[];
  value: unknown;
}

/**
 * The file's outline only; each kept reading's questions and value are checked when a run
 * looks at them (most runs use a few of many), so loading stays a JSON parse.
 */
const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  code: z.string(),
  entries: z.record(z.string(), z.array(z.object({ asked: z.array(z.array(z.unknown())), value: z.unknown() }))),
});

export interface ReadingCache {
  /**
   * The value `compute` gave earlier for `key` from a repo that answered its questions as
   * `view` does now; else `compute(view)` itself, kept for the next run. `compute` must read the
   * repo only through the view it is given; a reading that asks for the whole file list (or
   * the root) is not kept. `schema` checks a kept value before it is used.
   */
  remember<T>(key: string, view: RepoView, schema: z.ZodType<T>, compute: (view: RepoView) => T): T;
  /** `remember` for a reading that awaits something (a parser's grammar) before it reads. */
  rememberAsync<T>(key: string, view: RepoView, schema: z.ZodType<T>, compute: (view: RepoView) => Promise<T>): Promise<T>;
  /**
   * For a value its key names completely (a commit id and the digest of a file list): the
   * value kept for `key`, if it fits `schema`. Kept with `keep`; no question is asked.
   */
  recall<T>(key: string, schema: z.ZodType<T>): T | undefined;
  keep(key: string, value: unknown): void;
  /** Writes what this run made, when it made anything; true when the file was written. */
  save(): boolean;
  /** True when this run made a reading that could not be kept (it will be made again next run). */
  leftUnkept(): boolean;
}

const caches = new WeakMap<RepoView, ReadingCache>();

/** Readings made through this checkout's view are kept in `cache` (the gate hands its cache to each checkout it opens). */
export function keepReadingsIn(view: RepoView, cache: ReadingCache): void {
  caches.set(view, cache);
}

/** The cache readings of this view are kept in, if any. */
export function readingCacheOf(view: RepoView): ReadingCache | undefined {
  return caches.get(view);
}

/**
 * The cache of the workspace checked from `root`, in its own file in `folder`: another
 * checkout (the bundled sample, a test's copy, a benchmark's repo) never fills the file a
 * maintainer's runs load. Files not used lately are removed when another is written, so the
 * folder holds a few at most.
 */
export function openWorkspaceReadingCache(folder: string, root: string, code: string = codeDigest()): ReadingCache {
  const file = path.join(folder, `readings-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
  const cache = openReadingCache(file, code);
  try {
    // Marks the file used (its time, not its bytes): a run that only hits writes nothing.
    const now = new Date();
    if (lstatSync(file).isFile()) utimesSync(file, now, now);
  } catch {
    // not there yet
  }
  return {
    ...cache,
    save() {
      const written = cache.save();
      if (written) pruneFolder(folder);
      return written;
    },
  };
}

/** Removes all but the MAX_FILES cache files used last; only regular files of the cache's own name. */
function pruneFolder(folder: string): void {
  try {
    const files = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && CACHE_FILE.test(entry.name))
      .map((entry) => ({ file: path.join(folder, entry.name), used: lstatSync(path.join(folder, entry.name)).mtimeMs }))
      .sort((a, b) => b.used - a.used);
    for (const old of files.slice(MAX_FILES)) rmSync(old.file, { force: true });
  } catch {
    // a folder that cannot be listed keeps what it has
  }
}

/** The cache kept in `file` (created on the first save), for readings made by the code whose digest is `code`. */
export function openReadingCache(file: string, code: string = codeDigest()): ReadingCache {
  const entries = loadEntries(file, code);
  let changed = false;
  let unkept = false;

  /**
   * The digest of each file's text, by view: many readings ask for the same file (a library
   * every script sources), and a view reads each file once per run, so each is hashed once.
   */
  const digests = new WeakMap<RepoView, Map<string, string | null>>();
  const digestIn = (view: RepoView) => (file: string): string | null => {
    let known = digests.get(view);
    if (known === undefined) digests.set(view, (known = new Map()));
    let digest = known.get(file);
    if (digest === undefined) {
      const text = view.read(file);
      digest = text === undefined ? null : textDigest(text);
      known.set(file, digest);
    }
    return digest;
  };
  /** The kept value whose questions `view` answers the same way now, if it fits `schema`. */
  const hit = <T>(key: string, view: RepoView, schema: z.ZodType<T>): { value: T } | undefined => {
    for (const variant of entries.get(key) ?? []) {
      if (!answersHold(view, variant.asked, digestIn(view))) continue;
      if (!schema.safeParse(variant.value).success) return undefined;
      // A hit changes nothing, so a run that only hits writes nothing (two checkouts with a
      // script of the same path would otherwise swap their order, and the file, every run).
      // The value as it was written, not the schema's copy: its keys keep their order, so
      // the reports are the same bytes with and without the cache.
      return { value: variant.value as T };
    }
    return undefined;
  };
  /** Keeps what a reading through `recorder` gave, unless it used what no question records. */
  const keepReading = (key: string, recorder: RecordingView, value: unknown): void => {
    if (recorder.unrecordable) {
      unkept = true;
      return;
    }
    touch(entries, key, [{ asked: recorder.asked(), value }, ...(entries.get(key) ?? [])].slice(0, MAX_VARIANTS));
    changed = true;
  };

  return {
    remember<T>(key: string, view: RepoView, schema: z.ZodType<T>, compute: (view: RepoView) => T): T {
      const kept = hit(key, view, schema);
      if (kept) return kept.value;
      const recorder = new RecordingView(view);
      const value = compute(recorder);
      keepReading(key, recorder, value);
      return value;
    },
    async rememberAsync<T>(key: string, view: RepoView, schema: z.ZodType<T>, compute: (view: RepoView) => Promise<T>): Promise<T> {
      const kept = hit(key, view, schema);
      if (kept) return kept.value;
      const recorder = new RecordingView(view);
      const value = await compute(recorder);
      keepReading(key, recorder, value);
      return value;
    },
    recall<T>(key: string, schema: z.ZodType<T>): T | undefined {
      const [variant] = entries.get(key) ?? [];
      if (variant === undefined || variant.asked.length > 0 || !schema.safeParse(variant.value).success) return undefined;
      return variant.value as T;
    },
    keep(key: string, value: unknown): void {
      touch(entries, key, [{ asked: [], value }]);
      changed = true;
    },
    leftUnkept: () => unkept,
    save() {
      if (!changed) return false;
      while (entries.size > MAX_KEYS) entries.delete(entries.keys().next().value!);
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileAtomically(file, asciiJson({ version: FILE_VERSION, code, entries: Object.fromEntries(entries) }));
        changed = false;
        return true;
      } catch {
        // A read-only checkout or a refused target: the next run reads afresh, with the same result.
        return false;
      }
    },
  };
}

/** Moves `key` to the end (the newest made). */
function touch(entries: Map<string, Variant[]>, key: string, variants: Variant[]): void {
  entries.delete(key);
  entries.set(key, variants);
}

function loadEntries(file: string, code: string): Map<string, Variant[]> {
  try {
    const bytes = readRegularFile(file, MAX_FILE_BYTES);
    if (bytes === undefined) return new Map();
    const parsed = fileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success || parsed.data.code !== code) return new Map();
    return new Map(Object.entries(parsed.data.entries) as Array<[string, Variant[]]>);
  } catch {
    return new Map(); // missing, unreadable or not JSON: start afresh
  }
}

/** How texts are compared (and named in keys): a digest, not the text itself. */
export const textDigest = (text: string): string => createHash('sha256').update(text).digest('base64');

const STATUSES: ReadonlySet<unknown> = new Set(['tracked', 'staged', 'untracked', 'missing']);
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/**
 * True when the repo answers every question as it did; false too for a question of no known
 * shape. `digestOf` is the digest of a file's text in `view` (null: no such file).
 */
function answersHold(view: RepoView, asked: readonly unknown[][], digestOf: (file: string) => string | null): boolean {
  for (const [kind, subject, ...answer] of asked) {
    if (!isText(subject)) return false;
    switch (kind) {
      case 'read': {
        if (answer.length !== 1 || !isTextOrNull(answer[0])) return false;
        if (digestOf(subject) !== answer[0]) return false;
        break;
      }
      case 'status':
        if (answer.length !== 1 || !STATUSES.has(answer[0]) || view.fileStatus(subject) !== answer[0]) return false;
        break;
      case 'dir':
        if (answer.length !== 1 || typeof answer[0] !== 'boolean' || view.hasDir(subject) !== answer[0]) return false;
        break;
      case 'dirStatus':
        if (answer.length !== 1 || (answer[0] !== null && !STATUSES.has(answer[0])) || (view.dirStatus?.(subject) ?? null) !== answer[0]) return false;
        break;
      case 'normalise': {
        if (answer.length !== 2 || !isTextOrNull(answer[0]) || !isTextOrNull(answer[1])) return false;
        if ((view.normalise(subject, answer[0] ?? undefined) ?? null) !== answer[1]) return false;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

/** A repo view that notes every question asked of it (each once) with its answer. */
class RecordingView implements RepoView {
  /** True once the reading used something no question records (the file list, the root). */
  unrecordable = false;
  private readonly questions = new Map<string, Asked>();
  private readonly inner: RepoView;

  /** Only when the inner view has it: callers fall back to `hasDir` on a view without it. */
  readonly dirStatus?: (folder: string) => FileStatus;

  constructor(inner: RepoView) {
    this.inner = inner;
    if (inner.dirStatus !== undefined) {
      const dirStatus = inner.dirStatus.bind(inner);
      this.dirStatus = (folder) => {
        const status = dirStatus(folder);
        this.note(['dirStatus', folder, status], `D\0${folder}`);
        return status;
      };
    }
  }

  asked(): Asked[] {
    return [...this.questions.values()];
  }

  private note(question: Asked, key: string): void {
    if (!this.questions.has(key)) this.questions.set(key, question);
  }

  get root(): string {
    this.unrecordable = true;
    return this.inner.root;
  }
  get kind() {
    this.unrecordable = true;
    return this.inner.kind;
  }
  get commit() {
    this.unrecordable = true;
    return this.inner.commit;
  }
  get isGit() {
    this.unrecordable = true;
    return this.inner.isGit;
  }
  files(): readonly string[] {
    this.unrecordable = true;
    return this.inner.files();
  }
  read(file: string): string | undefined {
    const text = this.inner.read(file);
    this.note(['read', file, text === undefined ? null : textDigest(text)], `r\0${file}`);
    return text;
  }
  fileStatus(file: string): FileStatus {
    const status = this.inner.fileStatus(file);
    this.note(['status', file, status], `s\0${file}`);
    return status;
  }
  hasDir(folder: string): boolean {
    const has = this.inner.hasDir(folder);
    this.note(['dir', folder, has], `d\0${folder}`);
    return has;
  }
  normalise(file: string, cwd?: string): string | undefined {
    const normal = this.inner.normalise(file, cwd);
    this.note(['normalise', file, cwd ?? null, normal ?? null], `n\0${file}\0${cwd ?? ''}`);
    return normal;
  }
}
