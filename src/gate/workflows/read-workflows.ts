/**
 * The GitHub Actions workflows of one repo (`.github/workflows/*.yml`), read statically from its
 * committed tree with the `yaml` parser (positions kept), into what the CI wiring needs: the
 * triggers (`on:`), and per job its `if:`, `uses:` (a reusable workflow), matrix keys and steps
 * (`run:`, `shell:`, `working-directory:`). Nothing is run. A file the gate cannot read safely
 * (too big, not YAML, an alias bomb, a shape GitHub would refuse) is one finding, and the other
 * workflows are still read.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node as YamlNode, type YAMLMap } from 'yaml';
import { z } from 'zod';
import { plainDiagnosticSchema, positionSchema } from '../../core/kept-shapes.ts';
import { readingCacheOf } from '../../repo/reading-cache.ts';
import { appendAll } from '../../core/append.ts';
import { confine } from '../../core/confine.ts';
import { closest } from '../../core/did-you-mean.ts';
import type { Diagnostic, RepoView, SourcePosition } from '../../core/types.ts';
import type { CiTrigger } from '../../core/ci-run.ts';

export const WORKFLOWS_DIR = '.github/workflows';
/** Bigger workflow files are not read (the real ones are under 30 KB). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** A `run:` longer than this is not parsed as shell (put it in a script). */
export const MAX_RUN_CHARS = 64 * 1024;
/** Jobs and steps read per file, at most. */
const MAX_ITEMS = 2000;

/** A trigger as the workflow file states it: the map's shape (core/ci-run.ts), with its place. */
export interface WorkflowTrigger extends CiTrigger {
  at: SourcePosition;
}

export interface WorkflowStep {
  name?: string;
  run?: string;
  /** Where the shell text starts (first content line of a `run: |` block). */
  runAt?: SourcePosition;
  shell?: string;
  workingDirectory?: string;
  at: SourcePosition;
}

export interface WorkflowJob {
  id: string;
  name?: string;
  if?: string;
  /** A called workflow: repo-relative path of a local one, or the `uses:` text of a remote one. */
  uses?: { local?: string; remote?: string; at: SourcePosition };
  matrix: string[];
  steps: WorkflowStep[];
  at: SourcePosition;
}

export interface Workflow {
  /** Repo-relative path (`.github/workflows/release.yml`). */
  file: string;
  name: string;
  triggers: WorkflowTrigger[];
  jobs: WorkflowJob[];
}

export interface WorkflowsReading {
  workflows: Workflow[];
  /** Findings at repo-relative places (the caller shows them as reports do). */
  diagnostics: Diagnostic[];
}

const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

export function workflowFiles(repo: RepoView): string[] {
  return repo.files().filter((file) => WORKFLOW_FILE.test(file));
}

/** One workflow file read: the workflow, or the finding that says why it cannot be read. */
interface FileReading {
  workflow?: Workflow;
  diagnostics: Diagnostic[];
}

export function readWorkflows(repo: RepoView): WorkflowsReading {
  const workflows: Workflow[] = [];
  const diagnostics: Diagnostic[] = [];
  const files = workflowFiles(repo);
  const kept = readingCacheOf(repo);
  for (const file of files) {
    // The other workflow files are read by name (a `uses:` that names one), so they are in the key.
    const read = (view: RepoView) => readFile(view, file, files);
    const reading = kept ? kept.remember(`workflow\0${file}\0${files.join('\0')}`, repo, fileReadingSchema, read) : read(repo);
    if (reading.workflow) workflows.push(reading.workflow);
    appendAll(diagnostics, reading.diagnostics);
  }
  return { workflows, diagnostics };
}

