/**
 * How the gate words a path that is present but not in the commit it checked: staged files
 * and files only on disk get different words, because they need different fixes.
 */
export type NotCommitted = 'staged' | 'untracked';

export function isNotCommitted(status: string): status is NotCommitted {
  return status === 'staged' || status === 'untracked';
}

/** The state, said after the path: "scripts/x.sh is staged, not committed". */
export function notCommittedState(status: NotCommitted): string {
  return status === 'staged' ? 'is staged, not committed' : 'exists locally but is not committed';
}

/** The fix for a path in that state. */
export function notCommittedFix(status: NotCommitted, shown: string): string {
  return status === 'staged' ? `commit it (git commit) before showing ${shown}` : `commit ${shown} (git add ${shown}, then git commit) or stop showing it`;
}

/** The code for a path or script in that state: staged and only-on-disk need different fixes. */
export function notCommittedCode(status: NotCommitted, what: 'path' | 'script'): `${typeof what}-${NotCommitted}` {
  return `${what}-${status}`;
}
