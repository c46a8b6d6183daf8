/**
 * What `Module.function` the Mesh type checker accepts, read from its source with
 * tree-sitter-rust (never by running it). The rule, from `infer_field_access` in
 * `compiler/mesh-typeck/src/infer.rs`: `M.f` type-checks when `M` is in `STDLIB_MODULE_NAMES`
 * and the map `stdlib_modules()` registers for `M` holds `f`; besides, the `if base_name == "M"
 * && field_name == "f"` cases of that function accept any arguments (`Node.spawn`) or refuse the
 * name (`Continuity.promote`). Flat builtins (`builtins.rs`, `http_serve_tls`) are names called
 * without a module: they never make `M.f` resolve (see `flatBuiltins`).
 *
 * Only the items it needs are parsed (each a top-level item, cut at its closing line): the whole
 * file takes the baseline wasm tier about half a second. What the source builds in a way this
 * reader does not know is kept as `unreadable` with its line, never guessed.
 */
import type { Node, Parser } from 'web-tree-sitter';
import { unquoteString } from '../clap/rust-attrs.ts';
import { appendAll } from '../../core/append.ts';

export const INFER_FILE = 'compiler/mesh-typeck/src/infer.rs';
export const BUILTINS_FILE = 'compiler/mesh-typeck/src/builtins.rs';

/** A place in the type checker's source the table came from (1-based line). */
export interface Unreadable {
  line: number;
  why: string;
}

export interface ApiFunction {
  /** Parameters of its `Ty::fun(vec![...], ret)`; undefined when the type is built another way. */
  arity?: number;
  /** True for a value that is not a function (`Math.pi`, `Scheme::mono(Ty::float())`): calling it fails. */
  value?: true;
  line: number;
}

export interface ApiModule {
  functions: Record<string, ApiFunction>;
  /** Line of its `modules.insert("M", ...)`. */
  line: number;
  /** Names this module's map got in a way the reader cannot read (a computed key, `.extend(...)`). */
  unreadable?: Unreadable;
}

export interface StdlibTable {
  /** Modules `stdlib_modules()` registers. */
  modules: Record<string, ApiModule>;
  /** `STDLIB_MODULE_NAMES`, the names `is_stdlib_module` accepts; undefined when not found. */
  listed?: string[];
  /** `M.f` that `infer_field_access` accepts with any arguments, with the line of the case. */
  variadic: Record<string, number>;
  /** `M.f` that `infer_field_access` refuses on purpose. */
  refused: Record<string, number>;
  /** `M.f` compared by name elsewhere in infer.rs (a special call form such as `HTTP.clustered`), not read further. */
  elsewhere: Record<string, number>;
  /**
   * Names `infer_field_access` answers on the program's own types (`User.__table__`,
   * `User.from_json`): a reference to one on a type that is not a module is the program's, not
   * the standard library's. Patterns are `prefix*suffix` (`__*_col__`).
   */
  typeFunctions: string[];
  typeFunctionPatterns: Array<{ prefix: string; suffix: string }>;
  /** Whole-table gaps: the function is missing, or a module was registered under a name the reader cannot read. */
  unreadable: Unreadable[];
}

