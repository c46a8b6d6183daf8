/**
 * `npm run check -- --fix [--dry-run]`: run the gate, apply the certain fixes its findings
 * carry to rails.yaml, show each change as a unified diff, write the file atomically, and run
 * the gate again (a fixed id can reveal a relation the broken YAML hid, so this repeats, at most
 * three rounds). Pages are never touched: every fix is an edit of rails.yaml. `--dry-run` shows
 * the diff of the first round and writes nothing.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { GateOutcome } from '../gate/cli.ts';
import { escapeControl } from '../core/escape.ts';
import { writeFileAtomically } from '../core/atomic-file.ts';
import { applyFixes, describeFix } from './apply-fixes.ts';

export interface FixRunOptions {
  /** Absolute path of rails.yaml (the file the gate reads). */
  railsFile: string;
  siteRoot: string;
  dryRun: boolean;
  /** One gate run that prints its own report. */
  runGate: () => Promise<GateOutcome>;
  print: (line: string) => void;
}

const MAX_ROUNDS = 3;

export async function runWithFixes(options: FixRunOptions): Promise<GateOutcome> {
  const say = (line: string) => options.print(escapeControl(line));
  const relative = path.relative(options.siteRoot, options.railsFile);
  const shown = (relative.startsWith('..') || path.isAbsolute(relative) ? options.railsFile : relative).split(path.sep).join('/');
  let outcome = await options.runGate();
  for (let round = 1; round <= MAX_ROUNDS; round += 1) {
    const offered = (outcome.result?.diagnostics ?? []).filter((d) => d.fix);
    if (offered.length === 0) {
      if (round === 1) say('docs gate --fix: no certain fix to apply; the findings above say what to change by hand');
      return outcome;
    }
    let kind: string;
    try {
      const stats = lstatSync(options.railsFile);
      kind = stats.isFile() ? 'file' : stats.isSymbolicLink() ? 'a symlink' : 'not a regular file';
    } catch {
      kind = 'missing';
    }
    if (kind !== 'file') {
      say(`docs gate --fix: ${shown} is ${kind}; fixes are written only over a regular file. fix: point --rails at the rails YAML itself`);
      return { ...outcome, errors: Math.max(outcome.errors, 1) };
    }
    const before = readFileSync(options.railsFile, 'utf8');
    const fixed = applyFixes(before, offered);
    for (const { diagnostic, reason } of fixed.refused) {
      say(`docs gate --fix: left as a finding: ${describeFix(diagnostic.fix!)} (${reason})`);
    }
    if (fixed.applied.length === 0) return outcome;
    for (const { fix } of fixed.applied) say(`docs gate --fix: ${describeFix(fix)}`);
    const [from, to] = path.isAbsolute(shown) ? [shown, shown] : [`a/${shown}`, `b/${shown}`];
    const patch = createTwoFilesPatch(from, to, before, fixed.text, '', '', { context: 2 });
    for (const line of patch.trimEnd().split('\n').slice(1)) say(line);
    if (options.dryRun) {
      say(`docs gate --fix --dry-run: ${fixed.applied.length} fix(es) shown, ${shown} left unchanged`);
      return outcome;
    }
    writeFileAtomically(options.railsFile, fixed.text);
    say(`docs gate --fix: wrote ${fixed.applied.length} fix(es) to ${shown}; checking again`);
    outcome = await options.runGate();
  }
  return outcome;
}
