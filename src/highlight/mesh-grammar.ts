/**
 * Mesh code is highlighted with the Mesh repo's own TextMate grammar (the one its VS Code
 * extension ships), read from the repo the gate checks. Without it, Mesh code stays plain text
 * and the build warns: never a silent fallback to a look-alike language.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StarlightExpressiveCodeOptions } from '@astrojs/starlight/expressive-code';
import type { Diagnostic } from '../core/types.ts';
import type { MeshDocsConfig } from '../config/mesh-docs-config.ts';

/** Where the Mesh repo keeps its grammar. */
export const MESH_GRAMMAR_PATH = 'tools/editors/vscode-mesh/syntaxes/mesh.tmLanguage.json';
/** The fence language pages use for Mesh code. */
export const MESH_LANG = 'mesh';

/** A TextMate grammar as Shiki takes it (the JSON file's own fields, with our language id). */
export interface MeshGrammar {
  name: string;
  scopeName: string;
  patterns: unknown[];
  repository?: Record<string, unknown>;
  aliases?: string[];
  [field: string]: unknown;
}

type ShikiOptions = Exclude<StarlightExpressiveCodeOptions['shiki'], boolean | undefined>;
type ShikiLanguage = NonNullable<ShikiOptions['langs']>[number];

export type MeshGrammarResult =
  | { found: true; grammar: MeshGrammar; file: string }
  | { found: false; warning: Diagnostic };

/** The grammar of the repo the config located (the same repo the gate checks). */
export function loadMeshGrammar({ siteRoot, repo }: Pick<MeshDocsConfig, 'siteRoot' | 'repo'>): MeshGrammarResult {
  if (repo instanceof Error) return missing(siteRoot, path.join(siteRoot, MESH_GRAMMAR_PATH), 'no Mesh repo was found to read it from');
  const file = path.join(repo.root, MESH_GRAMMAR_PATH);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the checked repo has no such file' : `it is not valid JSON (${(error as Error).message})`;
    return missing(siteRoot, file, why);
  }
  if (!isGrammar(parsed)) return missing(siteRoot, file, 'it has no `scopeName` and `patterns`, so it is not a TextMate grammar');
  // Shiki knows a language by `name`; the repo's grammar may call itself "Mesh".
  return { found: true, grammar: { ...parsed, name: MESH_LANG, aliases: ['mpl'] }, file };
}

/** Expressive Code options: the grammar as a language, or `mesh` shown as plain text. */
export function meshExpressiveCode(result: MeshGrammarResult): StarlightExpressiveCodeOptions {
  if (!result.found) return { shiki: { langAlias: { [MESH_LANG]: 'txt' } } };
  // The grammar was checked for the fields Shiki needs; its rules are Shiki's to interpret.
  return { shiki: { langs: [result.grammar as unknown as ShikiLanguage] } };
}

function isGrammar(value: unknown): value is MeshGrammar {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['scopeName'] === 'string' && Array.isArray(record['patterns']);
}

function missing(siteRoot: string, file: string, why: string): MeshGrammarResult {
  return {
    found: false,
    warning: {
      code: 'highlight-grammar-missing',
      severity: 'warning',
      position: { file: path.relative(siteRoot, file).split(path.sep).join('/'), line: 1, column: 1 },
      subject: MESH_GRAMMAR_PATH,
      message: `Mesh code is shown as plain text: the Mesh grammar could not be used because ${why}`,
      suggestion: `Check out a Mesh repo that ships ${MESH_GRAMMAR_PATH}, or point MESH_REPO_ROOT at one`,
    },
  };
}
