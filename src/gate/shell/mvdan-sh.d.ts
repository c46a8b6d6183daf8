/**
 * The part of `mvdan-sh` (mvdan/sh compiled to JS by GopherJS) the gate uses. Nodes mirror
 * the Go API (https://pkg.go.dev/mvdan.cc/sh/v3/syntax); nil pointers arrive as `null`.
 */
declare module 'mvdan-sh' {
  /** A position in the parsed text. `Offset` counts UTF-8 bytes, `Col` too (Go strings). */
  export interface Pos {
    Line(): number;
    Col(): number;
    Offset(): number;
    IsValid(): boolean;
  }

  export interface Node {
    Pos(): Pos;
    End(): Pos;
  }

  export interface Lit extends Node {
    Value: string;
  }

  export interface SglQuoted extends Node {
    Value: string;
    /** True for `$'...'`. */
    Dollar: boolean;
  }

  export interface DblQuoted extends Node {
    Parts: Node[];
    /** True for `$"..."`. */
    Dollar: boolean;
  }

  export interface Word extends Node {
    Parts: Node[];
  }

  export interface Assign extends Node {
    /** Null for a bare argument of a declaration clause (`export -n`). */
    Name: Lit | null;
    Value: Word | null;
    /** True for `export NAME` (no `=`). */
    Naked: boolean;
    Append: boolean;
  }

  export interface CallExpr extends Node {
    Assigns: Assign[];
    Args: Word[];
  }

  /** `export`, `declare`, `local`, `readonly`, `typeset`, `nameref`. */
  export interface DeclClause extends Node {
    Variant: Lit;
    Args: Assign[];
  }

  export interface Redirect extends Node {
    Word: Word | null;
    Hdoc: Word | null;
  }

  export interface Stmt extends Node {
    Cmd: Node | null;
    Redirs: Redirect[];
  }

  export interface File extends Node {
    Stmts: Stmt[];
  }

  /** What `Parse` throws. */
  export interface ParseError {
    Error(): string;
    Filename: string;
    Pos: Pos;
    Text: string;
    /** True when more input could have completed the text (unclosed quote, `&&` at the end). */
    Incomplete: boolean;
  }

  export interface Parser {
    Parse(src: string, name: string): File;
  }

  export interface Syntax {
    NewParser(...options: unknown[]): Parser;
    /** Depth-first; after a node's children it calls `visit(null)` (only when `visit` returned true). */
    Walk(node: Node, visit: (node: Node | null) => boolean): void;
    NodeType(node: Node): string;
    DebugPrint(node: Node): void;
  }

  const sh: { syntax: Syntax };
  export default sh;
}
