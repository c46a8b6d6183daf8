/** How a rail's commands read on a page: one line for prose, continuation lines for blocks. */
import type { Rail, RailForm, RailStep } from '../rails/model.ts';

/** `A=1 B=2 bash x.sh` on one line, as a reader would paste it. */
export function stepLine(step: RailStep): string {
  const env = step.env.map(({ name, value }) => `${name}=${shellQuote(value)} `).join('');
  return `${env}${step.run}`;
}

/** Env vars each on their own continued line, the command indented under them. */
export function stepBlock(step: RailStep): string {
  if (step.env.length === 0) return step.run;
  const env = step.env.map(({ name, value }) => `${name}=${shellQuote(value)} \\`).join('\n');
  return `${env}\n  ${step.run}`;
}

/** The whole of one form as one line (`a && b`). */
export function formLine(form: RailForm): string {
  return form.steps.map(stepLine).join(' && ');
}

/** The rail's first form: what prose cites when it names a rail. */
export function primaryLine(rail: Rail): string {
  return formLine(rail.forms[0]!);
}

/** Quotes a value only when the shell would split or expand it. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
