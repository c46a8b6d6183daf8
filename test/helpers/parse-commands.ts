/** Builds CommandOccurrence values for resolver tests with the real shell parser. */
import { parseShell } from '../../src/gate/shell/parse-line.ts';
import type { CommandOccurrence, CommandOrigin } from '../../src/core/types.ts';

export interface ParseOptions {
  cwd?: string;
  origin?: CommandOrigin;
  file?: string;
  line?: number;
  skipReason?: string;
}

export function commandsOf(text: string, options: ParseOptions = {}): CommandOccurrence[] {
  const result = parseShell({
    text,
    at: { file: options.file ?? 'src/content/docs/test.md', line: options.line ?? 1, column: 1 },
    origin: options.origin ?? 'code-block',
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(options.skipReason !== undefined ? { skipReason: options.skipReason } : {}),
  });
  if (result.diagnostics.length > 0) throw new Error(`test command does not parse: ${text}`);
  return result.commands;
}

/** The one simple command of `text` (throws when there are several). */
export function commandOf(text: string, options: ParseOptions = {}): CommandOccurrence {
  const commands = commandsOf(text, options);
  if (commands.length !== 1) throw new Error(`expected one command in: ${text} (got ${commands.length})`);
  return commands[0] as CommandOccurrence;
}
