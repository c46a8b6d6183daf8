/**
 * Reading a page safely. A page that is a symlink out of the docs folder is not read at all.
 * Pages must be UTF-8. Decoding leniently would turn a stray Latin-1 byte into U+FFFD and pass
 * it; here every bad sequence is reported at its line and column, and the page is still read
 * (leniently) so its other findings are not lost.
 */
import { makeDiagnostic } from './diagnostic.ts';
import type { Diagnostic } from './types.ts';

/** Beyond this many bad spots on one page, one more line says how many were left out. */
const MAX_REPORTED = 5;

export function decodePage(bytes: Uint8Array, file: string): { text: string; diagnostics: Diagnostic[] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
  } catch {
    // Fall through: find where.
  }
  const lenient = new TextDecoder('utf-8');
  const offsets = invalidOffsets(bytes);
  const diagnostics = offsets.slice(0, MAX_REPORTED).map((offset) => {
    let lineStart = offset;
    while (lineStart > 0 && bytes[lineStart - 1] !== 0x0a) lineStart -= 1;
    let line = 1;
    for (let i = 0; i < lineStart; i += 1) if (bytes[i] === 0x0a) line += 1;
    const column = lenient.decode(bytes.subarray(lineStart, offset)).length + 1;
    const byte = `0x${bytes[offset]!.toString(16).padStart(2, '0')}`;
    const more = offsets.length > MAX_REPORTED && offset === offsets[MAX_REPORTED - 1] ? ` (and ${offsets.length - MAX_REPORTED} more bad spots on this page)` : '';
    return makeDiagnostic({
      code: 'page-not-utf8',
      position: { file, line, column },
      subject: file,
      message: `The byte ${byte} here is not UTF-8, so the page would show a replacement character${more}`,
      suggestion: 'save the page as UTF-8 (re-type the character, or convert the file from its old encoding)',
    });
  });
  return { text: lenient.decode(bytes), diagnostics };
}

/** Byte offsets where an invalid UTF-8 sequence starts (RFC 3629: no overlongs, no surrogates). */
function invalidOffsets(bytes: Uint8Array): number[] {
  const found: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k += 1) {
      const next = bytes[i + k]!;
      const [low, high] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (next < low || next > high) valid = false;
    }
    if (valid) {
      i += length;
    } else {
      found.push(i);
      i += 1;
      while (i < bytes.length && bytes[i]! >= 0x80 && bytes[i]! <= 0xbf) i += 1; // one report per bad run
    }
  }
  return found;
}

function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** A page file that resolves outside the docs folder (a symlink): reported, never read. */
export function pageOutsideDocs(file: string): Diagnostic {
  return makeDiagnostic({
    code: 'page-outside-docs',
    position: { file, line: 1, column: 1 },
    subject: file,
    message: 'The page is a symlink to a file outside the docs folder, so the gate does not read it',
    suggestion: 'put the page itself in the docs folder instead of a link to it',
  });
}
