/** The folders of src/ import only downward (scripts/layers.ts); a planted upward import or loop fails. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers } from '../scripts/layers.ts';
import { projectRoot } from './helpers/site-fixture.ts';

function plant(files: Record<string, string>): string {
  const src = path.join(mkdtempSync(path.join(tmpdir(), 'layers-')), 'src');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(src, file)), { recursive: true });
    writeFileSync(path.join(src, file), text);
  }
  return src;
}

describe('layers', () => {
  it('holds for src/: every import downward, no module cycles, every folder on a floor', () => {
    expect(checkLayers(path.join(projectRoot, 'src'))).toEqual([]);
  });

  it('names an upward import (rails/ reading gate/, as rails/load.ts once did), type-only ones too', () => {
    const src = plant({
      'rails/load.ts': "import { decodePage } from '../gate/checks/page-encoding.ts';\nexport const x = decodePage;\n",
      'rails/model.ts': "import type { GateResult } from '../gate/run.ts';\nexport type M = GateResult;\n",
      'gate/checks/page-encoding.ts': 'export const decodePage = 1;\n',
      'gate/run.ts': 'export type GateResult = number;\n',
    });
    const problems = checkLayers(src);
    expect(problems).toEqual([
      { file: 'src/rails/load.ts', message: expect.stringContaining('imports src/gate/checks/page-encoding.ts upward (rails/ is below gate/checks/)') },
      { file: 'src/rails/model.ts', message: expect.stringContaining('imports src/gate/run.ts upward') },
    ]);
  });

  it('names a sideways import, a module cycle and a folder on no floor', () => {
    const src = plant({
      'markdown/a.ts': "import { b } from '../highlight/b.ts';\nexport const a = b;\n",
      'highlight/b.ts': 'export const b = 1;\n',
      'gate/checks/x.ts': "export { y } from './y.ts';\nexport const x = 1;\n",
      'gate/checks/y.ts': "import { x } from './x.ts';\nexport const y = x;\n",
      'newfolder/z.ts': 'export const z = 1;\n',
    });
    const messages = checkLayers(src).map((problem) => `${problem.file}: ${problem.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^src\/markdown\/a\.ts: imports src\/highlight\/b\.ts sideways/),
      'src/newfolder/z.ts: its folder is on no floor: add newfolder to FLOORS in scripts/layers.ts',
      expect.stringMatching(/^src\/gate\/checks\/x\.ts: import cycle: src\/gate\/checks\/x\.ts -> src\/gate\/checks\/y\.ts -> src\/gate\/checks\/x\.ts$/),
    ]);
  });
});
