/**
 * Appends every item of each list to `target`, one at a time. `target.push(...items)` passes
 * each item as a call argument, and a list of a few hundred thousand (a page of generated
 * commands, a folder of test files) overflows the stack: "Maximum call stack size exceeded".
 */
export function appendAll<T>(target: T[], ...lists: Iterable<T>[]): T[] {
  for (const list of lists) for (const item of list) target.push(item);
  return target;
}