/** Reads the table from infer.rs's text. */
export function readStdlibTable(parser: Parser, source: string): StdlibTable {
  const table: StdlibTable = { modules: {}, variadic: {}, refused: {}, elsewhere: {}, typeFunctions: [], typeFunctionPatterns: [], unreadable: [] };
  const modulesFn = topLevelItem(source, /^fn stdlib_modules\(/m);
  if (!modulesFn) table.unreadable.push({ line: 1, why: `${INFER_FILE} has no top-level \`fn stdlib_modules()\`` });
  else readModules(parser, modulesFn, table);

  const list = topLevelItem(source, /^(?:pub(?:\([^)]*\))? )?const STDLIB_MODULE_NAMES\b/m);
  if (list) {
    const tree = parser.parse(list.text);
    const array = tree?.rootNode.descendantsOfType('array_expression')[0];
    if (array) table.listed = array.namedChildren.flatMap((item) => (item && isString(item) ? [unquoteString(item.text)] : []));
    tree?.delete();
  }
  if (!table.listed) table.unreadable.push({ line: 1, why: `${INFER_FILE} has no \`const STDLIB_MODULE_NAMES\` list of module names` });

  const access = topLevelItem(source, /^fn infer_field_access\(/m);
  if (access) readSpecialCases(parser, access, table);
  else table.unreadable.push({ line: 1, why: `${INFER_FILE} has no top-level \`fn infer_field_access\`` });

  // `M.f` named by comparison anywhere else (`base_name == "HTTP" && field_name == "clustered"`).
  const pair = /base_name\s*==\s*"([A-Z]\w*)"\s*&&\s*field_name\s*==\s*"(\w+)"/g;
  for (const match of source.matchAll(pair)) {
    const key = `${match[1]}.${match[2]}`;
    if (!(key in table.variadic) && !(key in table.refused)) table.elsewhere[key] ??= lineAt(source, match.index);
  }
  return table;
}

/** Flat builtin names (`env.insert("println".into(), ...)`), for hints only: they are called without a module. */
export function readFlatBuiltins(parser: Parser, source: string): Set<string> {
  const names = new Set<string>();
  const item = topLevelItem(source, /^pub fn register_builtins\(/m);
  if (!item) return names;
  const tree = parser.parse(item.text);
  for (const call of tree?.rootNode.descendantsOfType('call_expression') ?? []) {
    const callee = call?.childForFieldName('function');
    if (callee?.type !== 'field_expression' || callee.childForFieldName('field')?.text !== 'insert') continue;
    const key = call!.childForFieldName('arguments')?.namedChildren[0];
    const name = key ? literalKey(key) : undefined;
    if (name && /^[a-z_]\w*$/.test(name)) names.add(name);
  }
  tree?.delete();
  return names;
}

interface Item {
  text: string;
  /** Line of the item's first line in the file, minus one. */
  lineOffset: number;
}

/** A top-level item's text: from its first line to the first line that closes at column 0. */
function topLevelItem(source: string, start: RegExp): Item | undefined {
  const match = start.exec(source);
  if (!match) return undefined;
  const close = /^(?:\}|\];)[^\n]*$/m;
  const rest = source.slice(match.index);
  const end = close.exec(rest);
  const text = end ? rest.slice(0, end.index + end[0].length) : rest;
  return { text, lineOffset: lineAt(source, match.index) - 1 };
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line += 1;
  return line;
}

type MapState = { functions: Record<string, ApiFunction>; unreadable?: Unreadable };

interface Walk {
  table: StdlibTable;
  lineOffset: number;
  /** `let mut x = HashMap::new()` maps, by variable. */
  maps: Map<string, MapState>;
  /** Other `let` values, for `Ty::fun` built in a variable first. */
  lets: Map<string, Node>;
  /** Names a `for x in ["a", "b"]` loop binds. */
  loops: Map<string, string[] | undefined>;
  registry?: string;
}

function readModules(parser: Parser, item: Item, table: StdlibTable): void {
  const tree = parser.parse(item.text);
  const fn = tree?.rootNode.namedChildren.find((n) => n?.type === 'function_item');
  const body = fn?.childForFieldName('body');
  if (!tree || !fn || !body || fn.hasError) {
    table.unreadable.push({ line: item.lineOffset + 1, why: '`fn stdlib_modules()` does not parse as Rust on its own' });
    tree?.delete();
    return;
  }
  // The registry is the map the function returns (its last expression).
  const last = body.namedChildren.filter((n) => n?.type !== 'line_comment' && n?.type !== 'block_comment').at(-1);
  const walk: Walk = { table, lineOffset: item.lineOffset, maps: new Map(), lets: new Map(), loops: new Map() };
  if (last?.type === 'identifier') walk.registry = last.text;
  else table.unreadable.push({ line: item.lineOffset + (last?.startPosition.row ?? 0) + 1, why: '`fn stdlib_modules()` does not end by returning its map' });
  walkBlock(body, walk, last ?? undefined);
  tree.delete();
}

