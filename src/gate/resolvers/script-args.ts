/**
 * What arguments a repo script accepts, read from its argument handling with the shell parser:
 * `case "$1" in --help|-h) ...` (also on `"${1:-}"`, on a variable set from it, such as
 * `mode="${1:-all}"`, or on `$arg` of `for arg in "$@"`), a `while [[ $# -gt 0 ]]` loop around
 * such a `case`, `[[ "${1:-}" == "--help" ]]` tests, and `getopts`. The script's own top level
 * counts, and so do functions it hands its arguments to (`parse_args "$@"`) and the files it
 * sources. A script that reads its arguments any other way (passes `"$@"` on to embedded Python,
 * indexes them) is unreadable: the caller fails closed on any argument shown to it.
 */
import type { Node } from 'web-tree-sitter';
import { blankHeredocBodies } from '../relations/run-rules.ts';
import { z } from 'zod';
import { perRepo } from '../../repo/per-repo.ts';
import { readingCacheOf } from '../../repo/reading-cache.ts';
import { shellParser } from '../shell/bash-parser.ts';
import type { RepoView } from '../../core/types.ts';
import { scriptClosure } from './script-text.ts';

export interface FlagSpec {
  /** The flag takes a value (`--stop-after VALUE`, `-n NAME`). */
  value: boolean;
  /** The values it accepts, when the script names them all. */
  values?: string[];
}

export type ScriptArgs =
  | { readable: false; why: string }
  | {
      readable: true;
      flags: Map<string, FlagSpec>;
      /** Positional arguments: none accepted, any value, or one of `values`. */
      positional: { kind: 'none' } | { kind: 'any' } | { kind: 'values'; values: string[] };
    };

