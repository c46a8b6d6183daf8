/**
 * What the gate extracted from each page and from rails.yaml's steps, kept between runs in the
 * gate's cache folder: a check whose pages and YAML did not change parses and expands neither
 * again (Sätteri, the directive expansion and the shell parser cost about 0.1 s of a check of
 * the real workspace), and a run that parses nothing need not load the shell grammar at all.
 *
 * A page's extract follows from its text and path, the rails model its directives expand from,
 * the other pages (rail anchors name them) and the code; a list of steps' extract from the steps
 * (their text, env and places) and the code. So one file per docs folder holds the extracts of
 * one *context* (the code digest, the three paths, the rails.yaml text and the list of pages);
 * another context starts empty. Within it a page's extract is keyed by the page's path
 * and text, a steps extract by the steps. Only what this run used is written back, so a removed
 * page does not linger.
 *
 * Beside the file, a one-line note names the context whose last run parsed shell text for a
 * reading that is never kept (one that lists files): a run like it loads the grammar at once
 * instead of starting without it and again with it each time.
 *
 * JSON, not v8 like the kept rails model: extracts are plain data (no maps, nothing shared), and
 * JSON reads back several times faster. A Mesh fence's locator is a function: it is kept as its
 * data (the fence's line starts) and made again from the page's text. The file is read only
 * when it is a regular file of sane size; a file that does not parse, or holds another context,
 * counts as empty. Written atomically, only over a regular file; a cache that
 * cannot be written costs time, not correctness.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { asciiJson } from '../../core/ascii-json.ts';
import { readRegularFile, writeFileAtomically } from '../../core/atomic-file.ts';
import { LineIndex, piecewiseLocator } from '../../core/positions.ts';
import type { CommandOccurrence, Diagnostic } from '../../core/types.ts';
import type { RailsModel } from '../../rails/model.ts';
import type { MeshBlock } from './mesh-fence.ts';
import type { MarkdownExtract } from './occurrences.ts';

const FILE_VERSION = 1;
/** Extracts of a few hundred large pages stay well under this. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A Mesh fence without its locator function. */
type StoredMeshBlock = Omit<MeshBlock, 'locate'>;
type StoredExtract = Omit<MarkdownExtract, 'meshBlocks'> & { meshBlocks: StoredMeshBlock[] };

/** What a list of rails.yaml steps runs (extract/rails-yaml.ts). */
export interface StepsExtract {
  commands: CommandOccurrence[];
  diagnostics: Diagnostic[];
}

interface KeptFile {
  version: number;
  context: string;
  extracts: Array<[string, StoredExtract]>;
  steps: Array<[string, StepsExtract]>;
}

export interface PageContext {
  /** core/code-digest.ts, read once by the run. */
  code: string;
  yamlPath: string;
  siteRoot: string;
  docsDir: string;
  model: RailsModel;
  /** Every page file, relative to the docs folder, sorted. */
  pages: readonly string[];
}

/** One page's or step list's place in the kept file: its key is hashed once for both uses. */
export interface KeptEntry<T> {
  kept: T | undefined;
  keep(extract: T): void;
}

export interface KeptExtracts {
  /** True when the file held extracts of this very context (a run like the last one). */
  readonly warm: boolean;
  /**
   * True when the last run of this context parsed shell text all the same (a reading that is
   * never kept, such as one that lists files): this run had better load the grammar at once.
   */
  readonly grammarNeeded: boolean;
  /** Records whether this run parsed shell text (kept beside the extracts, for the next run). */
  noteGrammar(needed: boolean): void;
  /** This page text's kept extract, if any, and where this run records its extract (kept or new). */
  page(file: string, source: string): KeptEntry<MarkdownExtract>;
  /** The same for a list of rails.yaml steps, given as its JSON text. */
  steps(stepsJson: string): KeptEntry<StepsExtract>;
  /** Writes this run's extracts, when any is new. */
  save(): void;
}

const sha256 = (...parts: Array<string | Uint8Array>) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

const fileOf = (folder: string, docsDir: string) => path.join(folder, `extracts-${createHash('sha256').update(docsDir).digest('hex').slice(0, 16)}.json`);
/** Beside the extracts: the context whose last run needed the grammar, if any. */
const grammarFileOf = (file: string) => `${file}.grammar`;

/** Whether `folder` holds a file of kept extracts for these pages at all (a first run has none). */
export function hasKeptExtracts(folder: string, docsDir: string): boolean {
  try {
    return lstatSync(fileOf(folder, docsDir)).isFile();
  } catch {
    return false;
  }
}

