/** Did-you-mean: the closest real name to a mistyped one, if it is close enough. */
import { distance } from 'fastest-levenshtein';

/** Edits allowed for a word of this length (short words need a near-exact match). */
function editBudget(length: number): number {
  if (length <= 3) return 1;
  if (length <= 8) return 2;
  return 3;
}

/**
 * The candidate nearest to `word` by edit distance within a small budget, else the only
 * candidate that starts with it (`--time` => `--timeout-ms`), else undefined.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const needle = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= editBudget(needle.length)) return best;
  if (needle.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(needle));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}
