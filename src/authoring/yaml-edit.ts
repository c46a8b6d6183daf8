/**
 * Small, exact edits of rails.yaml for contributor tooling (`npm run check -- --fix`,
 * `npm run rail -- new --write`). The `yaml` library's document API finds the nodes and their
 * source ranges and renders any new entry; the edit itself is a splice of the original text at
 * those ranges, so every comment, blank line and untouched line stays byte for byte what it was
 * (re-stringifying the whole document would re-flow it).
 *
 * Every edit is checked before it is kept: the new text must parse, and read as data it must be
 * exactly the old data with the intended change. An edit whose result is not certain (a shape
 * this module does not edit, such as a flow-style rail) is refused with the reason, never guessed.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export type EditResult = { ok: true; text: string } | { ok: false; reason: string };

/** Canonical order of a rail's keys (the order of the schema): new keys go where they belong. */
const RAIL_KEY_ORDER = ['id', 'tier', 'label', 'summary', 'steps', 'forms', 'runs', 'reads', 'results', 'logs', 'failureMaps', 'repo', 'ci'];

/** Parses and refuses a document with errors: edits are only made to a file that reads cleanly. */
function parse(text: string): { ok: true; doc: Document.Parsed } | { ok: false; reason: string } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { ok: false, reason: `the YAML does not parse (${doc.errors[0]!.message.split('\n')[0]})` };
  return { ok: true, doc };
}

/** The rail mapping with this id, in the block sequence `rails`. */
function findRail(doc: Document.Parsed, id: string): { ok: true; rail: YAMLMap; index: number } | { ok: false; reason: string } {
  const rails = doc.get('rails', true);
  if (!isSeq(rails) || rails.flow) return { ok: false, reason: '`rails` is not a block list' };
  const index = rails.items.findIndex((item) => isMap(item) && item.get('id') === id);
  if (index < 0) return { ok: false, reason: `no rail has the id ${id}` };
  const rail = rails.items[index] as YAMLMap;
  if (rail.flow) return { ok: false, reason: `rail ${id} is written in flow style ({...}); edit it by hand` };
  return { ok: true, rail, index };
}

/** A rail's list `key` (undefined when the rail has no such key); refused when it is not a list. */
function railList(doc: Document.Parsed, railId: string, key: string): { ok: true; rail: YAMLMap; list: YAMLSeq | undefined } | { ok: false; reason: string } {
  const found = findRail(doc, railId);
  if (!found.ok) return found;
  const list = found.rail.get(key, true);
  if (list === undefined) return { ok: true, rail: found.rail, list: undefined };
  if (!isSeq(list) || !list.range) return { ok: false, reason: `\`${key}\` of rail ${railId} is not a list` };
  return { ok: true, rail: found.rail, list: list as YAMLSeq };
}