function readFile(view: RepoView, file: string, files: readonly string[]): FileReading {
  const text = view.read(file);
  if (text === undefined) return { diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const workflow = new FileReader(file, text, files, diagnostics).read();
  return { ...(workflow ? { workflow } : {}), diagnostics };
}

const strings = z.array(z.string()).optional();
/** What a workflow reading kept between runs must look like before it is used (repo/reading-cache.ts). */
const fileReadingSchema: z.ZodType<FileReading> = z.object({
  workflow: z
    .object({
      file: z.string(),
      name: z.string(),
      triggers: z.array(z.object({ event: z.string(), branches: strings, tags: strings, paths: strings, pathsIgnore: strings, cron: strings, at: positionSchema })),
      jobs: z.array(
        z.object({
          id: z.string(),
          name: z.string().optional(),
          if: z.string().optional(),
          uses: z.object({ local: z.string().optional(), remote: z.string().optional(), at: positionSchema }).optional(),
          matrix: z.array(z.string()),
          steps: z.array(
            z.object({
              name: z.string().optional(),
              run: z.string().optional(),
              runAt: positionSchema.optional(),
              shell: z.string().optional(),
              workingDirectory: z.string().optional(),
              at: positionSchema,
            }),
          ),
          at: positionSchema,
        }),
      ),
    })
    .optional(),
  diagnostics: z.array(plainDiagnosticSchema(['ci-workflow-unreadable', 'ci-uses-unreadable'])),
}) as z.ZodType<FileReading>;

class Unreadable extends Error {
  readonly offset: number;
  readonly suggestion: string;
  constructor(message: string, offset: number, suggestion: string) {
    super(message);
    this.offset = offset;
    this.suggestion = suggestion;
  }
}

class FileReader {
  private readonly lines = new LineCounter();
  private doc!: Document;
  private readonly file: string;
  private readonly text: string;
  private readonly files: readonly string[];
  private readonly diagnostics: Diagnostic[];

  constructor(file: string, text: string, files: readonly string[], diagnostics: Diagnostic[]) {
    this.file = file;
    this.text = text;
    this.files = files;
    this.diagnostics = diagnostics;
  }

  read(): Workflow | undefined {
    try {
      if (this.text.length > MAX_FILE_BYTES) {
        throw new Unreadable(`is ${this.text.length} bytes, more than the ${MAX_FILE_BYTES / 1024 / 1024} MB the gate reads`, 0, 'keep workflow files small: move long scripts into scripts/');
      }
      this.doc = parseDocument(this.text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
      const error = this.doc.errors[0];
      if (error) throw new Unreadable(`does not parse as YAML: ${error.message.split('\n')[0]}`, error.pos[0], 'fix the YAML syntax (GitHub refuses this file too)');
      const root = this.doc.contents;
      if (!isMap(root)) throw new Unreadable('is not a mapping of `on:` and `jobs:`', 0, 'give the workflow `on:` and `jobs:` keys');
      return {
        file: this.file,
        name: this.scalar(this.get(root, 'name')) ?? this.file.split('/').pop()!,
        triggers: this.triggers(this.get(root, 'on') ?? this.get(root, true)),
        jobs: this.jobs(this.get(root, 'jobs')),
      };
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      this.diagnostics.push({
        code: 'ci-workflow-unreadable',
        severity: 'error',
        position: this.at(error.offset),
        subject: this.file,
        message: `The workflow ${this.file} ${error.message}, so the gate cannot tell which rails it runs`,
        suggestion: error.suggestion,
      });
      return undefined;
    }
  }

  private at(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  private offsetOf(node: YamlNode | undefined): number {
    return node?.range?.[0] ?? 0;
  }

  /** A node with aliases resolved; a merge key (`<<`) is refused: GitHub does not read it. */
  private resolve(node: unknown): YamlNode | undefined {
    let current = node as YamlNode | undefined;
    for (let depth = 0; isAlias(current); depth++) {
      if (depth > 8) throw new Unreadable('has an alias of an alias of an alias…', this.offsetOf(current), 'write the value out instead of nesting aliases');
      const target = current.resolve(this.doc) as YamlNode | undefined;
      if (target === undefined) throw new Unreadable(`uses the alias *${current.source}, which no anchor defines`, this.offsetOf(current), 'define the anchor (&name) before the alias');
      current = target;
    }
    if (isMap(current)) {
      const merge = current.items.find((pair) => isScalar(pair.key) && pair.key.value === '<<');
      if (merge) throw new Unreadable('uses a YAML merge key (<<), which GitHub Actions does not read', this.offsetOf(merge.key as YamlNode), 'write the keys out (anchors of whole values are fine)');
    }
    return current;
  }

  private get(map: YAMLMap, key: string | boolean): YamlNode | undefined {
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
    return pair ? this.resolve(pair.value) : undefined;
  }

  private keyAt(map: YAMLMap, key: string): number {
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
    return this.offsetOf((pair?.key as YamlNode | undefined) ?? map);
  }

  private scalar(node: YamlNode | undefined): string | undefined {
    if (node === undefined || node === null) return undefined;
    if (!isScalar(node)) throw new Unreadable('holds a list or mapping where a single value belongs', this.offsetOf(node), 'write a plain value there');
    return node.value === null || node.value === undefined ? undefined : String(node.value);
  }

  private strings(node: YamlNode | undefined): string[] | undefined {
    if (node === undefined) return undefined;
    if (isSeq(node)) return node.items.map((item) => this.scalar(this.resolve(item)) ?? '');
    const one = this.scalar(node);
    return one === undefined ? undefined : [one];
  }

  private triggers(node: YamlNode | undefined): WorkflowTrigger[] {
    if (node === undefined) throw new Unreadable('has no `on:` (its triggers)', 0, 'add `on:` with the events that start it');
    const at = this.at(this.offsetOf(node));
    if (isScalar(node) || isSeq(node)) return (this.strings(node) ?? []).map((event) => ({ event, at }));
    if (!isMap(node)) throw new Unreadable('has an `on:` the gate cannot read', this.offsetOf(node), 'write `on:` as an event, a list or a mapping');
    const out: WorkflowTrigger[] = [];
    for (const pair of node.items) {
      const event = this.scalar(pair.key as YamlNode) ?? '';
      const body = this.resolve(pair.value);
      const eventAt = this.at(this.offsetOf(pair.key as YamlNode));
      const filters = isMap(body) ? body : undefined;
      const list = (key: string) => (filters ? this.strings(this.get(filters, key)) : undefined);
      const paths = list('paths');
      const pathsIgnore = list('paths-ignore');
      const common = { ...(paths ? { paths } : {}), ...(pathsIgnore ? { pathsIgnore } : {}), at: eventAt };
      if (event === 'schedule') {
        const cron = isSeq(body) ? body.items.flatMap((item) => { const entry = this.resolve(item); return isMap(entry) ? this.strings(this.get(entry, 'cron')) ?? [] : []; }) : [];
        out.push({ event, cron, at: eventAt });
      } else if (event === 'push') {
        const branches = list('branches');
        const tags = list('tags');
        if (tags) out.push({ event: 'tags', tags, ...common });
        // A push with only tag filters runs on no branch; with neither, on every branch and tag.
        if (branches || !tags) out.push({ event: 'push', ...(branches ? { branches } : {}), ...common });
        if (!branches && !tags) out.push({ event: 'tags', tags: ['*'], ...common });
      } else {
        const branches = list('branches');
        out.push({ event, ...(branches ? { branches } : {}), ...common });
      }
    }
    return out;
  }

  private jobs(node: YamlNode | undefined): WorkflowJob[] {
    if (node === undefined) return [];
    if (!isMap(node)) throw new Unreadable('has `jobs:` that is not a mapping of job ids', this.offsetOf(node), 'write each job under `jobs:` as `<id>:`');
    if (node.items.length > MAX_ITEMS) throw new Unreadable(`has ${node.items.length} jobs`, this.offsetOf(node), `keep a workflow under ${MAX_ITEMS} jobs`);
    return node.items.map((pair) => {
      const id = this.scalar(pair.key as YamlNode) ?? '';
      const job = this.resolve(pair.value);
      const at = this.at(this.offsetOf(pair.key as YamlNode));
      if (!isMap(job)) throw new Unreadable(`has a job ${id} that is not a mapping`, this.offsetOf(pair.key as YamlNode), 'give the job `runs-on:` and `steps:`, or `uses:`');
      const name = this.scalar(this.get(job, 'name'));
      const condition = this.get(job, 'if');
      const uses = this.get(job, 'uses');
      const defaults = this.get(job, 'defaults');
      const run = isMap(defaults) ? this.get(defaults, 'run') : undefined;
      const jobShell = isMap(run) ? this.scalar(this.get(run, 'shell')) : undefined;
      const jobDir = isMap(run) ? this.scalar(this.get(run, 'working-directory')) : undefined;
      const strategy = this.get(job, 'strategy');
      const matrix = isMap(strategy) ? this.get(strategy, 'matrix') : undefined;
      const matrixKeys = isMap(matrix) ? matrix.items.map((item) => String(isScalar(item.key) ? item.key.value : '')) : [];
      const steps = this.get(job, 'steps');
      if (steps !== undefined && !isSeq(steps)) throw new Unreadable(`has a job ${id} whose steps are not a list`, this.offsetOf(steps), 'write each step as `- name: …`');
      if (steps && steps.items.length > MAX_ITEMS) throw new Unreadable(`has ${steps.items.length} steps in job ${id}`, this.offsetOf(steps), `keep a job under ${MAX_ITEMS} steps`);
      return {
        id,
        ...(name ? { name } : {}),
        ...(condition !== undefined ? { if: this.scalar(condition) ?? '' } : {}),
        ...(uses !== undefined ? { uses: this.uses(uses) } : {}),
        matrix: matrixKeys,
        steps: (steps?.items ?? []).map((item) => this.step(item, jobShell, jobDir)),
        at,
      };
    });
  }

  private step(item: unknown, jobShell: string | undefined, jobDir: string | undefined): WorkflowStep {
    const step = this.resolve(item);
    if (!isMap(step)) throw new Unreadable('has a step that is not a mapping', this.offsetOf(step), 'write the step as `- name: …` with `run:` or `uses:`');
    const name = this.scalar(this.get(step, 'name'));
    const runNode = this.get(step, 'run');
    const run = this.scalar(runNode);
    const shell = this.scalar(this.get(step, 'shell')) ?? jobShell;
    const workingDirectory = this.scalar(this.get(step, 'working-directory')) ?? jobDir;
    return {
      ...(name ? { name } : {}),
      ...(run !== undefined ? { run, runAt: this.textStart(runNode as Scalar) } : {}),
      ...(shell ? { shell } : {}),
      ...(workingDirectory ? { workingDirectory } : {}),
      at: this.at(runNode ? this.keyAt(step, 'run') : this.offsetOf(step)),
    };
  }

  /** Where a scalar's text starts: after its quote, or on the first content line of a block. */
  private textStart(node: Scalar): SourcePosition {
    const start = this.offsetOf(node);
    if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return this.at(start + 1);
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      const lineEnd = this.text.indexOf('\n', start);
      if (lineEnd === -1) return this.at(start);
      let content = lineEnd + 1;
      while (this.text[content] === ' ') content++;
      return this.at(content);
    }
    return this.at(start);
  }

  /**
   * A job's `uses:`: a local reusable workflow (`./.github/workflows/x.yml`, confined to that
   * folder and tracked) or a remote one (`owner/repo/.github/workflows/x.yml@ref`, not followed).
   * Any other form is a finding at its line; the job is then read without it.
   */
  private uses(node: YamlNode): WorkflowJob['uses'] {
    const at = this.at(this.offsetOf(node));
    const value = isScalar(node) ? String(node.value ?? '') : '';
    const odd = (why: string, fix: string) => {
      this.diagnostics.push({ code: 'ci-uses-unreadable', severity: 'error', position: at, subject: value.slice(0, 200), message: `\`uses: ${value.slice(0, 120)}\` ${why}`, suggestion: fix });
      return undefined;
    };
    if (!isScalar(node) || value === '') return odd('is not a workflow path', 'write `uses: ./.github/workflows/<file>.yml` or `owner/repo/.github/workflows/<file>.yml@ref`');
    if (value.includes('${{')) return odd('is an expression, known only when the workflow runs', 'name the called workflow literally');
    if (/^[\w.-]+\/[\w.-]+\/\.github\/workflows\/[^/@]+\.ya?ml@[\w./-]+$/.test(value)) return { remote: value, at };
    if (!value.startsWith('./')) return odd('is neither a local workflow (`./.github/workflows/…`) nor `owner/repo/.github/workflows/<file>@ref`', 'write the local path with a leading ./, or the remote one with its @ref');
    if (value.includes('@')) return odd('gives a ref to a local workflow; a local workflow is always the caller\'s own commit', 'drop the @ref');
    const confined = confine(value.slice(2));
    if (!confined.ok || !/^\.github\/workflows\/[^/]+\.ya?ml$/.test(confined.relative)) {
      return odd(`leaves ${WORKFLOWS_DIR}/ (${confined.ok ? `it names ${confined.relative}` : confined.reason})`, `call a workflow file directly inside ${WORKFLOWS_DIR}/`);
    }
    if (!this.files.includes(confined.relative)) {
      const near = closest(confined.relative, this.files);
      return odd(`names ${confined.relative}, which is not a committed workflow`, near.length > 0 ? `did you mean ./${near[0]}?` : 'add the workflow or fix the name');
    }
    return { local: confined.relative, at };
  }
}
