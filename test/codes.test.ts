/** Every diagnostic code points at a section of the contributor page that really exists. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, docsUrl, type DiagnosticCode } from '../src/core/codes.ts';
import { extractFromMarkdown } from '../src/gate/extract/markdown.ts';
import { projectRoot } from './helpers/site-fixture.ts';

describe('diagnostic codes', () => {
  it('each docs anchor is a heading of /contributing/rails/, and each code is named on that page', async () => {
    const file = 'src/content/docs/contributing/rails.md';
    const source = readFileSync(path.join(projectRoot, file), 'utf8');
    const { headings } = await extractFromMarkdown({ file, source });
    for (const code of Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]) {
      const anchor = docsUrl(code).split('#')[1]!;
      expect(headings, `${code} -> #${anchor}`).toContain(anchor);
      expect(source, code).toContain(`\`${code}\``);
    }
  });
});
