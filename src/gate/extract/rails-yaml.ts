/**
 * Commands of the rails YAML. The loader (`src/rails/load.ts`) owns YAML parsing and
 * positions; this only parses each step's `run` text, so it takes plain step records.
 */
import type { CommandOccurrence, Diagnostic, SourcePosition } from '../../core/types.ts';
import { parseShell } from '../shell/parse-line.ts';

export interface RunStep {
  run: string;
  /** Env vars set for the step, as a map or in YAML order (the loader's `RailStep.env`). */
  env?: Record<string, string> | ReadonlyArray<{ name: string; value: string; position?: SourcePosition }>;
  /**
   * Where the `run` text's first character is. Later lines of a multi-line `run` are taken
   * to start at the same column (true for a YAML block scalar).
   */
  position: SourcePosition;
  origin?: 'rails-yaml';
}

export function extractFromSteps(steps: readonly RunStep[]): { commands: CommandOccurrence[]; diagnostics: Diagnostic[] } {
  const commands: CommandOccurrence[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const step of steps) {
    // Each step runs in its own shell from the repo root: no cwd carries over.
    const parsed = parseShell({ text: step.run, at: step.position, origin: 'rails-yaml' });
    const first = parsed.commands[0];
    const env: ReadonlyArray<{ name: string; value: string; position?: SourcePosition }> = Array.isArray(step.env)
      ? step.env
      : Object.entries(step.env ?? {}).map(([name, value]) => ({ name, value: String(value) }));
    // The step's env reaches the command like `NAME=value cmd`, ahead of inline assignments;
    // each one is placed at its own YAML key when the loader knows it.
    if (first && env.length > 0) {
      first.assigns = [
        ...env.map(({ name, value, position }) => ({ name, value, position: position ?? step.position })),
        ...first.assigns,
      ];
      first.text = `${env.map(({ name, value }) => `${name}=${value} `).join('')}${first.text}`;
    }
    for (const c of parsed.commands) commands.push(c);
    for (const d of parsed.diagnostics) diagnostics.push(d);
  }
  return { commands, diagnostics };
}
