/**
 * JSON text with every character outside ASCII written as a `\uXXXX` escape: the same value to
 * `JSON.parse`, in a file of one-byte characters. The gate's kept files hold script and page
 * text, and one `→` in a script's echo made the whole readings file slow to read back: Node
 * decodes a file with any non-ASCII byte through its slower UTF-8 path into a two-byte string,
 * and parses that more slowly too (about 8 ms of every check for the real workspace's 276 KB,
 * against under 2 ms once it is ASCII).
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
