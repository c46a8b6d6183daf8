/**
 * This site IS the Mesh repo's `website/` folder. What a page or rails.yaml says about the site
 * itself (`npm --prefix website run check:external`, `website/src/...`, the edit links) must be
 * true of the site being checked, not of whatever `website/` the checked commit holds (an older
 * site, or none). So the main repo's view answers every path under `website/` from the site's
 * own files on disk, wherever the site is checked out: dropped into `website/` and not yet
 * committed, it passes on its first build. A `website/` path the site lacks falls back to the
 * checked commit (while an older site is committed there, its pages name its files).
 */
import type { RepoView } from '../core/types.ts';
import { SITE_FOLDER_IN_REPO } from '../core/site-paths.ts';
import { normaliseLexically, openRepo } from './repo-view.ts';

/** The site's build outputs and caches are not its files. */
const SITE_OUTPUT_FOLDERS = ['dist', '.astro', 'reports', 'sample-workspace'];

export function withSiteFolder(repo: RepoView, siteRoot: string): RepoView {
  const site = openRepo(siteRoot, repo.kind, { useGit: false, skipFolders: SITE_OUTPUT_FOLDERS });
  const prefix = `${SITE_FOLDER_IN_REPO}/`;
  /** The site-relative rest of a repo path under `website/`, or undefined for any other path. */
  const inSite = (relative: string | undefined): string | undefined =>
    relative === SITE_FOLDER_IN_REPO ? '' : relative?.startsWith(prefix) ? relative.slice(prefix.length) : undefined;
  /** The site's own file, when the path names one (a build output on disk is not one). */
  const siteFile = (input: string): string | undefined => {
    const rest = inSite(normaliseLexically(input));
    return rest !== undefined && rest !== '' && site.fileStatus(rest) === 'tracked' ? rest : undefined;
  };
  const siteDir = (input: string): boolean => {
    const rest = inSite(normaliseLexically(input));
    return rest !== undefined && site.hasDir(rest);
  };
  const files = Object.freeze([...new Set([...repo.files(), ...site.files().map((file) => prefix + file)])].sort());

  // The site answers first; a path it lacks is still answered by the checked commit, whose
  // `website/` may hold an older site (its pages name their own files).
  return {
    ...repo,
    fileStatus: (input) => (siteFile(input) !== undefined ? 'tracked' : repo.fileStatus(input)),
    dirStatus: (input) => (siteDir(input) ? 'tracked' : (repo.dirStatus?.(input) ?? (repo.hasDir(input) ? 'tracked' : 'missing'))),
    hasDir: (input) => siteDir(input) || repo.hasDir(input),
    read(input) {
      const rest = siteFile(input);
      return rest === undefined ? repo.read(input) : site.read(rest);
    },
    files: () => files,
    normalise(input, cwd) {
      const rest = inSite(normaliseLexically(input, cwd));
      if (rest === undefined) return repo.normalise(input, cwd);
      const inside = site.normalise(rest);
      return inside === undefined ? undefined : inside === '' ? SITE_FOLDER_IN_REPO : prefix + inside;
    },
  };
}
