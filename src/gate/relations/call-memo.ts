/**
 * What the run rules know while they walk a text (its variables), and a memo of helper calls.
 *
 * Why the memo: a long rail calls its helpers (`fail_phase`, `run_expect_success`, `record_phase`)
 * a hundred times, and the walk reads a function's body at every call, because what it runs
 * depends on the variables and working folder of that moment. On the real workspace that was
 * 15,300 command visits for 3,300 commands. A call in the same state as an earlier one does
 * exactly what that one did, so its effects are replayed instead.
 *
 * "The same state" is tracked, not guessed: a recording notes every variable the walk reads
 * before writing it (with the value it had), and a later call hits only when each of them still
 * has that value, the working folder, the nesting depth and the set of defined functions are the
 * same, and no function the walk called is being read at that moment (a recursion guard would
 * then stop the walk where the recording went on). A walk that did something a replay cannot
 * repeat (read a sourced file, stopped at a recursion or depth guard) is not kept.
 */

/** A variable as it was when first read: whether it was set, and its value. */
interface Seen {
  had: boolean;
  value: string | undefined;
}

interface Recording {
  reads: Map<string, Seen>;
  written: Set<string>;
  effects: Array<() => void>;
  called: Set<string>;
  replayable: boolean;
}

/** One recorded call: the state it started in, and what it did. */
export interface CallEntry {
  reads: ReadonlyMap<string, Seen>;
  effects: ReadonlyArray<() => void>;
  /** The variables the call wrote, as it left them (`had: false`: unset). */
  writes: ReadonlyMap<string, Seen>;
  called: ReadonlySet<string>;
}

/** Calls recorded per function body, at most this many states each. */
const MAX_ENTRIES_PER_BODY = 16;

/**
 * The walk's variables, with the journals that undo a child shell's changes and the recordings
 * of helper calls in progress. Every read and write of a variable goes through here.
 */
export class ShellVariables {
  private readonly values: Map<string, string | undefined>;
  /**
   * Open child shells, innermost last: each variable's value before the shell first changed it,
   * and the recordings that had written it by then (for them it stays written after the undo).
   */
  private readonly journals: Array<Map<string, Seen & { writtenBy: Recording[] }>> = [];
  private readonly recordings: Recording[] = [];

  constructor(values: Map<string, string | undefined>) {
    this.values = values;
  }

  has(name: string): boolean {
    this.noteRead(name);
    return this.values.has(name);
  }

  get(name: string): string | undefined {
    this.noteRead(name);
    return this.values.get(name);
  }

  set(name: string, value: string | undefined): void {
    this.write(name, { had: true, value });
  }

  /** Runs `walk` as a child shell: every variable it changes comes back after it. */
  isolated(walk: () => void): void {
    const journal = new Map<string, Seen & { writtenBy: Recording[] }>();
    this.journals.push(journal);
    try {
      walk();
    } finally {
      this.journals.pop();
      for (const [name, before] of journal) {
        this.write(name, before);
        // The value is the one from before the child shell again: a recording that had not
        // written it reads it from outside again.
        for (const recording of this.recordings) if (!before.writtenBy.includes(recording)) recording.written.delete(name);
      }
    }
  }

  /** Runs `effect` now, and again whenever a call recorded around it is replayed. */
  emit(effect: () => void): void {
    effect();
    for (const recording of this.recordings) recording.effects.push(effect);
  }

  /** The calls in progress can no longer be replayed (the walk read a file, hit a guard). */
  notReplayable(): void {
    for (const recording of this.recordings) recording.replayable = false;
  }

  /** Records `walk` (a function body's walk); undefined when it cannot be replayed. */
  record(name: string, walk: () => void): CallEntry | undefined {
    for (const outer of this.recordings) outer.called.add(name);
    const recording: Recording = { reads: new Map(), written: new Set(), effects: [], called: new Set(), replayable: true };
    this.recordings.push(recording);
    try {
      walk();
    } finally {
      this.recordings.pop();
    }
    if (!recording.replayable) return undefined;
    const writes = new Map<string, Seen>();
    for (const written of recording.written) writes.set(written, { had: this.values.has(written), value: this.values.get(written) });
    return { reads: recording.reads, effects: recording.effects, writes, called: recording.called };
  }

  /** True when `entry`'s reads still hold (the caller checks the rest of the state). */
  holds(entry: CallEntry): boolean {
    for (const [name, seen] of entry.reads) {
      if (this.values.has(name) !== seen.had || this.values.get(name) !== seen.value) return false;
    }
    return true;
  }

  /** Does again what the recorded call did; calls recorded around this one take it in too. */
  replay(name: string, entry: CallEntry): void {
    for (const outer of this.recordings) {
      outer.called.add(name);
      for (const called of entry.called) outer.called.add(called);
    }
    for (const read of entry.reads.keys()) this.noteRead(read);
    for (const effect of entry.effects) this.emit(effect);
    for (const [written, after] of entry.writes) this.write(written, after);
  }

  /** A read of a value from before the recorded walk: a value it wrote itself is no dependency. */
  private noteRead(name: string): void {
    for (const recording of this.recordings) {
      if (!recording.written.has(name) && !recording.reads.has(name)) recording.reads.set(name, { had: this.values.has(name), value: this.values.get(name) });
    }
  }

  private write(name: string, after: Seen): void {
    for (const journal of this.journals) {
      if (!journal.has(name)) {
        const writtenBy = this.recordings.filter((recording) => recording.written.has(name));
        journal.set(name, { had: this.values.has(name), value: this.values.get(name), writtenBy });
      }
    }
    for (const recording of this.recordings) recording.written.add(name);
    if (after.had) this.values.set(name, after.value);
    else this.values.delete(name);
  }
}

/** Recorded calls by function body, with the rest of the walk state each needs (`State`) and leaves (`After`). */
export class CallMemo<Body extends object, State, After> {
  private readonly entries = new WeakMap<Body, Array<{ state: State; entry: CallEntry; after: After }>>();

  find(body: Body, sameState: (state: State) => boolean, variables: ShellVariables, calling: ReadonlySet<string>): { entry: CallEntry; after: After } | undefined {
    return this.entries
      .get(body)
      ?.find(({ state, entry }) => sameState(state) && ![...entry.called].some((called) => calling.has(called)) && variables.holds(entry));
  }

  keep(body: Body, state: State, entry: CallEntry, after: After): void {
    let list = this.entries.get(body);
    if (list === undefined) this.entries.set(body, (list = []));
    if (list.length < MAX_ENTRIES_PER_BODY) list.push({ state, entry, after });
  }
}
