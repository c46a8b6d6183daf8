/** YAML that attacks its reader, appended to a valid rails.yaml in tests. */

/** Four levels of aliases: about 6,500 copies of one string once expanded. */
export const ALIAS_BOMB = [
  'bomb-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'bomb-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'bomb-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'bomb-d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  '',
].join('\n');
