/** Small readings of command words shared by resolvers. */
import { isUnknownCwd } from '../shell/cwd.ts';
import type { CommandOccurrence, CommandWord } from '../../core/types.ts';

/** True when a `cd` before the command went somewhere the gate cannot follow. */
export function hasUnknownCwd(command: CommandOccurrence): boolean {
  return isUnknownCwd(command.cwd);
}

/** A word the gate cannot know for sure: a placeholder (`<name>`) or an expansion (`$X`). */
export function isUnknowable(word: CommandWord): boolean {
  return word.placeholder || word.dynamic;
}

export function isFlag(word: CommandWord): boolean {
  return !word.placeholder && word.value.startsWith('-') && word.value !== '-';
}

/**
 * A word that reads as a repo path: it has a `/`, is not a flag, placeholder, expansion or URL,
 * and is not absolute or under home (those are the reader's machine, not the repo).
 */
export function isRepoPathWord(word: CommandWord): boolean {
  const value = word.value;
  if (isUnknowable(word) || isFlag(word) || !value.includes('/')) return false;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return false; // a URL
  if (value.includes('=') || value.includes('@')) return false; // key=value, name@host
  return !value.startsWith('/') && !value.startsWith('~');
}
