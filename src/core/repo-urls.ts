/** The public Mesh repo on GitHub (`owner/name` and URL), and reading links into a repo of the workspace there. */
export const MESH_REPO_SLUG = 'hyperpush-org/mesh-lang';
export const MESH_REPO_URL = `https://github.com/${MESH_REPO_SLUG}`;

export interface MeshRepoLink {
  kind: 'blob' | 'tree';
  ref: string;
  /** Repo-relative path as written in the URL (still percent-encoded), '' for the repo root. */
  path: string;
}

/**
 * Reads `https://github.com/<slug>/(blob|tree)/<ref>/<path>[#Lnn]`; undefined for other URLs.
 * `slug` picks the repo (another repo of the workspace); the Mesh repo by default.
 */
export function parseMeshRepoLink(url: string, slug: string = MESH_REPO_SLUG): MeshRepoLink | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.hostname !== 'github.com' && parsed.hostname !== 'www.github.com') return undefined;
  const prefix = `/${slug}/`;
  if (!parsed.pathname.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
  const rest = parsed.pathname.slice(prefix.length).split('/');
  const kind = rest[0];
  const ref = rest[1];
  if ((kind !== 'blob' && kind !== 'tree') || !ref) return undefined;
  // Still encoded: `checkGithubLink` decodes it fully and confines it in one step.
  const linked = rest.slice(2).join('/');
  return { kind, ref, path: linked.replace(/\/+$/, '') };
}

