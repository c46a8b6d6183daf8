/**
 * Shell text -> simple commands with exact positions, using the Bash grammar of tree-sitter
 * (see statements.ts). One input is one block: a fence, an inline code span, a YAML `run` or
 * a whole script file. Lists (`&&`, `||`, `;`, `|`, newlines) become separate commands; a `cd`
 * moves the running cwd of the block. Never throws for bad shell text: what does not parse
 * becomes a `command-unparsable` diagnostic. Await `loadShellParser()` once before the first call.
 */
import type {
  CommandOccurrence,
  CommandOrigin,
  CommandWord,
  Diagnostic,
  SourcePosition,
} from '../../core/types.ts';
import { textLocator, type Locator } from '../../core/positions.ts';
import { maskPlaceholders } from './placeholders.ts';
import { ShellSession } from './session.ts';
import type { ShellEvent } from './events.ts';
import { readStatements } from './statements.ts';

export { loadShellParser, ShellParserNotLoaded, shellParserUses } from './bash-parser.ts';
export { ShellSession } from './session.ts';

export interface ShellInput {
  /** The shell text as shown. */
  text: string;
  /**
   * Where the text's first character is (later lines start at the same column: right for a
   * one-line string, a YAML block scalar, a fence), or a locator for any other layout.
   */
  at: SourcePosition | Locator;
  origin: CommandOrigin;
  /** A `console` transcript: only `$ ` lines (and their `\` continuations) are commands. */
  console?: boolean;
  /** The cwd the block starts in; undefined is the repo root. */
  cwd?: string;
  /**
   * The shell the block continues (a previous block of the same page section): its cwd and
   * clones carry over, and it is updated in place. Takes precedence over `cwd`.
   */
  session?: ShellSession;
  /** Copied onto every command (the block is marked as not checkable on purpose). */
  skipReason?: string;
}

export interface ShellParseResult {
  commands: CommandOccurrence[];
  diagnostics: Diagnostic[];
  /** The cwd after the block. */
  cwd: string | undefined;
}

/**
 * The same text is parsed once per process: docs repeat commands, and the result (offsets
 * only) does not depend on where the text is shown. Bounded so a long-lived dev server
 * does not grow without end.
 */
const parsedTexts = new Map<string, ShellEvent[]>();
const MAX_PARSED_TEXTS = 50_000;

function eventsOf(shown: string): ShellEvent[] {
  let events = parsedTexts.get(shown);
  if (events === undefined) {
    const { text: masked, spans } = maskPlaceholders(shown);
    events = readStatements(masked, shown, spans);
    if (parsedTexts.size >= MAX_PARSED_TEXTS) parsedTexts.clear();
    parsedTexts.set(shown, events);
  }
  return events;
}

export function parseShell(input: ShellInput): ShellParseResult {
  const locate = typeof input.at === 'function' ? input.at : textLocator(input.text, input.at);
  const shown = input.console ? maskConsole(input.text) : input.text;
  const commands: CommandOccurrence[] = [];
  const diagnostics: Diagnostic[] = [];
  const session = input.session ?? new ShellSession(input.cwd);

  for (const event of eventsOf(shown)) {
    switch (event.kind) {
      case 'enter-subshell':
        session.enterSubshell();
        break;
      case 'leave-subshell':
        session.leaveSubshell();
        break;
      case 'error':
        diagnostics.push(unparsable(input.origin, shown, locate, event));
        break;
      case 'command': {
        const words: CommandWord[] = event.words.map((w) => ({
          value: w.value,
          placeholder: w.placeholder,
          dynamic: w.dynamic,
          position: locate(w.start),
        }));
        const command: CommandOccurrence = {
          text: joinContinuations(shown.slice(event.start, event.end)),
          words,
          assigns: event.assigns.map((a) => ({ name: a.name, value: a.value, position: locate(a.start) })),
          position: locate(event.start),
          origin: input.origin,
        };
        if (session.cwd !== undefined) command.cwd = session.cwd;
        if (input.skipReason !== undefined) command.skipReason = input.skipReason;
        commands.push(command);
        session.ran(words);
        break;
      }
    }
  }
  return { commands, diagnostics, cwd: session.cwd };
}

/** An odd number of trailing backslashes joins the next line. */
function endsWithContinuation(line: string): boolean {
  const match = /\\+\r?$/.exec(line);
  return match !== null && match[0].replace('\r', '').length % 2 === 1;
}

/**
 * Blanks everything of a console transcript but the commands, keeping every offset: `$ `
 * prompts and output lines become spaces, a continuation's `> ` prompt too.
 */
export function maskConsole(text: string): string {
  let continuing = false;
  return text
    .split('\n')
    .map((line) => {
      let kept: string;
      if (continuing) kept = line.startsWith('> ') ? `  ${line.slice(2)}` : line;
      else if (line.startsWith('$ ')) kept = `  ${line.slice(2)}`;
      else kept = ' '.repeat(line.length);
      continuing = kept.trim() !== '' && endsWithContinuation(kept);
      return kept;
    })
    .join('\n');
}

/** Backslash-newline and the blanks around it read as one space. */
function joinContinuations(text: string): string {
  return text.replace(/[ \t]*\\\r?\n[ \t]*/g, ' ');
}

function unparsable(
  origin: CommandOrigin,
  shown: string,
  locate: Locator,
  error: Extract<ShellEvent, { kind: 'error' }>,
): Diagnostic {
  // The statement may span lines (an unclosed quote): name its first logical line.
  const subject = (joinContinuations(shown.slice(error.lineStart)).split('\n')[0] ?? '').trim().replace(/\s+/g, ' ');
  const isRedirect = /redirect|[<>]/.test(error.reason) || /[<>]/.test(subject);
  const suggestion = isRedirect
    ? 'Write a placeholder as one bracketed word with no spaces, such as <request-key>, or quote the text.'
    : origin === 'rails-yaml'
      ? 'Fix the shell syntax of this run string.'
      : origin === 'repo-script'
        ? 'Fix the shell syntax of this script.'
        : 'Fix the shell syntax; if this is not a shell command, give the fence another language (such as text) or add gate-skip="reason" to its meta.';
  return {
    code: 'command-unparsable',
    severity: 'error',
    position: locate(Math.min(error.offset, shown.length)),
    subject: subject.length > 120 ? `${subject.slice(0, 117)}...` : subject,
    message: `The shell parser stopped: ${error.reason}.`,
    suggestion,
  };
}
