/** What reading shell text yields: the simple commands and other events, as offsets in the shown text. */
import type { WordAt } from './words.ts';

/** A `NAME=value` assignment, offsets in the shown text. */
export interface AssignAt {
  name: string;
  value: string;
  start: number;
  end: number;
}

/** What the text does, in source order. Offsets are in the shown text. */
export type ShellEvent =
  | { kind: 'command'; start: number; end: number; words: WordAt[]; assigns: AssignAt[] }
  | { kind: 'enter-subshell' }
  | { kind: 'leave-subshell' }
  | { kind: 'error'; offset: number; lineStart: number; reason: string };
