/**
 * Checks the Mesh blocks of one page against the type checker's table: each `Module.function`
 * must be one the type checker accepts, called with the number of arguments its type takes.
 * Findings are data; the words of each code are in `codes.ts`.
 */
import type { Diagnostic } from '../../core/types.ts';
import { closest, didYouMean, knownList } from '../../core/did-you-mean.ts';
import type { MeshBlock } from '../extract/mesh-fence.ts';
import { collectReferences, type MeshReference } from './references.ts';
import { INFER_FILE, type StdlibTable } from './read-typeck.ts';
import { tokenizeMesh } from './tokenize.ts';

/** What resolving needs besides the blocks. */
export interface ApiContext {
  /** The table, or why there is none (no checkout, no infer.rs). */
  table: StdlibTable | { missing: string };
  /** Flat builtins (`println`): a did-you-mean and a note for findings. */
  flatBuiltins(): ReadonlySet<string>;
}

/**
 * Names other languages use for what Mesh calls otherwise. Edit distance cannot see these
 * (`downcase` and `to_lower` share no letters in place), so the did-you-mean gets them here.
 */
const OTHER_LANGUAGE_NAMES: Readonly<Record<string, readonly string[]>> = {
  downcase: ['to_lower'],
  lowercase: ['to_lower'],
  upcase: ['to_upper'],
  uppercase: ['to_upper'],
  strip: ['trim'],
  len: ['length'],
  size: ['length'],
  puts: ['println'],
  print_line: ['println'],
  eputs: ['eprintln'],
  parse_int: ['to_int'],
};

export interface PageApiResult {
  diagnostics: Diagnostic[];
  /** References checked (in blocks not marked). */
  references: number;
}

/** Every block of a page: definitions anywhere on the page count for every block. */
export function checkPageApi(blocks: readonly MeshBlock[], context: ApiContext): PageApiResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = blocks.map((block) => ({ block, lexed: tokenizeMesh(block.text) }));
  const pageDefined = new Set<string>();
  // `import String` names a standard module (the type checker lets it be): it stays the standard one.
  const listed = 'missing' in context.table ? [] : (context.table.listed ?? []);
  const perBlock = lexed.map(({ block, lexed }) => {
    const names = collectReferences(lexed.tokens);
    for (const name of names.defined) pageDefined.add(name);
    for (const name of names.imported) if (!listed.includes(name)) pageDefined.add(name);
    return { block, lexed, names };
  });
  let references = 0;
  for (const { block, lexed, names } of perBlock) {
    if (block.markDiagnostic) diagnostics.push(block.markDiagnostic);
    if (block.skipReason) continue;
    if (lexed.error) {
      diagnostics.push({
        code: 'mesh-api-untokenizable',
        severity: 'error',
        position: block.locate(lexed.error.offset),
        subject: block.text.slice(lexed.error.offset, lexed.error.offset + 20).split('\n')[0] ?? '',
        message: `This Mesh block does not tokenize as Mesh (${lexed.error.reason}), so the API it calls after this point cannot be read.`,
        suggestion: 'Fix the code at this place, or mark the fence on purpose: ```mesh gate-skip="pseudo-code".',
      });
    }
    for (const reference of names.references) {
      if (isPageOwn(reference.module, pageDefined)) continue;
      references += 1;
      const found = resolve(reference, context);
      if (found) diagnostics.push({ ...found, position: block.locate(reference.offset), subject: shown(reference) });
    }
  }
  return { diagnostics, references };
}

function isPageOwn(module: string, defined: ReadonlySet<string>): boolean {
  return defined.has(module) || defined.has(module.split('.')[0]!);
}

function shown(reference: MeshReference): string {
  return `${reference.module}.${reference.name}${reference.arity === undefined ? '' : `/${reference.arity}`}`;
}

type Finding = Omit<Diagnostic, 'position' | 'subject'>;

function soft(reference: MeshReference, why: string): Finding {
  return {
    code: 'mesh-api-unreadable',
    severity: 'warning',
    message: `${reference.module}.${reference.name} cannot be checked: ${why}.`,
    suggestion: 'Check it by hand; if the type checker changed shape, teach the reader (src/gate/mesh-api/read-typeck.ts).',
  };
}

