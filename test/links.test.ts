/** Site links: a broken one names the three closest pages as its fix, not the whole site. */
import { describe, expect, it } from 'vitest';
import { repoLinksOf } from './helpers/repo-links.ts';
import { checkLinks, type PageTargets } from '../src/gate/checks/links.ts';
import { openRepo } from '../src/repo/repo-view.ts';
import { makeTempDir } from './helpers/temp-repo.ts';

const hrefs = ['/', '/distributed-proof/', '/distributed-actors/', '/clustered-example/', '/production-backend-proof/', '/contributing/rails/', '/getting-started/'];
const pages = new Map<string, PageTargets>(hrefs.map((href) => [href, { href, anchors: new Set() }]));
const position = { file: 'src/content/docs/a.md', line: 2, column: 5 };

describe('link-broken', () => {
  it('suggests the three nearest pages, nearest first', () => {
    const repo = openRepo(makeTempDir(), 'explicit', { useGit: false });
    const [finding, ...rest] = checkLinks([{ url: '/distributed-prof/', position, kind: 'link' }], '/', pages, repoLinksOf(repo), makeTempDir());
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'link-broken', position });
    const [lead, list] = finding!.suggestion!.split(': ');
    expect(lead).toBe('link to one of the closest pages');
    const named = list!.split(', ');
    expect(named).toHaveLength(3);
    expect(named.slice(0, 2)).toEqual(['/distributed-proof/', '/distributed-actors/']);
  });
});
