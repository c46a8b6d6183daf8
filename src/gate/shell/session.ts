/**
 * The state one shell keeps from command to command: its cwd (see cwd.ts) and the checkouts
 * of the checked repo it cloned. A page's shell blocks of one section share a session.
 */
import type { CommandWord } from '../../core/types.ts';
import { clonedCheckoutFolder } from './clone.ts';
import { nextCwd, UNKNOWN_CWD } from './cwd.ts';

export class ShellSession {
  /** Repo-relative cwd; undefined is the repo root. */
  cwd: string | undefined;
  /** Folder of each clone of the checked repo -> the cwd the clone ran in. */
  private readonly clones = new Map<string, string | undefined>();
  private readonly subshells: (string | undefined)[] = [];

  constructor(cwd?: string) {
    this.cwd = cwd;
  }

  enterSubshell(): void {
    this.subshells.push(this.cwd);
  }

  /** A subshell's `cd` ends with the subshell (what it cloned stays on disk). */
  leaveSubshell(): void {
    this.cwd = this.subshells.pop();
  }

  /** Updates the state after a simple command ran. */
  ran(words: readonly CommandWord[]): void {
    const head = words[0];
    if (!head || head.dynamic) return;
    if (head.value === 'cd') this.cd(cdTarget(words));
    const folder = clonedCheckoutFolder(words);
    if (folder !== undefined) this.clones.set(folder, this.cwd);
  }

  private cd(target: CommandWord | undefined): void {
    const root = target && !target.placeholder && !target.dynamic ? this.cloneRoot(target.value) : undefined;
    if (root) {
      this.cwd = nextCwd(undefined, { ...target!, value: root.rest || '.' });
      return;
    }
    // Two places the gate cannot follow are not the same place: forget clones made from one.
    const before = this.cwd;
    this.cwd = nextCwd(this.cwd, target);
    if (before === UNKNOWN_CWD || this.cwd === UNKNOWN_CWD) {
      for (const [folder, at] of this.clones) if (at === UNKNOWN_CWD) this.clones.delete(folder);
    }
  }

  /** `cd mesh-lang/website` after cloning into `mesh-lang` from this cwd -> rest `website`. */
  private cloneRoot(value: string): { rest: string } | undefined {
    const [first, ...rest] = value.replace(/^(\.\/)+/, '').split('/');
    if (first === undefined || !this.clones.has(first) || this.clones.get(first) !== this.cwd) return undefined;
    return { rest: rest.join('/') };
  }
}

/** `cd [-L|-P] [--] DIR`: the word after the options, undefined for a bare `cd`. */
function cdTarget(words: readonly CommandWord[]): CommandWord | undefined {
  let i = 1;
  while (/^-[LPe@]+$/.test(words[i]?.value ?? '')) i++;
  if (words[i]?.value === '--') i++;
  return words[i];
}
