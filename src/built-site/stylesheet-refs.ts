/**
 * The files CSS loads: every `url(...)` (fonts, images, a custom property's icon) and every
 * `@import`, as written. css-tree's tokenizer (the CSS Syntax spec's) reads the text, so a
 * `url(` inside a comment or a string is not taken for one, and quotes and escapes are undone
 * as a browser undoes them. Tokens are enough: a full parse of the site's stylesheets cost
 * about four times as much and found the same references.
 */
import { string as cssString, tokenize, tokenTypes, url as cssUrl } from 'css-tree';

/** A stylesheet, `<style>` text, or the declarations of a `style="..."` attribute. */
export function stylesheetRefs(css: string): string[] {
  const refs: string[] = [];
  // Set by `url(` (a function whose argument is a quoted string) and by `@import`: the next string is a reference.
  let stringIsRef = false;
  tokenize(css, (type, start, end) => {
    if (type === tokenTypes.WhiteSpace || type === tokenTypes.Comment) return;
    const text = () => css.slice(start, end);
    if (type === tokenTypes.Url) refs.push(cssUrl.decode(text())); // unquoted: url(/a.png)
    else if (type === tokenTypes.String && stringIsRef) refs.push(cssString.decode(text()));
    stringIsRef =
      (type === tokenTypes.Function && text().toLowerCase() === 'url(') || (type === tokenTypes.AtKeyword && text().toLowerCase() === '@import');
  });
  return refs;
}

/** Cheap test before tokenizing: most `<style>` blocks and style attributes load nothing. */
export function mayLoadFiles(css: string): boolean {
  return /url\(|@import/i.test(css);
}
