import { describe, expect, it } from 'vitest';
import { closest, didYouMean, knownList, suggestName } from '../src/core/did-you-mean.ts';

const scripts = ['verify-m053-s01.sh', 'verify-m053-s02.sh', 'verify-m053-s03.sh', 'verify-m051-s01.sh'];

describe('closest', () => {
  it('finds the near name of a typo', () => {
    expect(closest('verify-m053-s0l.sh', scripts)).toEqual(['verify-m053-s01.sh']);
    expect(closest('tset', ['build', 'test', 'dev'])).toEqual(['test']);
    expect(closest('MESH_NODE_NAM', ['MESH_NODE_NAME', 'MESH_CLUSTER_PORT'])).toEqual(['MESH_NODE_NAME']);
  });

  it('offers nothing when every name is too far away', () => {
    expect(closest('deploy', ['build', 'test', 'dev'])).toEqual([]);
    expect(closest('x', ['build'])).toEqual([]);
    expect(closest('anything', [])).toEqual([]);
  });

  it('breaks ties by the order of the candidates, stably', () => {
    expect(closest('verify-m053-s04.sh', scripts, { max: 3 })).toEqual(['verify-m053-s01.sh', 'verify-m053-s02.sh', 'verify-m053-s03.sh']);
    expect(closest('verify-m053-s04.sh', [...scripts].reverse(), { max: 2 })).toEqual(['verify-m053-s03.sh', 'verify-m053-s02.sh']);
  });

  it('ranks a case-only difference first and never suggests the input itself', () => {
    expect(closest('Build', ['built', 'build'])).toEqual(['build']);
    expect(closest('build', ['build', 'built'])).toEqual(['built']);
  });

  it('honours an explicit distance limit', () => {
    expect(closest('verify-m053-s9x.sh', scripts, { maxDistance: 1 })).toEqual([]);
  });
});

describe('phrasing', () => {
  it('says did you mean, with one or several names', () => {
    expect(didYouMean(['a'])).toBe('did you mean a?');
    expect(didYouMean(['a', 'b', 'c'])).toBe('did you mean a, b or c?');
    expect(didYouMean([])).toBeUndefined();
  });

  it('lists known names and cuts long lists', () => {
    expect(knownList(['dev', 'build'])).toBe('known: dev, build');
    expect(knownList(['a', 'b', 'c', 'd'], 2)).toBe('known: a, b, ... and 2 more');
    expect(knownList([])).toBeUndefined();
  });

  it('prefers a near name, else the known list', () => {
    expect(suggestName('biuld', ['dev', 'build'])).toBe('did you mean build?');
    expect(suggestName('deploy', ['dev', 'build'])).toBe('known: dev, build');
    expect(suggestName('deploy', [])).toBeUndefined();
  });
});
