/** Case conversion the way clap derive names things (heck-style word splitting). */

function words(ident: string): string[] {
  return ident
    .replace(/^r#/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[_\s-]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** Applies a clap `rename_all` value; kebab-case is clap's default for names and values. */
export function renameCase(ident: string, style = 'kebab-case'): string {
  const w = words(ident);
  switch (style) {
    case 'snake_case':
    case 'snake':
      return w.join('_');
    case 'SCREAMING_SNAKE_CASE':
    case 'screaming_snake':
      return w.join('_').toUpperCase();
    case 'lower':
    case 'lowercase':
      return w.join('');
    case 'UPPER':
    case 'UPPERCASE':
      return w.join('').toUpperCase();
    case 'camelCase':
    case 'camel':
      return w.map((x, i) => (i === 0 ? x : capital(x))).join('');
    case 'PascalCase':
    case 'pascal':
      return w.map(capital).join('');
    case 'verbatim':
      return ident.replace(/^r#/, '');
    default:
      return w.join('-');
  }
}
