/**
 * Findings come from many checks; readers should see one voice. A message reads as a sentence
 * ("The script x does not exist.", written capitalised at the source); a fix reads as a short imperative ("did you mean y?").
 */

/** Ends the message with a full stop. Case is left alone: many messages start with a name. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.?!]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function asFix(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  // Lower-case a leading capital word, but leave names and code (`X`, README) as written.
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed;
}
