/** Bytes in a page that are not UTF-8 are reported at their position, not read as U+FFFD and passed. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../src/core/page-encoding.ts';
import { runGate } from '../src/gate/run.ts';
import { copySite } from './helpers/site-fixture.ts';
import { gateConfig } from './helpers/gate-config.ts';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('decodePage', () => {
  it('passes valid UTF-8 through, multi-byte characters included', () => {
    expect(decodePage(bytes('# Ünïcode ✓ 🚀\n'), 'p.md')).toEqual({ text: '# Ünïcode ✓ 🚀\n', diagnostics: [] });
  });

  it('reports each bad sequence at its line and column, and keeps the rest readable', () => {
    const page = bytes('# Title\n\nSome ✓ text ', [0xff], ' and\nmore ', [0xc3, 0x28], ' and ', [0xed, 0xa0, 0x80], '\n');
    const { text, diagnostics } = decodePage(page, 'src/content/docs/p.md');
    expect(diagnostics.map((d) => `${d.code} ${d.position.line}:${d.position.column}`)).toEqual([
      'page-not-utf8 3:13',
      'page-not-utf8 4:6',
      'page-not-utf8 4:13',
    ]);
    expect(diagnostics[0]!.message).toMatch(/byte 0xff .*not UTF-8/i);
    expect(diagnostics[0]!.suggestion).toMatch(/save the page as UTF-8/);
    expect(text.startsWith('# Title\n')).toBe(true);
  });

  it('reports a truncated sequence at the end of the file', () => {
    const { diagnostics } = decodePage(bytes('ok ', [0xe2, 0x9c]), 'p.md');
    expect(diagnostics.map((d) => d.position)).toEqual([{ file: 'p.md', line: 1, column: 4 }]);
  });
});

describe('the gate on a page with non-UTF-8 bytes', () => {
  it('fails at the byte, where it used to pass', async () => {
    const site = copySite();
    const page = path.join(site, 'src/content/docs/distributed-actors.md');
    writeFileSync(page, Buffer.concat([readFileSync(page), Buffer.from('\nLatin-1 caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const lines = readFileSync(page, 'latin1').split('\n');
    const result = await runGate(gateConfig({ siteRoot: site, env: {} }));
    const found = result.diagnostics.filter((d) => d.severity === 'error');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'page-not-utf8', position: { file: 'src/content/docs/distributed-actors.md', line: lines.length - 1, column: 12 } });
  });
});

describe('rails.yaml with non-UTF-8 bytes', () => {
  it('is one yaml-syntax finding at the byte', async () => {
    const { currentRails } = await import('../src/rails/current.ts');
    const site = copySite();
    const yamlPath = path.join(site, 'src/data/rails.yaml');
    const original = readFileSync(yamlPath);
    const firstLine = original.toString('utf8').split('\n')[0]!;
    writeFileSync(yamlPath, Buffer.concat([Buffer.from(`${firstLine} caf`), Buffer.from([0xe9]), original.subarray(Buffer.byteLength(firstLine))]));
    const result = currentRails({ yamlPath, siteRoot: site, docsDir: path.join(site, 'src/content/docs') });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'yaml-syntax', position: { file: 'src/data/rails.yaml', line: 1, column: firstLine.length + 5 } }),
    ]);
  });
});
