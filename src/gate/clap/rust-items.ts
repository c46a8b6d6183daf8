/**
 * Turns one Rust file's syntax tree into the few items the clap model needs (structs, enums,
 * `mod` declarations), as plain data. Anything else is skipped.
 */
import type { Node } from 'web-tree-sitter';
import { leadingDecorations, type RustAttr } from './rust-attrs.ts';

/** A type as written: `Option<cluster::ClusterCommand>` => path ['Option'], args [...]. */
export interface RustType {
  path: string[];
  args: RustType[];
  text: string;
}

export interface RustField {
  name: string;
  type: RustType;
  attrs: RustAttr[];
  docs: string[];
  line: number;
}

export interface RustVariant {
  name: string;
  shape: 'unit' | 'struct' | 'tuple';
  /** Fields of a struct-like variant. */
  fields: RustField[];
  /** Types of a tuple variant. */
  tupleTypes: RustType[];
  attrs: RustAttr[];
  docs: string[];
  line: number;
}

export interface RustStruct {
  kind: 'struct';
  name: string;
  fields: RustField[];
  attrs: RustAttr[];
  docs: string[];
  line: number;
}

export interface RustEnum {
  kind: 'enum';
  name: string;
  variants: RustVariant[];
  attrs: RustAttr[];
  docs: string[];
  line: number;
}

export interface RustModDecl {
  name: string;
  attrs: RustAttr[];
  /** Items of an inline `mod x { ... }`; undefined for `mod x;`. */
  inline?: RustItems;
}

export interface RustItems {
  structs: RustStruct[];
  enums: RustEnum[];
  mods: RustModDecl[];
}

function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** Reads a type node; unknown shapes keep their text with an empty path. */
export function readType(node: Node): RustType {
  switch (node.type) {
    case 'primitive_type':
    case 'type_identifier':
    case 'identifier':
      return { path: [node.text], args: [], text: node.text };
    case 'scoped_type_identifier':
    case 'scoped_identifier': {
      const prefix = node.childForFieldName('path');
      const name = node.childForFieldName('name');
      const head = prefix ? readType(prefix).path : [];
      return { path: [...head, ...(name ? [name.text] : [])], args: [], text: node.text };
    }
    case 'generic_type': {
      const base = node.childForFieldName('type');
      const args = node.childForFieldName('type_arguments');
      return {
        path: base ? readType(base).path : [],
        args: args ? args.namedChildren.filter((a) => a.type !== 'lifetime').map(readType) : [],
        text: node.text,
      };
    }
    case 'crate':
    case 'self':
    case 'super':
      return { path: [node.type], args: [], text: node.text };
    default:
      return { path: [], args: [], text: node.text };
  }
}

function readFields(list: Node): RustField[] {
  const fields: RustField[] = [];
  for (const child of list.namedChildren) {
    if (child.type !== 'field_declaration' || child.hasError) continue; // broken source: skip
    const name = child.childForFieldName('name');
    const type = child.childForFieldName('type');
    if (!name || !type) continue;
    fields.push({ name: name.text, type: readType(type), ...leadingDecorations(child), line: lineOf(child) });
  }
  return fields;
}

function readVariant(node: Node): RustVariant | undefined {
  const name = node.childForFieldName('name');
  if (!name || node.hasError) return undefined;
  const body = node.childForFieldName('body');
  const base = { name: name.text, ...leadingDecorations(node), line: lineOf(node) };
  if (body?.type === 'field_declaration_list') {
    return { ...base, shape: 'struct', fields: readFields(body), tupleTypes: [] };
  }
  if (body?.type === 'ordered_field_declaration_list') {
    const types = body.childrenForFieldName('type').map(readType);
    return { ...base, shape: 'tuple', fields: [], tupleTypes: types };
  }
  return { ...base, shape: 'unit', fields: [], tupleTypes: [] };
}

/** Reads the items of a `source_file` or an inline module's `declaration_list`. */
export function readItems(container: Node): RustItems {
  const items: RustItems = { structs: [], enums: [], mods: [] };
  for (const node of container.namedChildren) {
    const name = node.childForFieldName('name')?.text;
    if (!name) continue;
    if (node.type === 'struct_item') {
      const body = node.childForFieldName('body');
      const fields = body?.type === 'field_declaration_list' ? readFields(body) : [];
      items.structs.push({ kind: 'struct', name, fields, ...leadingDecorations(node), line: lineOf(node) });
    } else if (node.type === 'enum_item') {
      const body = node.childForFieldName('body');
      const variants = (body?.namedChildren ?? [])
        .filter((c) => c.type === 'enum_variant')
        .map(readVariant)
        .filter((v): v is RustVariant => v !== undefined);
      items.enums.push({ kind: 'enum', name, variants, ...leadingDecorations(node), line: lineOf(node) });
    } else if (node.type === 'mod_item') {
      const body = node.childForFieldName('body');
      const { attrs } = leadingDecorations(node);
      items.mods.push({ name, attrs, ...(body ? { inline: readItems(body) } : {}) });
    }
  }
  return items;
}
