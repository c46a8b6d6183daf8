/**
 * Turns zod issues into one readable line each, with the YAML key path they are about and a
 * fix. Union failures are narrowed to the branch that matches the value's type, because
 * "Invalid input" helps nobody.
 */
import type { z } from 'zod';
import { closest, didYouMean } from '../gate/suggest.ts';

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
  'results', 'failureMaps', 'purpose',
];

export function describeIssues(issues: readonly z.core.$ZodIssue[]): DescribedIssue[] {
  return issues.flatMap((issue) => describe(issue, []));
}

function describe(issue: z.core.$ZodIssue, prefix: PropertyKey[]): DescribedIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = pickBranch(issue.errors);
    return branch.flatMap((inner) => describe(inner, path));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      return {
        path: [...path, key],
        pathLabel: label([...path, key]),
        message: `Unknown field "${key}"`,
        suggestion: didYouMean(closest(key, KNOWN_KEYS)) ?? 'remove it, or check the field list on the contributor page',
      };
    });
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    const field = String(path.at(-1) ?? '');
    return [{ path, pathLabel: label(path), message: `Missing required field "${field}"`, suggestion: `add \`${field}:\`` }];
  }
  return [{ path, pathLabel: label(path), message: issue.message, suggestion: fixFor(issue) }];
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

function fixFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `use one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return `give a ${issue.expected} here`;
    case 'too_small':
      return 'add at least one entry';
    case 'invalid_format':
      return 'fix the value to match the expected format';
    default:
      return 'fix this value (see the field list on the contributor page)';
  }
}

function label(path: PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}
