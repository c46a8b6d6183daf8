import { readFileSync } from 'node:fs';
import path from 'node:path';

/** file:line:col of the first occurrence of `needle` in `root/file` (at or after the line holding `after`). */
export function locate(root: string, file: string, needle: string, after?: string): string {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const start = after ? lines.findIndex((line) => line.includes(after)) : 0;
  const index = lines.findIndex((line, i) => i >= start && line.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  return `${file}:${index + 1}:${lines[index]!.indexOf(needle) + 1}`;
}
