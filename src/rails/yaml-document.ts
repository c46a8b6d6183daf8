/**
 * The rails YAML as a document: plain data with a cap on alias expansion, and the positions of
 * keys and scalars (`file:line:col` in every finding, shell word positions in steps).
 */
import { isMap, isScalar, Scalar, visit, type Document, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourcePosition } from '../core/types.ts';

/**
 * The document as plain data. Aliases are expanded with a cap (an "alias bomb" of a few nested
 * anchors would otherwise expand to millions of nodes): past it, one finding at the first alias.
 */
export function toPlainData(doc: Document): { data: unknown } | { diagnostic: Omit<Diagnostic, 'position' | 'subject'> & { offset: number } } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) };
  } catch (error) {
    let offset = 0;
    visit(doc, { Alias: (_key, node) => ((offset = node.range?.[0] ?? 0), visit.BREAK) });
    return {
      diagnostic: {
        code: 'yaml-syntax',
        severity: 'error',
        offset,
        message: `The YAML expands its aliases (*name) too many times to read safely: ${firstLine(error instanceof Error ? error.message : String(error))}`,
        suggestion: 'write the values out instead of nesting aliases of aliases',
      },
    };
  }
}

/** How many alias expansions a document may need; rails.yaml uses none today. */
const MAX_ALIAS_EXPANSIONS = 100;

/** Position of a key (not its value) in the mapping at `mapPath`. */
export function keyPosition(
  doc: Document,
  mapPath: ReadonlyArray<PropertyKey>,
  key: string,
  at: (offset: number) => SourcePosition,
): SourcePosition | undefined {
  const map = doc.getIn(mapPath as unknown[], true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
  return range ? at(range[0]) : undefined;
}

/** Position of a key path's node (the key's value), falling back to the nearest parent. */
export function nodePosition(
  doc: Document,
  keyPath: ReadonlyArray<PropertyKey>,
  at: (offset: number) => SourcePosition,
): SourcePosition {
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = doc.getIn(keyPath.slice(0, depth) as unknown[], true) as YamlNode | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return at(node.range[0]);
  }
  return at(0);
}

/**
 * Where the text of a scalar starts: after the opening quote of a quoted scalar, on the
 * first content line of a block scalar. Shell word positions are computed from this.
 */
export function textPosition(
  yamlText: string,
  doc: Document,
  keyPath: ReadonlyArray<PropertyKey>,
  positionOf: (keyPath: ReadonlyArray<PropertyKey>) => SourcePosition,
  at: (offset: number) => SourcePosition,
): SourcePosition {
  const node = doc.getIn(keyPath as unknown[], true);
  if (!isScalar(node) || !node.range) return positionOf(keyPath);
  const start = node.range[0];
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return at(start + 1);
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    // The header (`|`, `>-`) sits on the key's line; the text starts indented on the next one.
    const lineEnd = yamlText.indexOf('\n', start);
    if (lineEnd === -1) return at(start);
    let contentStart = lineEnd + 1;
    while (yamlText[contentStart] === ' ') contentStart++;
    return at(contentStart);
  }
  return at(start);
}

export function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

