/**
 * Env vars shown in pages (`NAME=value cmd`, `export NAME=value`) must be read somewhere in the
 * repo's source. Mesh often reads them through constants, so the check looks for the name as a
 * whole word in committed, non-docs source, not for one call shape such as `env::var("...")`.
 */
import { grepCommit, grepCommitAsync } from '../../repo/git-grep.ts';
import { perRepo } from '../../repo/per-repo.ts';
import path from 'node:path';
import { closest, didYouMean } from '../../core/did-you-mean.ts';
import type { CommandAssign, CommandResolver, Diagnostic, RepoView, SourcePosition } from '../../core/types.ts';
import { makeDiagnostic } from '../../core/diagnostic.ts';
import { mentionsName } from './script-text.ts';
import { readingCacheOf, textDigest } from '../../repo/reading-cache.ts';
import { z } from 'zod';

/** Source files by extension; docs, prose and data files are left out on purpose. */
const SOURCE_EXTENSIONS = new Set([
  '.rs', '.sh', '.bash', '.zsh', '.py', '.toml', '.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.mpl',
  '.yml', '.yaml', '.go', '.c', '.h', '.nix', '.ps1',
]);
const SOURCE_BASENAMES = new Set(['Dockerfile', 'Makefile', 'Justfile', 'justfile', 'Procfile', 'Containerfile']);
const DOCS_FOLDERS = ['website/', 'docs/'];
/** Files larger than this are generated or data, not source worth indexing. */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/**
 * Names read by the shell, the OS or the Rust toolchain rather than by Mesh itself; showing them
 * is fine even though no Mesh source names them.
 */
export const WELL_KNOWN_ENV_NAMES: ReadonlySet<string> = new Set([
  'PATH', 'HOME', 'SHELL', 'TERM', 'CI', 'NO_COLOR', 'RUST_LOG', 'RUST_BACKTRACE', 'RUSTFLAGS', 'CARGO_TARGET_DIR', 'CARGO_HOME',
]);

/** True for committed files whose text counts as repo source for env lookups. */
export function isEnvSourceFile(file: string): boolean {
  if (DOCS_FOLDERS.some((folder) => file.startsWith(folder))) return false;
  const base = path.posix.basename(file);
  if (SOURCE_BASENAMES.has(base) || base.startsWith('Dockerfile.')) return true;
  return SOURCE_EXTENSIONS.has(path.posix.extname(base));
}

export interface EnvSourceIndex {
  /** Upper-case identifiers found in source (whole words). */
  names: ReadonlySet<string>;
  /** UPPER_SNAKE names written as string literals or shell expansions: did-you-mean candidates. */
  envLikeNames: readonly string[];
  /** The source files indexed. */
  sourceFiles: readonly string[];
}

/** The env index of a repo, built once per repo view (not per command). */
export const envSourceIndex: (repo: RepoView) => EnvSourceIndex = perRepo(buildIndex);

/** The names an index holds, as kept between runs (repo/reading-cache.ts). */
const keptNamesSchema = z.object({ names: z.array(z.string()), envLikeNames: z.array(z.string()) });
type KeptNames = z.infer<typeof keptNamesSchema>;

/**
 * The index of a commit's source is a function of the commit and of which files count as
 * source, so the gate keeps it between runs under those two (no question to ask the repo).
 * Only for an index read from the commit: a checkout outside git is read from disk.
 */
const sourceOf = perRepo((repo: RepoView): { files: readonly string[]; keptKey: string | undefined } => {
  const files = repo.files().filter(isEnvSourceFile);
  const kept = repo.isGit && repo.commit !== undefined && readingCacheOf(repo) !== undefined;
  return { files, keptKey: kept ? `env-names\0${repo.commit}\0${textDigest(files.join('\0'))}` : undefined };
});

/** The index kept by an earlier run for this commit, if any. */
const keptIndex = perRepo((repo: RepoView): EnvSourceIndex | undefined => {
  const { files, keptKey } = sourceOf(repo);
  const kept = keptKey === undefined ? undefined : readingCacheOf(repo)?.recall(keptKey, keptNamesSchema);
  return kept && { names: new Set(kept.names), envLikeNames: kept.envLikeNames, sourceFiles: files };
});

function buildIndex(repo: RepoView): EnvSourceIndex {
  const kept = keptIndex(repo);
  if (kept) return kept;
  const { files, keptKey } = sourceOf(repo);
  const committed = committedSourceTexts(repo, files);
  const found = namesIn(committed ?? diskSourceTexts(repo, files));
  if (keptKey !== undefined && committed !== undefined) readingCacheOf(repo)?.keep(keptKey, found);
  return { names: new Set(found.names), envLikeNames: found.envLikeNames, sourceFiles: files };
}

