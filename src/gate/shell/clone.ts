/**
 * `git clone <the checked repo's URL> [DIR]`: a later `cd DIR` (from the same place) lands at
 * the repo root, so the commands after it run where the gate checks them.
 */
import { MESH_REPO_SLUG } from '../../core/repo-urls.ts';
import { appendAll } from '../../core/append.ts';

/** The word values of a command, enough to read a `git clone` line. */
type Words = ReadonlyArray<{ value: string; placeholder: boolean; dynamic: boolean }>;

/** `git clone` options that take the next word as their value. */
const OPTIONS_WITH_VALUE = new Set([
  '-b', '--branch', '-o', '--origin', '-c', '--config', '--depth', '--reference', '--reference-if-able',
  '--template', '--separate-git-dir', '-j', '--jobs', '--filter', '-u', '--upload-pack', '--shallow-since',
  '--shallow-exclude', '--server-option', '--bundle-uri',
]);

/** True when `url` names the checked repo: https with or without `.git` or a trailing `/`, or the ssh form. */
export function isCheckedRepoUrl(url: string): boolean {
  const slug = MESH_REPO_SLUG.toLowerCase();
  const clean = url.trim().replace(/\/+$/, '').replace(/\.git$/i, '').toLowerCase();
  return clean === `https://github.com/${slug}` || clean === `git@github.com:${slug}` || clean === `ssh://git@github.com/${slug}`;
}

/**
 * The folder a `git clone` of the checked repo creates, relative to where it ran; undefined
 * when the words are not such a clone (another repo, a placeholder, an expansion).
 */
export function clonedCheckoutFolder(words: Words): string | undefined {
  if (words[0]?.value !== 'git' || words[1]?.value !== 'clone') return undefined;
  const positional: Words[number][] = [];
  for (let i = 2; i < words.length; i++) {
    const word = words[i]!;
    if (word.value === '--') {
      appendAll(positional, words.slice(i + 1));
      break;
    }
    if (word.value.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(word.value)) i++;
      continue;
    }
    positional.push(word);
  }
  const [url, folder] = positional;
  if (!url || url.placeholder || url.dynamic || !isCheckedRepoUrl(url.value)) return undefined;
  if (folder) return folder.placeholder || folder.dynamic ? undefined : folder.value.replace(/\/+$/, '');
  return MESH_REPO_SLUG.split('/')[1];
}
