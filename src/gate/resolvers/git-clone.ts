/**
 * `git clone <the checked repo's URL> [DIR]` is a step the gate can confirm: the URL names the
 * repo it checks (the shell session then follows `cd DIR` to that repo's root, see
 * shell/session.ts). A clone of any other repo is not owned here and stays an unknown shape.
 */
import { clonedCheckoutFolder } from '../shell/clone.ts';
import type { CommandResolver } from '../../core/types.ts';

export const gitCloneResolver: CommandResolver = {
  id: 'git-clone',
  matches: (command) => clonedCheckoutFolder(command.words) !== undefined,
  resolve: () => [],
};
