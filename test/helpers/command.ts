/** A tiny stand-in for the shell parser: split on spaces, `<...>` words are placeholders. */
import type { CommandOccurrence, CommandOrigin } from '../../src/gate/types.ts';

export function cmd(text: string, origin: CommandOrigin = 'code-block'): CommandOccurrence {
  const file = 'test.md';
  let column = 1;
  const words = text.split(' ').flatMap((value) => {
    const start = column;
    column += value.length + 1;
    if (value === '') return [];
    return [{ value, placeholder: /<[^>]+>/.test(value), dynamic: value.includes('$'), position: { file, line: 1, column: start } }];
  });
  return { text, words, assigns: [], position: { file, line: 1, column: 1 }, origin };
}