function namesIn(texts: Iterable<[string, string]>): KeptNames {
  const names = new Set<string>();
  const envLike = new Set<string>();
  for (const [, text] of texts) {
    if (text.length > MAX_SOURCE_BYTES) continue;
    for (const match of text.matchAll(/(?<![A-Za-z0-9_])[A-Z_][A-Z0-9_]+(?![A-Za-z0-9_])/g)) names.add(match[0]);
    for (const match of text.matchAll(/["'`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)["'`]|\$\{?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)/g)) {
      envLike.add((match[1] ?? match[2]) as string);
    }
  }
  return { names: [...names].sort(), envLikeNames: [...envLike].sort() };
}

/** Pathspecs that cover every env source file (a superset: `isEnvSourceFile` decides). */
const SOURCE_PATHSPECS = [
  ...[...SOURCE_EXTENSIONS].map((extension) => `*${extension}`),
  ...[...SOURCE_BASENAMES].map((base) => `*${base}`),
  '*Dockerfile.*',
  ...DOCS_FOLDERS.map((folder) => `:(exclude)${folder.replace(/\/$/, '')}`),
];

/** Only lines with two upper-case name characters in a row can match either pattern of `buildIndex`. */
const NAME_LINE = '[A-Z_][A-Z0-9_]';

/** Source lines read ahead of time by `prepareEnvIndex`, per repo view. */
const preparedLines = new WeakMap<RepoView, Map<string, string> | undefined>();

/**
 * Starts reading the source lines the env index needs, so git works while the gate loads its
 * parsers; await it before resolving. Optional: without it the index reads them when first used.
 */
export async function prepareEnvIndex(repo: RepoView): Promise<void> {
  if (!repo.isGit || repo.commit === undefined || preparedLines.has(repo)) return;
  if (keptIndex(repo)) return; // kept from an earlier run: git need not read the commit again
  preparedLines.set(repo, await grepCommitAsync(repo.root, repo.commit, NAME_LINE, SOURCE_PATHSPECS));
  // Indexed and kept now, even when no page shows an env name of this repo: otherwise the
  // next run could not know that, and would read the commit again.
  if (readingCacheOf(repo)) envSourceIndex(repo);
}

/**
 * The source lines that can hold a name, read from the checked commit with one `git grep`:
 * much cheaper than opening thousands of files, and it reads what is committed. Undefined
 * outside git or before the first commit: the caller reads the files instead.
 */
function committedSourceTexts(repo: RepoView, sourceFiles: readonly string[]): Map<string, string> | undefined {
  if (!repo.isGit || repo.commit === undefined) return undefined;
  const lines = preparedLines.has(repo) ? preparedLines.get(repo) : grepCommit(repo.root, repo.commit, NAME_LINE, SOURCE_PATHSPECS);
  if (lines === undefined) return undefined;
  const wanted = new Set(sourceFiles);
  const texts = new Map<string, string>();
  for (const [file, text] of lines) if (wanted.has(file)) texts.set(file, text);
  return texts;
}

function* diskSourceTexts(repo: RepoView, sourceFiles: readonly string[]): Generator<[string, string]> {
  for (const file of sourceFiles) {
    const text = repo.read(file);
    if (text !== undefined) yield [file, text];
  }
}

/** True when the name occurs in repo source (whole word), or is a well-known tool variable. */
export function isEnvNameInSource(name: string, repo: RepoView): boolean {
  if (WELL_KNOWN_ENV_NAMES.has(name)) return true;
  const index = envSourceIndex(repo);
  if (/^[A-Z_][A-Z0-9_]+$/.test(name)) return index.names.has(name);
  // Rare lower-case names are not indexed: scan the (cached) source texts.
  return index.sourceFiles.some((file) => mentionsName(repo.read(file) ?? '', name));
}

export interface ShownEnvName {
  name: string;
  position: SourcePosition;
}

/** One `env-unknown` per shown name that no repo source mentions. */
export function checkEnvNames(names: readonly ShownEnvName[], repo: RepoView, subject: string): Diagnostic[] {
  return names
    .filter((shown) => !isEnvNameInSource(shown.name, repo))
    .map((shown) =>
      makeDiagnostic({
        code: 'env-unknown',
        position: shown.position,
        subject,
        message: `${shown.name} is not read anywhere in the repo's source.`,
        suggestion:
          didYouMean(closest(shown.name, envSourceIndex(repo).envLikeNames)) ??
          `drop ${shown.name} from the page, or name a variable the repo reads`,
      }),
    );
}

/** Env checks for the assignments written before a (non-script) command or after `export`. */
export function checkAssignsAgainstSource(assigns: readonly CommandAssign[], repo: RepoView, subject?: string): Diagnostic[] {
  return assigns.flatMap((assign) => checkEnvNames([assign], repo, subject ?? `${assign.name}=${assign.value}`));
}

/**
 * Bare `export NAME=value` (the parser may give no words, or just `export`) and `export NAME`:
 * every name exported must be read by the repo.
 */
export const envExportResolver: CommandResolver = {
  id: 'env',
  matches(command) {
    const head = command.words[0]?.value;
    return (command.words.length === 0 && command.assigns.length > 0) || head === 'export';
  },
  resolve(command, context) {
    // `export NAME` and, should a parser leave it as a word, `export NAME=value`.
    const bareNames = command.words.slice(1).flatMap((word) => {
      const name = word.placeholder ? undefined : /^([A-Za-z_][A-Za-z0-9_]*)(?:=|$)/.exec(word.value)?.[1];
      return name === undefined ? [] : [{ name, position: word.position }];
    });
    const assignNames = command.assigns.filter((assign) => !bareNames.some((bare) => bare.name === assign.name));
    return checkEnvNames([...assignNames, ...bareNames], context.repo, command.text);
  },
};
