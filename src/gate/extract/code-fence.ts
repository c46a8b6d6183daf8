/** Fenced shell blocks: which languages count, the `gate-skip` meta, and exact line starts. */
import type { Code } from 'mdast';
import type { Diagnostic, SourcePosition } from '../../core/types.ts';
import { piecewiseLocator, type LineIndex, type Locator } from '../../core/positions.ts';

/** Languages read as shell scripts: every line is shell. */
export const SCRIPT_LANGS: readonly string[] = ['bash', 'sh', 'shell', 'zsh', 'shellscript'];
/** Languages read as transcripts: only `$ ` lines are commands, the rest is output. */
export const CONSOLE_LANGS: readonly string[] = ['console', 'shellsession', 'sh-session'];

export function fenceKind(lang: string | null | undefined): 'script' | 'console' | undefined {
  const name = (lang ?? '').toLowerCase();
  if (SCRIPT_LANGS.includes(name)) return 'script';
  if (CONSOLE_LANGS.includes(name)) return 'console';
  return undefined;
}

/** `gate-skip="reason"` (or single quotes) anywhere in the meta; bare or empty is an error. */
const SKIP = /(?:^|\s)gate-skip(?:=(?:"([^"]*)"|'([^']*)'|(\S*)))?(?=\s|$)/;

export function fenceSkip(
  node: Code,
  index: LineIndex,
): { reason?: string; diagnostic?: Diagnostic } {
  const match = SKIP.exec(node.meta ?? '');
  if (!match) return {};
  const reason = (match[1] ?? match[2] ?? '').trim();
  if (reason) return { reason };
  const line = node.position?.start.line ?? 1;
  const column = index.lineText(line).indexOf('gate-skip') + 1 || (node.position?.start.column ?? 1);
  return {
    diagnostic: {
      code: 'command-unknown-shape',
      severity: 'error',
      position: { file: index.file, line, column },
      subject: match[0].trim(),
      message: 'The fence is marked gate-skip without a quoted reason, so its commands are still checked.',
      suggestion: 'Say why the block cannot be checked, in quotes: gate-skip="runs inside the generated project".',
    },
  };
}

/**
 * The block's text and a locator to the page. Each line of `node.value` is the end of its
 * source line (the fence or container indentation is what mdast stripped), so columns stay
 * exact inside lists and blockquotes too.
 */
export function fenceText(node: Code, index: LineIndex): { text: string; locate: Locator; start: SourcePosition; pieceStarts: number[] } {
  const fenceLine = node.position?.start.line ?? 1;
  const indent = (node.position?.start.column ?? 1) - 1;
  const lines = node.value.split(/\r?\n/);
  const starts = lines.map((valueLine, i) => {
    const line = fenceLine + 1 + i;
    const sourceLine = index.lineText(line);
    const column = sourceLine.endsWith(valueLine)
      ? sourceLine.length - valueLine.length
      : Math.min(indent, /^ */.exec(sourceLine)?.[0].length ?? 0);
    return index.lineStart(line) + column;
  });
  const text = lines.join('\n');
  return { text, locate: piecewiseLocator(text, index, starts), start: index.position(starts[0] ?? 0), pieceStarts: starts };
}
