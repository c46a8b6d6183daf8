/**
 * When a job really runs: the triggers of its workflow (through the callers of a reusable
 * workflow), narrowed by a job-level `if:` that tests the ref or the event. Conditions the gate
 * cannot read narrow nothing; they are kept as text and shown.
 */
import type { WorkflowTrigger } from './read-workflows.ts';
import type { CiTrigger } from '../../core/ci-run.ts';

/**
 * `startsWith(github.ref, 'refs/tags/v')`, `github.ref == 'refs/heads/main'`,
 * `github.event_name == 'push'`, joined with `&&`: each part narrows the triggers. An `||`, a `!`
 * or anything else leaves them as they are.
 */
export function narrowByCondition(triggers: readonly CiTrigger[], condition: string | undefined): CiTrigger[] {
  if (condition === undefined) return [...triggers];
  const text = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  if (/\|\||!/.test(text.replace(/!=/g, ''))) return [...triggers];
  let out = [...triggers];
  for (const part of text.split('&&').map((p) => p.trim())) {
    const tagPrefix = /^startsWith\(\s*github\.ref\s*,\s*'refs\/tags\/([^']*)'\s*\)$/.exec(part)?.[1];
    const tagExact = /^github\.ref\s*==\s*'refs\/tags\/([^']*)'$/.exec(part)?.[1];
    const branchPrefix = /^startsWith\(\s*github\.ref\s*,\s*'refs\/heads\/([^']*)'\s*\)$/.exec(part)?.[1];
    const branchExact = /^github\.ref\s*==\s*'refs\/heads\/([^']*)'$/.exec(part)?.[1];
    const event = /^github\.event_name\s*==\s*'([^']+)'$/.exec(part)?.[1];
    if (tagPrefix !== undefined || tagExact !== undefined) {
      const pattern = tagExact ?? `${tagPrefix}*`;
      // Only a push of a tag has a tag ref; every other event runs on a branch or a merge ref.
      out = out.flatMap((t) => (t.event === 'tags' ? [{ ...t, tags: narrowPatterns(t.tags ?? ['*'], pattern) }] : t.event === 'push' && !t.branches ? [{ ...t, event: 'tags', tags: [pattern] }] : []));
    } else if (branchPrefix !== undefined || branchExact !== undefined) {
      const pattern = branchExact ?? `${branchPrefix}*`;
      out = out.flatMap((t) => (t.event === 'tags' || t.event === 'pull_request' ? [] : t.event === 'push' ? [{ ...t, branches: narrowPatterns(t.branches ?? ['*'], pattern) }] : [t]));
    } else if (event !== undefined) {
      out = out.filter((t) => t.event === event || (event === 'push' && t.event === 'tags'));
    }
  }
  return out.filter((t) => !(t.tags?.length === 0 || t.branches?.length === 0));
}

/** The declared patterns that can match `pattern`; `*` (any) becomes the pattern itself. */
function narrowPatterns(declared: readonly string[], pattern: string): string[] {
  const prefix = pattern.endsWith('*') ? pattern.slice(0, -1) : pattern;
  return declared.flatMap((p) => {
    if (p === '*' || p === '**') return [pattern];
    const declaredPrefix = p.replace(/\*+$/, '');
    if (p.endsWith('*')) return declaredPrefix.startsWith(prefix) || prefix.startsWith(declaredPrefix) ? [declaredPrefix.length >= prefix.length ? p : pattern] : [];
    return p.startsWith(prefix) ? [p] : [];
  });
}
