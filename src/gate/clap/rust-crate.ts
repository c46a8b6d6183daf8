/**
 * Loads a binary crate's modules by following `mod x;` from its main file, and looks up
 * items by the paths written in field types. Every file read is recorded so a cached model
 * can be checked against the files it came from.
 */
import { posix } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { RepoView } from '../../core/types.ts';
import type { RustAttr } from './rust-attrs.ts';
import { readItems, type RustEnum, type RustItems, type RustStruct } from './rust-items.ts';
import { appendAll } from '../../core/append.ts';

export interface CrateModule {
  /** Repo-relative file that holds the module's items. */
  file: string;
  /** Folder where `mod child;` files of this module live. */
  childDir: string;
  items: RustItems;
  parent?: CrateModule;
  children: Map<string, CrateModule>;
}

export interface Crate {
  /** Undefined when the main file cannot be read. */
  root?: CrateModule;
  /** Every path read (or tried) with its text, undefined when missing. */
  reads: Map<string, string | undefined>;
}

export interface Found<T> {
  item: T;
  module: CrateModule;
}

/** Guards against `mod` cycles and absurd trees written by mistake. */
const MAX_MODULES = 500;

function pathAttr(attrs: RustAttr[]): string | undefined {
  const attr = attrs.find((a) => a.name === 'path' && a.value?.kind === 'string');
  return attr?.value?.text;
}

class CrateLoader {
  readonly reads = new Map<string, string | undefined>();
  private count = 0;
  private readonly repo: RepoView;
  private readonly parser: Parser;
  constructor(repo: RepoView, parser: Parser) {
    this.repo = repo;
    this.parser = parser;
  }

  read(path: string): string | undefined {
    const normal = this.repo.normalise(path);
    if (normal === undefined) return undefined;
    if (!this.reads.has(normal)) this.reads.set(normal, this.repo.read(normal));
    return this.reads.get(normal);
  }

  parseFile(file: string): RustItems | undefined {
    const text = this.read(file);
    if (text === undefined) return undefined;
    const tree = this.parser.parse(text);
    if (!tree) return undefined;
    try {
      return readItems(tree.rootNode);
    } finally {
      tree.delete(); // wasm memory is not garbage collected
    }
  }

  module(file: string, childDir: string, items: RustItems, parent?: CrateModule): CrateModule {
    const module: CrateModule = { file, childDir, items, children: new Map() };
    if (parent) module.parent = parent;
    for (const decl of items.mods) {
      if (++this.count > MAX_MODULES) break;
      if (decl.inline) {
        const child = this.module(file, posix.join(childDir, decl.name), decl.inline, module);
        module.children.set(decl.name, child);
        continue;
      }
      const child = this.external(decl.name, decl.attrs, module);
      if (child) module.children.set(decl.name, child);
    }
    return module;
  }

  private external(name: string, attrs: RustAttr[], parent: CrateModule): CrateModule | undefined {
    const explicit = pathAttr(attrs);
    const candidates = explicit
      ? [posix.join(posix.dirname(parent.file), explicit)]
      : [posix.join(parent.childDir, `${name}.rs`), posix.join(parent.childDir, name, 'mod.rs')];
    for (const file of candidates) {
      const items = this.parseFile(file);
      if (!items) continue;
      // `x.rs` and `x/mod.rs` both keep their own children in `x/`.
      const base = posix.basename(file);
      const childDir =
        base === 'mod.rs' ? posix.dirname(file) : posix.join(posix.dirname(file), base.replace(/\.rs$/, ''));
      return this.module(file, childDir, items, parent);
    }
    return undefined;
  }
}

/** Loads the crate rooted at `mainPath` (a `main.rs`, so its children live next to it). */
export function loadCrate(repo: RepoView, parser: Parser, mainPath: string): Crate {
  const loader = new CrateLoader(repo, parser);
  const items = loader.parseFile(mainPath);
  if (!items) return { reads: loader.reads };
  return { root: loader.module(mainPath, posix.dirname(mainPath), items), reads: loader.reads };
}

/** Every module of the crate, breadth first from the root. */
export function allModules(root: CrateModule): CrateModule[] {
  const out: CrateModule[] = [root];
  for (let i = 0; i < out.length; i++) appendAll(out, (out[i]?.children.values() ?? []));
  return out;
}

function walk(from: CrateModule, segments: string[]): CrateModule | undefined {
  let module: CrateModule | undefined = from;
  for (const segment of segments) {
    if (!module) return undefined;
    if (segment === 'self') continue;
    if (segment === 'super') module = module.parent;
    else if (segment === 'crate') {
      while (module.parent) module = module.parent;
    } else module = module.children.get(segment);
  }
  return module;
}

function rootOf(module: CrateModule): CrateModule {
  let root = module;
  while (root.parent) root = root.parent;
  return root;
}

/**
 * Finds a struct or enum by a type path as written (`Commands`, `cluster::ClusterCommand`,
 * `crate::cli::Db`). `use` imports are not followed; instead a unique name anywhere in the
 * crate is accepted, which covers `use crate::x::Name;` in practice.
 */
export function findItem<K extends 'struct' | 'enum'>(
  from: CrateModule,
  path: string[],
  kind: K,
): Found<K extends 'struct' ? RustStruct : RustEnum> | undefined {
  type Item = K extends 'struct' ? RustStruct : RustEnum;
  const name = path[path.length - 1];
  if (!name) return undefined;
  const pick = (module: CrateModule | undefined): Found<Item> | undefined => {
    if (!module) return undefined;
    const list: readonly (RustStruct | RustEnum)[] = kind === 'struct' ? module.items.structs : module.items.enums;
    const item = list.find((i) => i.name === name);
    return item ? { item: item as Item, module } : undefined;
  };
  const prefix = path.slice(0, -1);
  const direct = pick(walk(from, prefix)) ?? pick(walk(rootOf(from), prefix));
  if (direct) return direct;
  const matches = allModules(rootOf(from))
    .map(pick)
    .filter((m): m is Found<Item> => m !== undefined);
  return matches.length === 1 ? matches[0] : undefined;
}