/** Index of the first character of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Index just past the newline that ends the line holding `offset` (or the text's end). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The start of a key's line, moved up over the comment lines just above it (they belong to it). */
function startWithComments(text: string, keyOffset: number): number {
  let start = lineStart(text, keyOffset);
  const indent = keyOffset - start;
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    const line = text.slice(previous, start - 1);
    if (!/^\s*#/.test(line) || line.search(/\S/) !== indent) break;
    start = previous;
  }
  return start;
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

/** A scalar written as it was written: plain stays plain, quoted keeps its quotes. */
function scalarText(node: Scalar, value: string): string {
  if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return new Document(value).toString().trimEnd();
}

/**
 * Applies `edit` and keeps its result only when the data changed exactly as `expected` says:
 * the safety net that makes every splice certain, or refused.
 */
function checked(text: string, edit: (doc: Document.Parsed) => EditResult, expected: (data: unknown) => void): EditResult {
  const before = parse(text);
  if (!before.ok) return before;
  const result = edit(before.doc);
  if (!result.ok) return result;
  const after = parse(result.text);
  if (!after.ok) return { ok: false, reason: `the edit would break the YAML (${after.reason})` };
  const want = structuredClone(before.doc.toJS()) as unknown;
  expected(want);
  if (!isDeepStrictEqual(after.doc.toJS(), want)) return { ok: false, reason: 'the edit would change more than intended' };
  return result;
}

function railData(data: unknown, id: string): Record<string, unknown> {
  const rails = (data as { rails: Array<Record<string, unknown>> }).rails;
  return rails.find((rail) => rail.id === id)!;
}

/** Inserts `key: valueText` into a rail's block mapping, where the schema's order puts it. */
function insertKey(text: string, rail: YAMLMap, key: string, valueText: string): EditResult {
  const rank = RAIL_KEY_ORDER.indexOf(key);
  const pairs = rail.items as Pair[];
  const first = pairs[0];
  if (!first || !isScalar(first.key) || !first.key.range) return { ok: false, reason: 'the rail has no keys to place the new one beside' };
  const indent = first.key.range[0] - lineStart(text, first.key.range[0]);
  const line = `${' '.repeat(indent)}${key}: ${valueText}\n`;
  const later = pairs.find((pair) => isScalar(pair.key) && RAIL_KEY_ORDER.indexOf(String(pair.key.value)) > rank);
  if (later && isScalar(later.key) && later.key.range && later !== first) {
    return { ok: true, text: splice(text, startWithComments(text, later.key.range[0]), startWithComments(text, later.key.range[0]), line) };
  }
  const last = pairs[pairs.length - 1]!;
  const end = (last.value as { range?: [number, number, number] } | null)?.range?.[1] ?? (last.key as Scalar).range![1];
  const at = lineEnd(text, Math.max(end - 1, 0));
  const needsNewline = at === text.length && !text.endsWith('\n');
  return { ok: true, text: splice(text, at, at, `${needsNewline ? '\n' : ''}${line}`) };
}

/** Adds `value` to the list `key` of a rail (flow or block list), creating the key if needed. */
export function addToRailList(text: string, railId: string, key: 'runs', value: string): EditResult {
  return checked(
    text,
    (doc) => {
      const found = railList(doc, railId, key);
      if (!found.ok) return found;
      if (found.list === undefined) return insertKey(text, found.rail, key, `[${value}]`);
      const seq = found.list;
      if (seq.flow) {
        const lastItem = seq.items[seq.items.length - 1] as Scalar | undefined;
        if (!lastItem) {
          const close = text.lastIndexOf(']', seq.range![1]);
          return { ok: true, text: splice(text, close, close, value) };
        }
        return { ok: true, text: splice(text, lastItem.range![1], lastItem.range![1], `, ${value}`) };
      }
      const lastItem = seq.items[seq.items.length - 1] as Scalar | undefined;
      if (!lastItem?.range) return { ok: false, reason: `\`${key}\` of rail ${railId} is an empty block list` };
      const dash = text.lastIndexOf('-', lastItem.range[0]);
      const indent = dash - lineStart(text, dash);
      const at = lineEnd(text, lastItem.range[1] - 1);
      return { ok: true, text: splice(text, at, at, `${' '.repeat(indent)}- ${value}\n`) };
    },
    (data) => {
      const rail = railData(data, railId);
      rail[key] = [...((rail[key] as string[] | undefined) ?? []), value];
    },
  );
}

/** Removes `value` from the list `key` of a rail; the last entry leaves `key: []`. */
export function removeFromRailList(text: string, railId: string, key: 'runs', value: string): EditResult {
  return checked(
    text,
    (doc) => {
      const found = railList(doc, railId, key);
      if (!found.ok) return found;
      if (found.list === undefined) return { ok: false, reason: `rail ${railId} has no \`${key}\` list` };
      const seq = found.list;
      const index = seq.items.findIndex((item) => isScalar(item) && item.value === value);
      if (index < 0) return { ok: false, reason: `\`${key}\` of rail ${railId} does not list ${value}` };
      const item = seq.items[index] as Scalar;
      if (seq.items.length === 1) {
        const pair = (found.rail.items as Pair[]).find((p) => p.value === seq)!;
        const keyEnd = (pair.key as Scalar).range![1];
        const colon = text.indexOf(':', keyEnd);
        const valueEnd = seq.flow ? seq.range![1] : item.range![1];
        return { ok: true, text: splice(text, colon + 1, valueEnd, ' []') };
      }
      if (seq.flow) {
        // Take the item with the comma before it (or after it, for the first item).
        const previous = seq.items[index - 1] as Scalar | undefined;
        const next = seq.items[index + 1] as Scalar;
        return previous
          ? { ok: true, text: splice(text, previous.range![1], item.range![1], '') }
          : { ok: true, text: splice(text, item.range![0], next.range![0], '') };
      }
      const dash = text.lastIndexOf('-', item.range![0]);
      return { ok: true, text: splice(text, lineStart(text, dash), lineEnd(text, item.range![1] - 1), '') };
    },
    (data) => {
      const rail = railData(data, railId);
      rail[key] = (rail[key] as string[]).filter((entry) => entry !== value);
    },
  );
}

/** Sets a rail's scalar field (`results`), replacing its value in place or adding the key. */
export function setRailScalar(text: string, railId: string, key: 'results', value: string): EditResult {
  return checked(
    text,
    (doc) => {
      const found = findRail(doc, railId);
      if (!found.ok) return found;
      const node = found.rail.get(key, true);
      if (node === undefined) return insertKey(text, found.rail, key, new Document(value).toString().trimEnd());
      if (!isScalar(node) || !node.range) return { ok: false, reason: `\`${key}\` of rail ${railId} is not a single value` };
      if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) return { ok: false, reason: `\`${key}\` of rail ${railId} is a block scalar` };
      return { ok: true, text: splice(text, node.range[0], node.range[1], scalarText(node, value)) };
    },
    (data) => {
      railData(data, railId)[key] = value;
    },
  );
}

