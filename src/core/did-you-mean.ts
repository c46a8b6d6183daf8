/** Did-you-mean: the nearest known names to a name that does not exist, and how to say so. */
import { distance } from 'fastest-levenshtein';

export interface ClosestOptions {
  /** How many suggestions at most (default 1). */
  max?: number;
  /** Largest edit distance still worth suggesting (default: max(2, a third of the input)). */
  maxDistance?: number;
  /**
   * When nothing is near, offer the one candidate that starts with the input (`--time` ->
   * `--timeout-ms`): abbreviations are a common slip with flags.
   */
  prefix?: boolean;
}

/**
 * Known names nearest to `input`, nearest first; ties keep the candidates' order. Names too far
 * away to be a typo are left out, so the result may be empty.
 */
export function closest(input: string, candidates: Iterable<string>, options: ClosestOptions = {}): string[] {
  const max = options.max ?? 1;
  const limit = options.maxDistance ?? Math.max(2, Math.floor(input.length / 3));
  const lowerInput = input.toLowerCase();
  const scored: { name: string; score: number; order: number }[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (const name of candidates) {
    if (seen.has(name) || name === input) continue;
    seen.add(name);
    const score = name.toLowerCase() === lowerInput ? 0 : distance(input, name);
    // A distance as long as both names means nothing is shared: not a typo.
    if (score <= limit && score < Math.max(input.length, name.length)) scored.push({ name, score, order });
    order += 1;
  }
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  if (scored.length === 0 && options.prefix && input.length >= 3) {
    const extending = [...seen].filter((name) => name.toLowerCase().startsWith(lowerInput));
    if (extending.length === 1) return extending;
  }
  return scored.slice(0, Math.max(0, max)).map((entry) => entry.name);
}

/** `did you mean a?` or `did you mean a or b?`; undefined when there is nothing to offer. */
export function didYouMean(suggestions: readonly string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  if (suggestions.length === 1) return `did you mean ${suggestions[0]}?`;
  return `did you mean ${suggestions.slice(0, -1).join(', ')} or ${suggestions[suggestions.length - 1]}?`;
}

/** `known: a, b, c` with long lists cut (`... and 12 more`); undefined when the list is empty. */
export function knownList(names: Iterable<string>, limit = 8): string | undefined {
  const all = [...new Set(names)];
  if (all.length === 0) return undefined;
  const shown = all.slice(0, limit).join(', ');
  return all.length > limit ? `known: ${shown}, ... and ${all.length - limit} more` : `known: ${shown}`;
}

/** The did-you-mean phrase when a near name exists, else the list of known names. */
export function suggestName(input: string, candidates: Iterable<string>, options: ClosestOptions & { listLimit?: number } = {}): string | undefined {
  const pool = [...candidates];
  return didYouMean(closest(input, pool, options)) ?? knownList(pool, options.listLimit);
}

/**
 * The one known name a typo certainly meant, or undefined: the nearest candidate must be at
 * most two edits away and at least 75% alike, and no other candidate may be as near or one
 * edit nearer (`m047-s0` is as near to m047-s04 as to m047-s05: not certain).
 */
export function certainMatch(input: string, candidates: Iterable<string>): string | undefined {
  const scored = [...new Set(candidates)].filter((name) => name !== input).map((name) => ({ name, score: distance(input, name) }));
  scored.sort((a, b) => a.score - b.score);
  const [best, runnerUp] = scored;
  if (!best || best.score > 2) return undefined;
  if (1 - best.score / Math.max(input.length, best.name.length) < 0.75) return undefined;
  if (runnerUp && runnerUp.score <= best.score + 1) return undefined;
  return best.name;
}
