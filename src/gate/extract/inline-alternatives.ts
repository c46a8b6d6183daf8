/**
 * Prose writes `meshc cluster status|continuity|diagnostics` for "one of these": a `|` with no
 * blank on either side, between plain words. In inline code that is shorthand for
 * alternatives, not a pipe (a fenced `a | b` stays a pipe). Each alternative becomes its own
 * text, with the other choices blanked so every word keeps its column.
 */

export interface InlineAlternative {
  /** The text to parse: same length as the span, other choices blanked. */
  text: string;
  /** Turns a parsed command's text (with the blanks) into the text to show; undefined when nothing was blanked. */
  shown?: (text: string) => string;
}

/** A word of two or more plain choices joined by `|`, with blanks (or the span's ends) around it. */
const CHOICES = /(?<=^|\s)[\w./:@+=-]+(?:\|[\w./:@+=-]+)+(?=\s|$)/g;
/** Beyond this many combinations, the span is read as written (and fails closed as a pipe would). */
const MAX_ALTERNATIVES = 32;

export function inlineAlternatives(text: string): InlineAlternative[] {
  const groups = [...text.matchAll(CHOICES)].map((match) => {
    const choices: { start: number; end: number }[] = [];
    let start = match.index;
    for (const choice of match[0].split('|')) {
      choices.push({ start, end: start + choice.length });
      start += choice.length + 1;
    }
    return { start: match.index, end: match.index + match[0].length, choices };
  });
  if (groups.length === 0) return [{ text }];
  const count = groups.reduce((product, group) => product * group.choices.length, 1);
  if (count > MAX_ALTERNATIVES) return [{ text }];

  const alternatives: InlineAlternative[] = [];
  for (let n = 0; n < count; n++) {
    let rest = n;
    let variant = text;
    for (const group of groups) {
      const chosen = group.choices[rest % group.choices.length]!;
      rest = Math.floor(rest / group.choices.length);
      const blanked = ' '.repeat(chosen.start - group.start) + text.slice(chosen.start, chosen.end) + ' '.repeat(group.end - chosen.end);
      variant = variant.slice(0, group.start) + blanked + variant.slice(group.end);
    }
    alternatives.push({ text: variant, shown: (shownText) => shownText.replace(/ {2,}/g, ' ').trim() });
  }
  return alternatives;
}