/** Replaces the scalar at `path` (an id that names a page or rail) when it still reads `from`. */
export function replaceScalarAt(text: string, path: ReadonlyArray<string | number>, from: string, to: string): EditResult {
  return checked(
    text,
    (doc) => {
      const node = doc.getIn(path, true);
      if (!isScalar(node) || !node.range || node.value !== from) return { ok: false, reason: `${path.join('.')} no longer reads ${from}` };
      return { ok: true, text: splice(text, node.range[0], node.range[1], scalarText(node, to)) };
    },
    (data) => {
      let parent = data as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      parent[path[path.length - 1]!] = to;
    },
  );
}

/**
 * Appends a rail entry to the end of `rails`, rendered by the YAML library with the list's own
 * indentation; `comment` lines go above it.
 */
export function appendRail(text: string, rail: Record<string, unknown>, comment: readonly string[] = []): EditResult {
  return checked(
    text,
    (doc) => {
      const rails = doc.get('rails', true);
      if (!isSeq(rails) || rails.flow || !rails.range) return { ok: false, reason: '`rails` is not a block list' };
      const dash = rails.range[0];
      const indent = ' '.repeat(dash - lineStart(text, dash));
      const rendered = new Document([rail]).toString({ lineWidth: 0 }).trimEnd().split('\n');
      const lines = [...comment.map((line) => `# ${line}`), ...rendered].map((line) => `${indent}${line}`);
      const last = rails.items[rails.items.length - 1] as YAMLMap;
      const end = last.range![1];
      const at = lineEnd(text, end - 1);
      const needsNewline = at === text.length && !text.endsWith('\n');
      return { ok: true, text: splice(text, at, at, `${needsNewline ? '\n' : ''}\n${lines.join('\n')}\n`) };
    },
    (data) => {
      (data as { rails: unknown[] }).rails.push(rail);
    },
  );
}
