import { distance } from 'fastest-levenshtein';

/** The closest candidate within a small edit distance, or undefined. */
export function closestName(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}

/** "did you mean "x"?" when a candidate is close, else the list of valid names. */
export function didYouMean(input: string, candidates: readonly string[], what: string): string {
  const close = closestName(input, candidates);
  if (close) return `did you mean "${close}"?`;
  const shown = candidates.slice(0, 12).join(', ');
  return `known ${what}: ${shown}${candidates.length > 12 ? ', ...' : ''}`;
}
