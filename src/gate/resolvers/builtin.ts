/**
 * Shell builtins need nothing from the repo, except `source PATH` / `. PATH`, whose repo-relative
 * file must exist.
 */
import type { CommandResolver } from '../../core/types.ts';
import { checkRepoPath } from './paths.ts';

export const BUILTIN_COMMANDS: readonly string[] = [
  'cd', 'export', 'set', 'unset', 'source', '.', 'echo', 'printf', 'true', 'false', 'exit', 'pwd',
];
const BUILTINS = new Set(BUILTIN_COMMANDS);
const SOURCING = new Set(['source', '.']);

export const builtinResolver: CommandResolver = {
  id: 'builtin',
  matches: (command) => BUILTINS.has(command.words[0]?.value ?? ''),
  resolve(command, context) {
    const [head, target] = command.words;
    if (!head || !SOURCING.has(head.value) || target === undefined) return [];
    if (target.placeholder || target.dynamic || target.value.startsWith('/') || target.value.startsWith('~')) return [];
    // checkRepoPath fails closed when a preceding cd went somewhere the gate cannot follow.
    return checkRepoPath(target.value, context.repo, target.position, command.text, { cwd: command.cwd, expect: 'file' });
  },
};