function walkBlock(block: Node, walk: Walk, returned?: Node): void {
  for (const statement of block.namedChildren) if (statement && statement !== returned) walkStatement(statement, walk);
}

function walkStatement(node: Node, walk: Walk): void {
  const line = walk.lineOffset + node.startPosition.row + 1;
  switch (node.type) {
    case 'line_comment':
    case 'block_comment':
      return;
    case 'let_declaration': {
      const name = node.childForFieldName('pattern')?.text ?? '';
      const value = node.childForFieldName('value');
      if (!value) return;
      if (/^HashMap::(?:new|default|with_capacity)$/.test(value.childForFieldName('function')?.text ?? '') && value.type === 'call_expression') {
        if (name !== walk.registry) walk.maps.set(name, { functions: {} });
        return;
      }
      const copied = walk.maps.get(value.text.replace(/\.clone\(\)$/, ''));
      if (copied) {
        walk.maps.set(name, { functions: { ...copied.functions }, ...(copied.unreadable ? { unreadable: copied.unreadable } : {}) });
        return;
      }
      walk.lets.set(name, value);
      touches(value, walk, line);
      return;
    }
    case 'expression_statement':
    case 'block':
    case 'for_expression': {
      const inner = node.type === 'expression_statement' ? node.namedChildren[0] : node;
      if (!inner) return;
      if (inner.type === 'block') return walkBlock(inner, walk);
      if (inner.type === 'for_expression') return walkLoop(inner, walk);
      if (inner.type === 'call_expression' && walkInsert(inner, walk, line)) return;
      touches(inner, walk, line);
      return;
    }
    default:
      touches(node, walk, line);
  }
}

function walkLoop(loop: Node, walk: Walk): void {
  const binding = loop.childForFieldName('pattern')?.text ?? '';
  const value = loop.childForFieldName('value');
  const names = value?.type === 'array_expression' && value.namedChildren.every((n) => n && isString(n))
    ? value.namedChildren.map((n) => unquoteString(n!.text))
    : undefined;
  walk.loops.set(binding, names);
  const body = loop.childForFieldName('body');
  if (body) walkBlock(body, walk);
  walk.loops.delete(binding);
}

/** `m.insert(key, value)` on a map or the registry; false when the call is something else. */
function walkInsert(call: Node, walk: Walk, line: number): boolean {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'field_expression') return false;
  const receiver = callee.childForFieldName('value')?.text ?? '';
  const method = callee.childForFieldName('field')?.text;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((n) => n && !n.type.endsWith('comment')) as Node[] | undefined;
  if (receiver === walk.registry) {
    if (method !== 'insert' || args?.length !== 2) {
      walk.table.unreadable.push({ line, why: `the module registry is changed by \`.${method}(...)\`, which the reader does not follow` });
      return true;
    }
    const name = literalKey(args[0]!);
    const map = walk.maps.get(args[1]!.text.replace(/\.clone\(\)$/, ''));
    if (name === undefined) walk.table.unreadable.push({ line, why: 'a module is registered under a name that is not a string literal' });
    else if (!map) walk.table.modules[name] = { functions: {}, line, unreadable: { line, why: `the map registered for ${name} is not a \`HashMap::new()\` filled in this function` } };
    else walk.table.modules[name] = { functions: { ...map.functions }, line, ...(map.unreadable ? { unreadable: map.unreadable } : {}) };
    return true;
  }
  const map = walk.maps.get(receiver);
  if (!map) return false;
  if (method !== 'insert' || args?.length !== 2) {
    map.unreadable ??= { line, why: `\`${receiver}.${method}(...)\` adds names the reader does not follow` };
    return true;
  }
  const key = args[0]!;
  const names = literalKey(key) !== undefined ? [literalKey(key)!] : walk.loops.get(loopKey(key) ?? '');
  if (!names) {
    map.unreadable ??= { line, why: `\`${receiver}.insert\` with a key that is not a string literal or a name from a literal list` };
    return true;
  }
  const arity = arityOf(args[1]!, walk);
  const value = arity === undefined && isPlainValue(args[1]!);
  for (const name of names) map.functions[name] = arity !== undefined ? { arity, line } : value ? { value: true, line } : { line };
  return true;
}

