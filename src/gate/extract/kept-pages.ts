/**
 * What the gate extracted from each page, kept between runs in the gate's cache folder: a check
 * whose pages did not change does not parse and expand them again (Sätteri, the directive
 * expansion and the shell parser cost about 0.1 s of a check of the real workspace).
 *
 * A page's extract follows from its text and path, the rails model its directives expand from,
 * the other pages (rail anchors name them) and the code. So one file per docs folder holds the
 * extracts of one *context* (the code digest, the three paths, the model as serialized and the
 * list of pages); another context starts empty. Within it each extract is keyed by the page's
 * path and text. Only the extracts of this run's pages are written back, so a removed page does
 * not linger.
 *
 * Serialized with v8, like the kept rails model. A Mesh fence's locator is a function: it is
 * kept as its data (the fence's line starts) and made again from the page's text. The file is
 * read only when it is a regular file of sane size; a file that does not deserialize, or holds
 * another context, counts as empty. Written atomically, only over a regular file; a cache that
 * cannot be written costs time, not correctness.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomically } from '../../core/atomic-file.ts';
import { LineIndex, piecewiseLocator } from '../../core/positions.ts';
import type { RailsModel } from '../../rails/model.ts';
import type { MeshBlock } from './mesh-fence.ts';
import type { MarkdownExtract } from './occurrences.ts';

const FILE_VERSION = 1;
/** Extracts of a few hundred large pages stay well under this. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A Mesh fence without its locator function. */
type StoredMeshBlock = Omit<MeshBlock, 'locate'>;
type StoredExtract = Omit<MarkdownExtract, 'meshBlocks'> & { meshBlocks: StoredMeshBlock[] };

interface KeptFile {
  version: number;
  context: string;
  extracts: Array<[string, StoredExtract]>;
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

export interface KeptPages {
  /** The kept extract of this page text, or undefined. */
  get(file: string, source: string): MarkdownExtract | undefined;
  /** Records the extract of a page of this run (kept or new). */
  set(file: string, source: string, extract: MarkdownExtract): void;
  /** Writes this run's extracts, when any is new. */
  save(): void;
}

const sha256 = (...parts: Array<string | Uint8Array>) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

/** The extracts kept in `folder` for this context (none when the file holds another). */
export function openKeptPages(folder: string, context: PageContext): KeptPages {
  const file = path.join(folder, `pages-${createHash('sha256').update(context.docsDir).digest('hex').slice(0, 16)}.v8`);
  const contextKey = sha256(context.code, context.yamlPath, context.siteRoot, context.docsDir, serialize(context.model), context.pages.join('\n'));
  const kept = readKept(file, contextKey);
  const now = new Map<string, StoredExtract>();
  let changed = false;
  const keyOf = (page: string, source: string) => sha256(page, source);
  return {
    get(page, source) {
      const stored = kept.get(keyOf(page, source));
      return stored && restore(stored, page, source);
    },
    set(page, source, extract) {
      const key = keyOf(page, source);
      if (!kept.has(key)) changed = true;
      now.set(key, store(extract));
    },
    save() {
      // A page gone since the last run is a change too: its extract must not stay.
      if (!changed && now.size === kept.size) return;
      try {
        mkdirSync(folder, { recursive: true });
        const content: KeptFile = { version: FILE_VERSION, context: contextKey, extracts: [...now] };
        writeFileAtomically(file, serialize(content));
      } catch {
        // a read-only folder or a refused target: the next run extracts again
      }
    },
  };
}

function readKept(file: string, contextKey: string): Map<string, StoredExtract> {
  try {
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return new Map();
    const kept = deserialize(readFileSync(file)) as Partial<KeptFile> | null;
    if (kept?.version !== FILE_VERSION || kept.context !== contextKey || !Array.isArray(kept.extracts)) return new Map();
    return new Map(kept.extracts.filter(isEntry));
  } catch {
    return new Map(); // missing, unreadable or not ours: extract afresh
  }
}

/** An entry as this code writes it: a key and an extract with every list in place. */
function isEntry(entry: unknown): entry is [string, StoredExtract] {
  if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') return false;
  const extract = entry[1] as Partial<Record<keyof StoredExtract, unknown>> | null;
  const lists: Array<keyof StoredExtract> = ['commands', 'diagnostics', 'links', 'headings', 'anchors', 'inlineCode', 'meshBlocks'];
  return typeof extract === 'object' && extract !== null && lists.every((list) => Array.isArray(extract[list]));
}

function store(extract: MarkdownExtract): StoredExtract {
  return { ...extract, meshBlocks: extract.meshBlocks.map(({ locate: _locate, ...block }) => block) };
}

function restore(stored: StoredExtract, page: string, source: string): MarkdownExtract {
  const index = stored.meshBlocks.length > 0 ? new LineIndex(page, source) : undefined;
  return { ...stored, meshBlocks: stored.meshBlocks.map((block) => ({ ...block, locate: piecewiseLocator(block.text, index!, block.pieceStarts) })) };
}