function resolve(reference: MeshReference, context: ApiContext): Finding | undefined {
  const table = context.table;
  if ('missing' in table) return soft(reference, table.missing);
  const key = `${reference.module}.${reference.name}`;
  const at = (line: number): string => `${INFER_FILE}:${line}`;
  if (table.refused[key] !== undefined) {
    return {
      code: 'mesh-api-unknown-function',
      severity: 'error',
      message: `The type checker refuses ${key} on purpose (${at(table.refused[key])}).`,
      suggestion: 'Show what the language offers instead, or mark the block gate-skip="why" if the page explains the refusal.',
    };
  }
  if (table.variadic[key] !== undefined) return undefined;
  if (table.elsewhere[key] !== undefined) {
    return soft(reference, `the type checker handles it in a special call form (${at(table.elsewhere[key])}) whose rules are not read`);
  }
  const registered = table.modules[reference.module];
  const listed = table.listed?.includes(reference.module);
  // `Issue.__table__()` on a type of the program (not a module): the type checker answers it from the type.
  if (!registered && !listed && isTypeFunction(reference.name, table)) return undefined;
  if (!registered || !listed) {
    if (table.unreadable.length > 0) return soft(reference, `${INFER_FILE} builds its module table in a way the gate cannot read (line ${table.unreadable[0]!.line}: ${table.unreadable[0]!.why})`);
    const modules = Object.keys(table.modules).filter((name) => table.listed?.includes(name));
    const why = registered
      ? `${reference.module} is registered in stdlib_modules() (${at(registered.line)}) but not listed in STDLIB_MODULE_NAMES, so the type checker does not resolve it`
      : listed
        ? `${reference.module} is listed in STDLIB_MODULE_NAMES but stdlib_modules() registers no functions for it`
        : `${reference.module} is not a standard-library module and the page does not define or import it`;
    return {
      code: 'mesh-api-unknown-module',
      severity: 'error',
      message: `${why}.`,
      suggestion: capital(didYouMean(closest(reference.module, modules)) ?? `define it on the page (module ${reference.module} do ... end) or use a standard module (${knownList(modules)}).`),
    };
  }
  const fn = registered.functions[reference.name];
  if (!fn) {
    if (registered.unreadable) return soft(reference, `the names of ${reference.module} are built in a way the gate cannot read (${at(registered.unreadable.line)}: ${registered.unreadable.why})`);
    // A flat builtin of the same name (`ws_serve_tls`) is called bare; it never makes `Ws.serve_tls` resolve.
    const flat = `${reference.module.toLowerCase()}_${reference.name}`;
    const flatNote = context.flatBuiltins().has(flat) ? ` builtins.rs registers the flat name ${flat}, but the type checker resolves ${key} only through stdlib_modules().` : '';
    return {
      code: 'mesh-api-unknown-function',
      severity: 'error',
      message: `${reference.module} has no function ${reference.name} in the type checker (${at(registered.line)}).${flatNote}`,
      suggestion: suggestFunction(reference, registered.functions, context),
    };
  }
  if (reference.arity === undefined) return undefined;
  if (fn.value) {
    return {
      code: 'mesh-api-wrong-arity',
      severity: 'error',
      message: `${key} is a value, not a function (${at(fn.line)}), so it cannot be called.`,
      suggestion: `Write ${key} without parentheses.`,
    };
  }
  if (fn.arity === undefined || fn.arity === reference.arity) return undefined;
  const piped = reference.piped ? ' (the value piped in counts as the first)' : '';
  return {
    code: 'mesh-api-wrong-arity',
    severity: 'error',
    message: `${key} takes ${plural(fn.arity)} (${at(fn.line)}), but is called with ${plural(reference.arity)}${piped}.`,
    suggestion: `Pass ${plural(fn.arity)} to ${key}.`,
  };
}

function isTypeFunction(name: string, table: StdlibTable): boolean {
  return table.typeFunctions.includes(name) || table.typeFunctionPatterns.some((p) => name.length >= p.prefix.length + p.suffix.length && name.startsWith(p.prefix) && name.endsWith(p.suffix));
}

function suggestFunction(reference: MeshReference, functions: Record<string, unknown>, context: ApiContext): string {
  const names = Object.keys(functions);
  const synonyms = OTHER_LANGUAGE_NAMES[reference.name] ?? [];
  const inModule = synonyms.filter((name) => names.includes(name)).map((name) => `${reference.module}.${name}`);
  if (inModule.length > 0) return capital(didYouMean(inModule)!);
  const near = closest(reference.name, names).map((name) => `${reference.module}.${name}`);
  if (near.length > 0) return capital(didYouMean(near)!);
  const flat = context.flatBuiltins();
  const builtin = [...synonyms, reference.name].find((name) => flat.has(name));
  if (builtin) return `Did you mean ${builtin}(...), a builtin called without a module?`;
  return capital(knownList(names.map((name) => `${reference.module}.${name}`)) ?? `${reference.module} declares no functions`) + '.';
}

function plural(count: number): string {
  return `${count} argument${count === 1 ? '' : 's'}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
