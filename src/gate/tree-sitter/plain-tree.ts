/**
 * A tree-sitter tree copied out of wasm memory into plain objects, in one cursor walk.
 *
 * Why: every property of a web-tree-sitter `Node` (`type`, `children`, `childForFieldName`, ...)
 * is a call into wasm that builds new objects. The run rules read each node of a rail script
 * several times, and read a helper function's body again at every call, so on the real
 * workspace those calls cost more than parsing (profiled: about 0.4 s of 0.6 s). A copy costs one
 * visit per node, lets the wasm tree go at once, and is read at JS speed afterwards.
 *
 * The copy answers the part of the `Node` interface the shell readers use, with the same
 * meaning, so code written against `SyntaxNode` reads either.
 */
import type { Tree } from 'web-tree-sitter';

/** What the shell readers need of a syntax node: a web-tree-sitter `Node` or a `PlainNode`. */
export interface SyntaxNode {
  readonly type: string;
  readonly isNamed: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly children: readonly SyntaxNode[];
  readonly namedChildren: readonly SyntaxNode[];
}

export class PlainNode implements SyntaxNode {
  readonly type: string;
  readonly isNamed: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  /** The field this node fills in its parent (`name`, `body`, `value`), if any. */
  readonly field: string | null;
  readonly children: PlainNode[] = [];
  /** The text that was parsed: `text` is read from it. */
  private readonly source: string;
  private named: PlainNode[] | undefined;

  constructor(type: string, isNamed: boolean, startIndex: number, endIndex: number, field: string | null, source: string) {
    this.type = type;
    this.isNamed = isNamed;
    this.startIndex = startIndex;
    this.endIndex = endIndex;
    this.field = field;
    this.source = source;
  }

  get namedChildren(): readonly PlainNode[] {
    return (this.named ??= this.children.filter((child) => child.isNamed));
  }

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  childForFieldName(field: string): PlainNode | null {
    return this.children.find((child) => child.field === field) ?? null;
  }

  childrenForFieldName(field: string): PlainNode[] {
    return this.children.filter((child) => child.field === field);
  }

  child(index: number): PlainNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): PlainNode | null {
    return this.namedChildren[index] ?? null;
  }
}

export interface PlainTree {
  root: PlainNode;
  /**
   * Children of the root whose subtree nests deeper than `maxDepth` levels below them: their
   * copy stops at that depth, and readers skip them (one finding at their place, not a crash).
   */
  tooDeep: ReadonlySet<PlainNode>;
}

/**
 * Copies `tree` (parsed from `source`) with a cursor, iteratively: a text nested thousands of
 * levels deep is copied without recursion, each statement down to `maxDepth` levels below it.
 * The wasm tree is left to the caller (it can be deleted right after).
 */
export function copyTree(tree: Tree, source: string, maxDepth: number): PlainTree {
  const cursor = tree.walk();
  const tooDeep = new Set<PlainNode>();
  try {
    const root = new PlainNode(cursor.nodeType, cursor.nodeIsNamed, cursor.startIndex, cursor.endIndex, null, source);
    // path[0] is the root, path[1] the statement being copied, path[n] the node at depth n.
    const path: PlainNode[] = [root];
    const enter = (): void => {
      const node = new PlainNode(cursor.nodeType, cursor.nodeIsNamed, cursor.startIndex, cursor.endIndex, cursor.currentFieldName, source);
      path[path.length - 1]!.children.push(node);
      path.push(node);
    };
    for (;;) {
      // Depth below its statement of the node the cursor is on: path.length - 2.
      const atLimit = path.length - 2 >= maxDepth;
      if (atLimit && cursor.gotoFirstChild()) {
        tooDeep.add(path[1]!);
        cursor.gotoParent();
      } else if (!atLimit && cursor.gotoFirstChild()) {
        enter();
        continue;
      }
      // No child to copy: the next sibling, else up until there is one.
      for (;;) {
        if (path.length === 1) return { root, tooDeep };
        path.pop();
        if (cursor.gotoNextSibling()) {
          enter();
          break;
        }
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete();
  }
}