/** A statement the reader does not know that names a map or the registry: what it does to it cannot be told. */
function touches(node: Node, walk: Walk, line: number): void {
  for (const id of node.descendantsOfType('identifier')) {
    const name = id?.text ?? '';
    if (name === walk.registry) walk.table.unreadable.push({ line, why: 'the module registry is used in a statement the reader does not follow' });
    const map = walk.maps.get(name);
    if (map) map.unreadable ??= { line, why: `\`${name}\` is used in a statement the reader does not follow` };
  }
}

/** `"name".to_string()`, `"name".into()`, `"name".to_owned()`, `String::from("name")`, or a bare literal. */
function literalKey(node: Node): string | undefined {
  if (isString(node)) return unquoteString(node.text);
  if (node.type !== 'call_expression') return undefined;
  const callee = node.childForFieldName('function');
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  if (callee?.type === 'field_expression' && args.length === 0 && /^(?:to_string|into|to_owned)$/.test(callee.childForFieldName('field')?.text ?? '')) {
    const value = callee.childForFieldName('value');
    return value && isString(value) ? unquoteString(value.text) : undefined;
  }
  if (callee?.text === 'String::from' && args.length === 1 && args[0] && isString(args[0])) return unquoteString(args[0].text);
  return undefined;
}

/** `helper.to_string()` or `helper.into()` or `helper` where `helper` is a loop binding. */
function loopKey(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  const callee = node.type === 'call_expression' ? node.childForFieldName('function') : undefined;
  return callee?.type === 'field_expression' ? callee.childForFieldName('value')?.text : undefined;
}

/** The parameter count of `Scheme::mono(Ty::fun(vec![...], ret))` or `Scheme { ty: Ty::fun(...), .. }`. */
function arityOf(value: Node, walk: Walk, depth = 0): number | undefined {
  if (depth > 4) return undefined;
  if (value.type === 'identifier') {
    const bound = walk.lets.get(value.text);
    return bound ? arityOf(bound, walk, depth + 1) : undefined;
  }
  if (value.type === 'struct_expression') {
    const fields = value.childForFieldName('body')?.namedChildren ?? [];
    const ty = fields.find((f) => f?.type === 'field_initializer' && f.childForFieldName('field')?.text === 'ty');
    const inner = ty?.childForFieldName('value');
    return inner ? arityOf(inner, walk, depth + 1) : undefined;
  }
  if (value.type !== 'call_expression') return undefined;
  const callee = value.childForFieldName('function')?.text;
  const args = value.childForFieldName('arguments')?.namedChildren.filter((n) => n && !n.type.endsWith('comment')) ?? [];
  if (callee === 'Scheme::mono' && args.length === 1) return arityOf(args[0]!, walk, depth + 1);
  if (callee === 'Ty::fun' && args.length === 2) return vecLength(args[0]!, walk);
  return undefined;
}

/** `Scheme::mono(Ty::float())`: a scheme whose type is a `Ty::` constructor other than `Ty::fun`. */
function isPlainValue(value: Node): boolean {
  if (value.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'Scheme::mono') return false;
  const inner = value.childForFieldName('arguments')?.namedChildren[0];
  const callee = inner?.type === 'call_expression' ? inner.childForFieldName('function')?.text ?? '' : '';
  return /^Ty::\w+$/.test(callee) && callee !== 'Ty::fun';
}

