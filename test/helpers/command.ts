/** `cmd(text)`: one command parsed by the real shell parser, as the meshc/clap tests write it. */
import type { CommandOccurrence, CommandOrigin } from '../../src/core/types.ts';
import { commandOf } from './parse-commands.ts';

export function cmd(text: string, origin: CommandOrigin = 'code-block'): CommandOccurrence {
  return commandOf(text, { origin, file: 'test.md' });
}
