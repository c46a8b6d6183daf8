/**
 * Shared shapes of the docs-truth gate. Everything the gate finds is data
 * (`Diagnostic`); one formatter turns data into words (see `report/`).
 */
import type { DiagnosticCode } from './codes.ts';

/** A place in a source file. Lines and columns are 1-based. */
export interface SourcePosition {
  /** Path relative to the site root (for example `src/content/docs/distributed-proof.md`). */
  file: string;
  line: number;
  column: number;
}

/** One word of a parsed command line, after quote removal. */
export interface CommandWord {
  /** The word as the shell would see it after quote removal. */
  value: string;
  /** True when the word came from a placeholder such as `<request-key>`. */
  placeholder: boolean;
  /** True when the word holds an expansion the gate cannot know (`$HOME`, `$(...)`). */
  dynamic: boolean;
  /** Where the word starts in the page or YAML. */
  position: SourcePosition;
}

/** A `NAME=value` assignment written before a command or after `export`. */
export interface CommandAssign {
  name: string;
  value: string;
  position: SourcePosition;
}

/** Where a command was shown. */
export type CommandOrigin =
  | 'code-block' // a line of a fenced shell block in a page
  | 'inline-code' // inline code in prose that reads as a command
  | 'rails-yaml' // a step (or workflow entry) of the rails YAML
  | 'repo-script'; // a command inside a repo script the gate reads (relations, results)

/** One simple command found in a page or in the rails YAML. */
export interface CommandOccurrence {
  /** The simple command's own text as written (continuations joined). */
  text: string;
  /** Words after assignments; `words[0]` is the command head. */
  words: CommandWord[];
  /** Assignments before the head (`FOO=1 bash x.sh`) or after `export`. */
  assigns: CommandAssign[];
  /** Where the simple command starts. */
  position: SourcePosition;
  origin: CommandOrigin;
  /**
   * The working directory a preceding `cd DIR` set in the same block, relative to the
   * repo root, or undefined when no `cd` came before.
   */
  cwd?: string;
  /**
   * Set when the page marks the command on purpose as not checkable, with its reason
   * (for example a fence meta `gate-skip="runs in the generated project"`).
   */
  skipReason?: string;
}

export type Severity = 'error' | 'warning';

/** One finding of the gate. Words come from `codes.ts` and the formatter, never from here. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  position: SourcePosition;
  /** The command (or link, or YAML key) the finding is about, as shown. */
  subject: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** The likely fix, in one sentence (did-you-mean included when there is a candidate). */
  suggestion?: string;
  /** A second place the finding is about (the script line a YAML entry disagrees with). */
  related?: SourcePosition;
  /**
   * The edit of rails.yaml that fixes this finding, set only when that edit is certain (the
   * script says so, or one known id is near enough); `npm run check -- --fix` applies it.
   */
  fix?: YamlFix;
}

/** A certain edit of rails.yaml, as data (applied by src/authoring/apply-fixes.ts). */
export type YamlFix =
  | { kind: 'add-run'; rail: string; run: string }
  | { kind: 'remove-run'; rail: string; run: string }
  | { kind: 'set-results'; rail: string; folder: string }
  /** An id that names a page or a rail, at its path in the YAML (`rails.3.runs.0`). */
  | { kind: 'replace-id'; path: Array<string | number>; from: string; to: string };

/** How a checked repo was found (see `core/summary.ts` for how each is named in reports). */
export type RepoKind = 'env' | 'parent' | 'sample' | 'explicit' | 'sibling';

/**
 * Read-only view of the Mesh repo the gate checks. All paths are repo-relative with `/`
 * separators. Implementations refuse paths that escape the root (`..`, absolute, symlinks out).
 */
export interface RepoView {
  /** Absolute path of the repo root. */
  root: string;
  /**
   * Human label used in reports: `MESH_REPO_ROOT`, `parent checkout` or `bundled sample`;
   * `sibling` for another repo of the workspace found beside the Mesh repo.
   */
  kind: RepoKind;
  /** HEAD commit when the root is inside a git work tree. */
  commit?: string;
  /** True when "exists" means "tracked by git". */
  isGit: boolean;
  /**
   * `tracked` (in the HEAD commit, or on disk when not git), `staged` (in the index only),
   * `untracked` (on disk only), or `missing`.
   */
  fileStatus(path: string): 'tracked' | 'staged' | 'untracked' | 'missing';
  /** True when some tracked file lies under this folder. */
  hasDir(path: string): boolean;
  /**
   * Folder counterpart of `fileStatus`: `tracked` when a tracked file lies under it, `untracked`
   * when the folder is only on disk, else `missing`. Optional: callers fall back to `hasDir`.
   */
  dirStatus?(path: string): 'tracked' | 'staged' | 'untracked' | 'missing';
  /** Text of a tracked file, or undefined when it is missing/untracked/outside the root. */
  read(path: string): string | undefined;
  /** All tracked files, sorted. */
  files(): readonly string[];
  /** Normalises a repo-relative path, or returns undefined when it would escape the root. */
  normalise(path: string, cwd?: string): string | undefined;
}

/** What a resolver gets. */
export interface ResolveContext {
  repo: RepoView;
  /**
   * The site's own `package.json` scripts, used for `npm --prefix website run S` when the
   * checked repo has no `website/package.json` of its own (the bundled sample maps it).
   */
  siteScripts: Record<string, string>;
}

/** A resolver checks one family of commands (scripts, cargo, npm, meshc, ...). */
export interface CommandResolver {
  /** Short id, used in reports and tests (`script`, `cargo`, `npm`, `meshc`, ...). */
  id: string;
  /** True when this resolver owns the command (by its head and shape). */
  matches(command: CommandOccurrence): boolean;
  /** Every finding for the command; an empty array means it resolved. */
  resolve(command: CommandOccurrence, context: ResolveContext): Diagnostic[];
}