/** The extracts kept in `folder` for this context (none when the file holds another). */
export function openKeptExtracts(folder: string, context: PageContext): KeptExtracts {
  const file = fileOf(folder, context.docsDir);
  // The model by its digest (of the YAML text): a valid model follows from that text, the code
  // and the paths, and every page it names is in the docs folder, so on the page list. (Its v8
  // form is no fingerprint: a model read back from the kept rails file serializes differently.)
  const contextKey = sha256(context.code, context.yamlPath, context.siteRoot, context.docsDir, context.model.digest, context.pages.join('\n'));
  const kept = readKept(file, contextKey);
  const pagesNow = new Map<string, StoredExtract>();
  const stepsNow = new Map<string, StepsExtract>();
  let changed = false;
  const grammarFile = grammarFileOf(file);
  const grammarNeeded = readRegularFile(grammarFile, 1024)?.toString('utf8') === contextKey;
  return {
    warm: kept.pages.size + kept.steps.size > 0,
    grammarNeeded,
    noteGrammar(needed) {
      if (needed === grammarNeeded) return;
      try {
        if (needed) writeFileAtomically(grammarFile, contextKey);
        else if (lstatSync(grammarFile).isFile()) rmSync(grammarFile);
      } catch {
        // not written: the next run decides by the extracts alone
      }
    },
    page(page, source) {
      const key = sha256(page, source);
      const stored = kept.pages.get(key);
      return {
        kept: stored && restore(stored, page, source),
        keep(extract) {
          if (!kept.pages.has(key)) changed = true;
          pagesNow.set(key, store(extract));
        },
      };
    },
    steps(stepsJson) {
      const key = sha256(stepsJson);
      return {
        kept: kept.steps.get(key),
        keep(extract) {
          if (!kept.steps.has(key)) changed = true;
          stepsNow.set(key, extract);
        },
      };
    },
    save() {
      // A page gone since the last run is a change too: its extract must not stay.
      if (!changed && pagesNow.size === kept.pages.size && stepsNow.size === kept.steps.size) return;
      try {
        mkdirSync(folder, { recursive: true });
        const content: KeptFile = { version: FILE_VERSION, context: contextKey, extracts: [...pagesNow], steps: [...stepsNow] };
        writeFileAtomically(file, asciiJson(content));
      } catch {
        // a read-only folder or a refused target: the next run extracts again
      }
    },
  };
}

function readKept(file: string, contextKey: string): { pages: Map<string, StoredExtract>; steps: Map<string, StepsExtract> } {
  const none = { pages: new Map(), steps: new Map() };
  try {
    const bytes = readRegularFile(file, MAX_FILE_BYTES);
    if (bytes === undefined) return none;
    const kept = JSON.parse(bytes.toString('utf8')) as Partial<KeptFile> | null;
    if (kept?.version !== FILE_VERSION || kept.context !== contextKey || !Array.isArray(kept.extracts) || !Array.isArray(kept.steps)) return none;
    return { pages: new Map(kept.extracts.filter(isPageEntry)), steps: new Map(kept.steps.filter(isStepsEntry)) };
  } catch {
    return none; // missing, unreadable or not ours: extract afresh
  }
}

/** An entry as this code writes it: a key and an extract with every list in place. */
const hasLists =
  <T>(lists: ReadonlyArray<keyof T>) =>
  (entry: unknown): entry is [string, T] => {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') return false;
    const extract = entry[1] as Partial<Record<keyof T, unknown>> | null;
    return typeof extract === 'object' && extract !== null && lists.every((list) => Array.isArray(extract[list]));
  };
const isPageEntry = hasLists<StoredExtract>(['commands', 'diagnostics', 'links', 'headings', 'anchors', 'inlineCode', 'meshBlocks']);
const isStepsEntry = hasLists<StepsExtract>(['commands', 'diagnostics']);

function store(extract: MarkdownExtract): StoredExtract {
  return { ...extract, meshBlocks: extract.meshBlocks.map(({ locate: _locate, ...block }) => block) };
}

function restore(stored: StoredExtract, page: string, source: string): MarkdownExtract {
  const index = stored.meshBlocks.length > 0 ? new LineIndex(page, source) : undefined;
  return { ...stored, meshBlocks: stored.meshBlocks.map((block) => ({ ...block, locate: piecewiseLocator(block.text, index!, block.pieceStarts) })) };
}