/** `$1`, `${1}`, `${1:-x}`, `"$@"` and friends, as written. */
const FIRST_ARG = /^"?\$(?:1|\{1(?:[:]?[-=?+][^}]*)?\})"?$/;
const ALL_ARGS = /"?\$(?:@|\*|\{@\}|\{\*\})"?/;
const ARG_REFERENCE = /\$(?:[1-9@*#]|\{[1-9@*#][^}]*\})/;
const SECOND_ARG = /^"?\$(?:2|\{2(?:[:]?[-=?+][^}]*)?\})"?$/;
const ARG_WORD = /^"?\$(?:[1-9@*]|\{[1-9@*][^}]*\})"?$/;

const cache = perRepo(() => new Map<string, ScriptArgs>());

/** `ScriptArgs` as the reading cache keeps it (JSON: the flags as pairs). */
const keptArgsSchema = z.union([
  z.object({ readable: z.literal(false), why: z.string() }),
  z.object({
    readable: z.literal(true),
    flags: z.array(z.tuple([z.string(), z.object({ value: z.boolean(), values: z.array(z.string()).optional() })])),
    positional: z.union([z.object({ kind: z.literal('none') }), z.object({ kind: z.literal('any') }), z.object({ kind: z.literal('values'), values: z.array(z.string()) })]),
  }),
]);
type KeptArgs = z.infer<typeof keptArgsSchema>;

export function scriptArgs(repo: RepoView, script: string): ScriptArgs {
  const known = cache(repo);
  let args = known.get(script);
  if (args === undefined) {
    // Kept between runs like a script's runs (read-script.ts): the texts it read, compared.
    const kept = readingCacheOf(repo);
    args = kept ? fromKept(kept.remember(`script-args\0${script}`, repo, keptArgsSchema, (asked) => toKept(readArgs(asked, script)))) : readArgs(repo, script);
    known.set(script, args);
  }
  return args;
}

const toKept = (args: ScriptArgs): KeptArgs => (args.readable ? { ...args, flags: [...args.flags] } : args);
const fromKept = (args: KeptArgs): ScriptArgs =>
  args.readable ? { readable: true, flags: new Map(args.flags.map(([flag, spec]) => [flag, spec.values ? { value: spec.value, values: spec.values } : { value: spec.value }])), positional: args.positional } : args;

interface Reading {
  flags: Map<string, FlagSpec>;
  values: Set<string>;
  anyPositional: boolean;
  /** Variables that hold the first argument (`mode="${1:-all}"`, `for arg in "$@"`). */
  argVars: Set<string>;
  /** Variables a flag's value goes to (`STOP_AFTER="$2"`), by flag. */
  valueVars: Map<string, string>;
  unreadable?: string;
  readsArgs: boolean;
  /** The flag a test compared the first argument with last (its value may come next as `$2`). */
  lastFlag?: string;
}

function readArgs(repo: RepoView, script: string): ScriptArgs {
  const reading: Reading = { flags: new Map(), values: new Set(), anyPositional: false, argVars: new Set(), valueVars: new Map(), readsArgs: false };
  for (const file of scriptClosure(repo, script, 'source')) {
    const text = repo.read(file);
    if (text === undefined) continue;
    const tree = shellParser().parse(blankHeredocBodies(text).text);
    if (!tree) continue;
    try {
      const functions = new Map<string, Node>();
      collectFunctions(tree.rootNode, functions);
      const handedArgs = new Set<string>();
      collectHandedArgs(tree.rootNode, functions, handedArgs);
      readScope(tree.rootNode, reading, functions, handedArgs, text, file);
      for (const name of handedArgs) readScope(functions.get(name)!, reading, functions, handedArgs, text, file);
      // A flag's values named by a later `case "$VAR"` on the variable it fills.
      for (const [flag, variable] of reading.valueVars) {
        const values = caseValues(tree.rootNode, variable);
        if (values.length > 0) reading.flags.set(flag, { value: true, values });
      }
    } finally {
      tree.delete();
    }
  }
  if (reading.unreadable) return { readable: false, why: reading.unreadable };
  const positional = reading.anyPositional ? { kind: 'any' as const } : reading.values.size > 0 ? { kind: 'values' as const, values: [...reading.values] } : { kind: 'none' as const };
  return { readable: true, flags: reading.flags, positional };
}

function collectFunctions(node: Node, functions: Map<string, Node>): void {
  for (const child of node.namedChildren) {
    if (child.type === 'function_definition') {
      const name = child.childForFieldName('name')?.text;
      const body = child.childForFieldName('body');
      if (name && body) functions.set(name, body);
    } else {
      collectFunctions(child, functions);
    }
  }
}

/** Functions the top level calls with `"$@"`: their `$1` is the script's. */
function collectHandedArgs(node: Node, functions: ReadonlyMap<string, Node>, handed: Set<string>): void {
  for (const child of node.namedChildren) {
    if (child.type === 'function_definition') continue;
    if (child.type === 'command') {
      const [head, ...rest] = words(child);
      if (head && functions.has(head) && rest.some((word) => ALL_ARGS.test(word))) handed.add(head);
    }
    collectHandedArgs(child, functions, handed);
  }
}

/** Reads one scope (the top level, or a function handed the arguments); other functions are skipped. */
function readScope(scope: Node, reading: Reading, functions: ReadonlyMap<string, Node>, handed: ReadonlySet<string>, text: string, file: string): void {
  const visit = (node: Node, handled: boolean): void => {
    switch (node.type) {
      case 'function_definition':
        return; // its `$1` is its own (a function handed the arguments is read as a scope)
      case 'case_statement': {
        const subject = node.childForFieldName('value');
        const raw = subject?.text ?? '';
        if (FIRST_ARG.test(raw) || reading.argVars.has(variableOf(raw) ?? '')) {
          reading.readsArgs = true;
          readCase(node, reading);
          return;
        }
        break;
      }
      case 'for_statement': {
        // `for arg in "$@"` (or `for arg; do`): `$arg` is each argument.
        const values = node.childrenForFieldName('value');
        const variable = node.childForFieldName('variable')?.text;
        if (variable && (values.length === 0 || values.every((v) => ALL_ARGS.test(v.text)))) {
          reading.readsArgs = true;
          reading.argVars.add(variable);
          const body = node.childForFieldName('body');
          if (body) visit(body, false);
          return;
        }
        break;
      }
      case 'while_statement': {
        // `while [[ $# -gt 0 ]]; do case "$1" in ...; shift; done`
        const condition = node.childForFieldName('condition');
        if (condition && /\$#/.test(condition.text)) {
          reading.readsArgs = true;
          const body = node.childForFieldName('body');
          if (body) visit(body, true);
          return;
        }
        break;
      }
      case 'variable_assignment':
      case 'declaration_command': {
        const assignments = node.type === 'variable_assignment' ? [node] : node.namedChildren.filter((c) => c.type === 'variable_assignment');
        for (const assignment of assignments) {
          const value = assignment.childForFieldName('value')?.text ?? '';
          const name = assignment.childForFieldName('name')?.text;
          if (name && FIRST_ARG.test(value)) {
            reading.readsArgs = true;
            reading.argVars.add(name);
            // Read by a `case` later (its values), or taken as it is (any value).
            if (caseValues(scope, name).length === 0) reading.anyPositional = true;
          } else if (SECOND_ARG.test(value) && reading.lastFlag !== undefined) {
            // `[[ "$1" != "--stop-after" ]] ... phase="$2"`: the flag tested last takes this value.
            reading.flags.set(reading.lastFlag, { value: true });
            reading.valueVars.set(reading.lastFlag, name!);
          } else if (ARG_REFERENCE.test(value) && !handled) {
            unreadable(reading, file, assignment, text, 'assigns from its arguments in a way the gate does not read');
          }
        }
        return;
      }
      case 'test_command':
      case 'binary_expression': {
        if (readTest(node, reading)) return;
        break;
      }
      case 'command': {
        const [head, ...rest] = words(node);
        if (head === 'getopts') {
          reading.readsArgs = true;
          readGetopts(rest[0] ?? '', reading);
          return;
        }
        if (head === 'shift' || head === 'set') return;
        if (head && functions.has(head) && handed.has(head)) return; // read as its own scope
        // A word that is an argument itself (`"$@"`, `"$1"`); a message that mentions one is not reading it.
        if (!handled && rest.some((word) => ARG_WORD.test(word)) && !['echo', 'printf', 'local', 'return', 'exit', ':'].includes(head ?? '')) {
          unreadable(reading, file, node, text, `hands its arguments to ${head ?? 'a command'}`);
        }
        break;
      }
    }
    for (const child of node.namedChildren) visit(child, handled);
  };
  visit(scope, false);
}

function unreadable(reading: Reading, file: string, node: Node, text: string, what: string): void {
  if (reading.unreadable) return;
  const line = text.slice(0, node.startIndex).split('\n').length;
  reading.unreadable = `${file}:${line} ${what}`;
}

/** A `case` on the first argument: each pattern is a flag or a positional value; `*` accepts or rejects the rest. */
function readCase(node: Node, reading: Reading): void {
  for (const item of node.namedChildren.filter((c) => c.type === 'case_item')) {
    const patterns = item.childrenForFieldName('value').map((p) => unquote(p.text));
    const body = item.namedChildren.filter((c) => !item.childrenForFieldName('value').some((p) => p.equals(c)));
    const bodyText = body.map((c) => c.text).join('\n');
    const takesValue = /\$\{?2\b|shift 2/.test(bodyText);
    const valueVar = /([A-Za-z_][A-Za-z0-9_]*)="?\$\{?2[}:"]?/.exec(bodyText)?.[1];
    for (const pattern of patterns) {
      if (pattern === '*' || pattern === '?*') {
        // A catch-all that stops the script rejects other values; one that goes on takes them.
        if (!/\b(?:exit [1-9]|fail\w*|die|usage|return [1-9])\b/.test(bodyText)) reading.anyPositional = true;
        continue;
      }
      if (pattern === '' || pattern === '""' || pattern === "''") continue;
      if (pattern.startsWith('-')) {
        const inline = /^(-[^=*]+)=\*$/.exec(pattern);
        const flag = inline ? inline[1]! : pattern;
        reading.flags.set(flag, { value: takesValue || Boolean(inline) });
        if (valueVar) reading.valueVars.set(flag, valueVar);
      } else if (/^[A-Za-z0-9_.:/-]+$/.test(pattern)) {
        reading.values.add(pattern);
      } else {
        reading.anyPositional = true; // a glob the gate does not enumerate
      }
    }
  }
}

/** `[[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]`: each literal compared with the first argument. */
function readTest(node: Node, reading: Reading): boolean {
  let found = false;
  const visit = (current: Node): void => {
    if (current.type === 'binary_expression') {
      const [left, right] = [current.childForFieldName('left'), current.childForFieldName('right')];
      const operator = current.childForFieldName('operator')?.text ?? current.children[1]?.text;
      if (left && right && (operator === '==' || operator === '=' || operator === '!=')) {
        const pair = FIRST_ARG.test(left.text) ? right : FIRST_ARG.test(right.text) ? left : undefined;
        if (pair) {
          const value = unquote(pair.text);
          reading.readsArgs = true;
          if (value.startsWith('-')) {
            reading.flags.set(value, { value: false });
            reading.lastFlag = value;
          }
          else if (value !== '') reading.values.add(value);
          found = true;
          return;
        }
      }
    }
    for (const child of current.namedChildren) visit(child);
  };
  visit(node);
  return found;
}

function readGetopts(optstring: string, reading: Reading): void {
  const letters = unquote(optstring).replace(/^:/, '');
  for (let i = 0; i < letters.length; i++) {
    const letter = letters[i]!;
    if (letter === ':') continue;
    reading.flags.set(`-${letter}`, { value: letters[i + 1] === ':' });
  }
}

/** Literal patterns of every `case "$VAR"` in the tree (no globs). */
function caseValues(root: Node, variable: string): string[] {
  const values: string[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'case_statement' && variableOf(node.childForFieldName('value')?.text ?? '') === variable) {
      for (const item of node.namedChildren.filter((c) => c.type === 'case_item')) {
        for (const pattern of item.childrenForFieldName('value').map((p) => unquote(p.text))) {
          if (/^[A-Za-z0-9_.:/-]+$/.test(pattern)) values.push(pattern);
        }
      }
    }
    for (const child of node.namedChildren) visit(child);
  };
  visit(root);
  return values;
}

function variableOf(raw: string): string | undefined {
  return /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)(?:[:]?[-=?+][^}]*)?\}?"?$/.exec(raw)?.[1];
}

function words(command: Node): string[] {
  return command.children
    .filter((c) => c.type !== 'variable_assignment' && !c.type.endsWith('_redirect') && c.type !== 'comment')
    .flatMap((c) => (c.type === 'command_name' ? c.children : [c]))
    .map((c) => c.text);
}

function unquote(text: string): string {
  return text.replace(/^"([\s\S]*)"$/, '$1').replace(/^'([\s\S]*)'$/, '$1');
}
