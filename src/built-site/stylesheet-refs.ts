/**
 * The files a stylesheet loads: every `url(...)` (fonts, images, a custom property's icon) and
 * every `@import`, as written. css-tree parses the CSS, so a `url(` inside a comment or a string
 * is not taken for one, and quoting and escapes are undone as a browser undoes them.
 */
import { parse, walk, type CssNode } from 'css-tree';

/** A stylesheet (`.css` file or `<style>` text), or the declarations of a `style="..."` attribute. */
export function stylesheetRefs(css: string, context: 'stylesheet' | 'declarationList' = 'stylesheet'): string[] {
  // Selectors are never references: skip parsing them. Custom properties can hold a url().
  const ast = parse(css, { context, parseRulePrelude: false, parseCustomProperty: true });
  const refs: string[] = [];
  walk(ast, (node: CssNode) => {
    if (node.type === 'Url') refs.push(node.value);
    else if (node.type === 'Atrule' && node.name.toLowerCase() === 'import' && node.prelude?.type === 'AtrulePrelude') {
      const first = node.prelude.children.first;
      if (first?.type === 'String') refs.push(first.value); // `@import "x.css"`; `@import url(x.css)` is a Url node
    }
  });
  return refs;
}

/** Cheap test before a parse: most `<style>` blocks and style attributes load nothing. */
export function mayLoadFiles(css: string): boolean {
  return /url\(|@import/i.test(css);
}