/** Elements of a `vec![a, b(c, d)]` (top-level commas of its token tree), or of a `let` bound to one. */
function vecLength(node: Node, walk: Walk): number | undefined {
  if (node.type === 'identifier') {
    const bound = walk.lets.get(node.text);
    return bound && bound.type !== 'identifier' ? vecLength(bound, walk) : undefined;
  }
  if (node.type !== 'macro_invocation' || node.childForFieldName('macro')?.text !== 'vec') return undefined;
  const tree = node.namedChildren.find((n) => n?.type === 'token_tree');
  if (!tree) return undefined;
  const inner = tree.children.slice(1, -1);
  if (inner.some((n) => n?.type === ';')) return undefined; // vec![x; n]
  if (inner.length === 0) return 0;
  const commas = inner.filter((n) => n?.type === ',').length;
  return inner.at(-1)?.type === ',' ? commas : commas + 1;
}

/** `if base_name == "M" && (field_name == "a" || ...) { ... }` inside `infer_field_access`. */
function readSpecialCases(parser: Parser, item: Item, table: StdlibTable): void {
  const tree = parser.parse(item.text);
  for (const branch of tree?.rootNode.descendantsOfType('if_expression') ?? []) {
    const condition = branch?.childForFieldName('condition');
    const consequence = branch?.childForFieldName('consequence');
    if (!condition || !consequence) continue;
    const modules = comparedWith(condition, 'base_name');
    const names = comparedWith(condition, 'field_name');
    if (modules.length === 0) {
      appendAll(table.typeFunctions, names.filter((name) => !table.typeFunctions.includes(name)));
      appendAll(table.typeFunctionPatterns, namePatterns(condition));
      continue;
    }
    if (modules.length !== 1 || names.length === 0) continue;
    const line = item.lineOffset + branch!.startPosition.row + 1;
    const body = consequence.text;
    const target = /\breturn\s+Err\(|\bErr\(err\)/.test(body) ? table.refused : /\breturn\s+Ok\(/.test(body) ? table.variadic : undefined;
    if (!target) continue;
    for (const name of names) target[`${modules[0]}.${name}`] = line;
  }
  tree?.delete();
}

/** `field_name.starts_with("__") && field_name.ends_with("_col__")` as a pattern. */
function namePatterns(condition: Node): Array<{ prefix: string; suffix: string }> {
  const patterns: Array<{ prefix: string; suffix: string }> = [];
  for (const binary of [condition, ...condition.descendantsOfType('binary_expression')]) {
    if (binary?.type !== 'binary_expression' || binary.childForFieldName('operator')?.text !== '&&') continue;
    const affix = (side: Node | null, method: string): string | undefined => {
      const callee = side?.type === 'call_expression' ? side.childForFieldName('function') : undefined;
      const arg = side?.childForFieldName('arguments')?.namedChildren[0];
      return callee?.text === `field_name.${method}` && arg && isString(arg) ? unquoteString(arg.text) : undefined;
    };
    const prefix = affix(binary.childForFieldName('left'), 'starts_with');
    const suffix = affix(binary.childForFieldName('right'), 'ends_with');
    if (prefix !== undefined && suffix !== undefined) patterns.push({ prefix, suffix });
  }
  return patterns;
}

/** String literals that `name == "..."` compares with in a condition. */
function comparedWith(condition: Node, name: string): string[] {
  const found: string[] = [];
  for (const binary of [condition, ...condition.descendantsOfType('binary_expression')]) {
    if (binary?.type !== 'binary_expression' || binary.childForFieldName('operator')?.text !== '==') continue;
    const left = binary.childForFieldName('left');
    const right = binary.childForFieldName('right');
    if (left?.text === name && right && isString(right)) found.push(unquoteString(right.text));
  }
  return found;
}

function isString(node: Node): boolean {
  return node.type === 'string_literal' || node.type === 'raw_string_literal';
}
