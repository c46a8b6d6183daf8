/**
 * Turns zod issues into one readable line each, with the YAML key path they are about and a
 * fix. zod 4 leaves the offending value out of its issues, so the value is looked up in the
 * parsed data by the issue's path: "missing" and "wrong type" are told apart by the data, and
 * a wrong type names what was found (`reads: 42` is "must be a list, got a number (42)").
 * Union failures are narrowed to the branch that matches the value's type.
 */
import type { z } from 'zod';
import { closest, didYouMean } from '../core/did-you-mean.ts';

export interface DescribedIssue {
  path: PropertyKey[];
  /** `rails[3].tier` */
  pathLabel: string;
  message: string;
  suggestion: string;
}

/** Every field name the schema knows, for did-you-mean on unknown keys. */
const KNOWN_KEYS = [
  'pages', 'surfaces', 'rails', 'operatorWorkflow', 'id', 'title', 'file', 'page', 'path', 'rail', 'role',
  'tier', 'label', 'summary', 'steps', 'forms', 'run', 'env', 'runs', 'reads', 'name', 'optional', 'note',
  'results', 'failureMaps', 'purpose', 'repos', 'repo', 'url', 'blobBase', 'checkout', 'sibling', 'marker', 'rootVars',
];

/** How a schema type is named to a YAML author. */
const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  record: 'a mapping (key: value lines)',
};

/** `input` is the whole parsed document, so each issue can name the value it is about. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): DescribedIssue[] {
  return issues.flatMap((issue) => describe(issue, [], input));
}

function describe(issue: z.core.$ZodIssue, prefix: PropertyKey[], input: unknown): DescribedIssue[] {
  const path = [...prefix, ...issue.path];
  const at = (message: string, suggestion: string, where: PropertyKey[] = path): DescribedIssue[] => [
    { path: where, pathLabel: label(where), message, suggestion },
  ];
  const field = fieldName(path);
  const found = lookUp(input, path);
  switch (issue.code) {
    case 'invalid_union': {
      if (issue.errors.length === 0) break;
      const typeOnly = issue.errors.every((branch) => branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
      if (typeOnly && found.present) {
        // `steps: [5]`: each branch wants another type; name them all.
        const wanted = issue.errors.map((branch) => expectedWords((branch[0] as z.core.$ZodIssueInvalidType).expected));
        return at(`${field} must be ${[...new Set(wanted)].join(' or ')}, got ${valueWords(found.value)}`, `write ${wanted[0]} here`);
      }
      return pickBranch(issue.errors).flatMap((inner) => describe(inner, path, input));
    }
    case 'unrecognized_keys':
      return issue.keys.flatMap((key) =>
        at(`Unknown field "${key}"`, didYouMean(closest(key, KNOWN_KEYS)) ?? 'remove it, or check the field list on the contributor page', [...path, key]),
      );
    case 'invalid_type': {
      if (path.length === 0) return describeRoot(found);
      const key = String(path.at(-1));
      if (!found.present) return at(`Missing required field "${key}"`, `add \`${key}:\``);
      const wanted = expectedWords(issue.expected);
      const quoteFix = issue.expected === 'string' && isScalar(found.value) ? `put the value in quotes: ${field}: "${String(found.value)}"` : undefined;
      return at(`${field} must be ${wanted}, got ${valueWords(found.value)}`, quoteFix ?? `write ${wanted} here`);
    }
    case 'too_small':
      if (issue.origin === 'array') return at(`${field} needs at least ${String(issue.minimum)} entry, got none`, `add an entry under ${field}, or remove the field`);
      if (issue.origin === 'string') return at(`${field} is empty`, `write a value for ${field}`);
      break;
    case 'too_big':
      return at(`${field} is too long (at most ${String(issue.maximum)})`, `shorten ${field}`);
    case 'invalid_value':
      return at(`${field} is ${valueWords(found.value)}, which is not an allowed value`, `use one of: ${issue.values.map(String).join(', ')}`);
    case 'invalid_format':
      return at(`${field} is ${valueWords(found.value)}, which does not have the expected form`, `write ${issue.message}`);
    case 'invalid_key': {
      const reason = issue.issues.map((inner) => inner.message).join('; ');
      return at(`The key "${String(path.at(-1))}" is not allowed here: ${reason}`, `rename it (${reason})`);
    }
    case 'custom': {
      // A refinement may carry its fix (`params: { fix }`); its message then says only what is wrong.
      const fix = (issue.params as { fix?: unknown } | undefined)?.fix;
      return at(issue.message, typeof fix === 'string' ? fix : 'see the field list on the contributor page');
    }
    default:
      break;
  }
  return at(`${field}: ${issue.message}`, 'fix this value (see the field list on the contributor page)');
}

/** The document itself is not a mapping: empty, comments only, or a list or a scalar. */
function describeRoot(found: { present: boolean; value?: unknown }): DescribedIssue[] {
  const start = 'start the file with `pages:` and `rails:` (see the rails YAML section of the contributor page)';
  const message =
    found.value === null || found.value === undefined
      ? 'The rails YAML is empty (nothing but comments or blank lines)'
      : `The rails YAML must be a mapping of pages, rails, surfaces and operatorWorkflow, got ${valueWords(found.value)}`;
  return [{ path: [], pathLabel: label([]), message, suggestion: start }];
}

/** Prefer the branch whose failure is not a plain type mismatch at its root. */
function pickBranch(branches: z.core.$ZodIssue[][]): z.core.$ZodIssue[] {
  const scored = branches.map((branch) => ({
    branch,
    score: branch.every((issue) => issue.code === 'invalid_type' && issue.path.length === 0) ? 1 : 0,
  }));
  scored.sort((a, b) => a.score - b.score || a.branch.length - b.branch.length);
  return scored[0]!.branch;
}

function lookUp(root: unknown, path: readonly PropertyKey[]): { present: boolean; value?: unknown } {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key as string)) return { present: false };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value: current };
}

function expectedWords(expected: string): string {
  return EXPECTED_WORDS[expected] ?? expected;
}

/** `a number (42)`, `text ("x")`, `a list`, `a mapping`, `nothing (null)`. */
function valueWords(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const shown = JSON.stringify(value);
  const short = shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
  if (typeof value === 'string') return `text (${short})`;
  if (typeof value === 'boolean') return `a boolean (${short})`;
  return `a ${typeof value} (${short})`;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

/** The field an issue is about: the last key, or `list[2]` for an entry of a list. */
function fieldName(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (typeof last === 'number') return `\`${label(path.slice(-2))}\``;
  return last === undefined ? '(root)' : `\`${String(last)}\``;
}

function label(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}
