/**
 * Cycles of a directed graph (Tarjan's strongly connected components), each listed once: rails that
 * run each other (gate/relations/check.ts) and modules that import each other (scripts/layers.ts).
 */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.unshift(member);
    } while (member !== node);
    const selfLoop = component.length === 1 && (edges.get(node) ?? []).includes(node);
    if (component.length > 1 || selfLoop) cycles.push(orderAlongEdges(component, edges));
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** Orders a component so each member runs the next (a readable `a -> b -> a` path). */
function orderAlongEdges(component: string[], edges: ReadonlyMap<string, readonly string[]>): string[] {
  const members = new Set(component);
  const ordered = [component[0]!];
  while (ordered.length < component.length) {
    const next = (edges.get(ordered.at(-1)!) ?? []).find((n) => members.has(n) && !ordered.includes(n));
    if (next === undefined) return component;
    ordered.push(next);
  }
  return ordered;
}
