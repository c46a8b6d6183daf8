/**
 * The parsed rails model kept between runs (src/rails/kept-rails.ts): used while the text, the
 * code, the paths and the page files it names are as they were; parsed afresh after any change,
 * and from a kept file that does not fit. Another rails file is read between runs so the
 * in-process memo (which holds one file) never answers in place of the kept file.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { currentRails, type KeptIn } from '../src/rails/current.ts';
import type { LoadRailsOptions } from '../src/rails/load.ts';
import { projectRoot } from './helpers/site-fixture.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function site() {
  const root = mkdtempSync(path.join(tmpdir(), 'kept-rails-'));
  made.push(root);
  const docsDir = path.join(root, 'docs');
  cpSync(path.join(projectRoot, 'src/content/docs'), docsDir, { recursive: true });
  const yamlPath = path.join(root, 'rails.yaml');
  const otherPath = path.join(root, 'other-rails.yaml');
  cpSync(path.join(projectRoot, 'src/data/rails.yaml'), yamlPath);
  cpSync(yamlPath, otherPath);
  const options: LoadRailsOptions = { yamlPath, siteRoot: root, docsDir };
  const keptIn: KeptIn = { folder: path.join(root, 'cache'), code: 'code-1' };
  /** One run: another file first (the memo then holds that one), then this one. */
  const run = (kept: KeptIn | undefined = keptIn) => {
    currentRails({ ...options, yamlPath: otherPath }, kept);
    return currentRails(options, kept);
  };
  /** The kept file of this rails path (one file per path). */
  const keptFile = () => path.join(keptIn.folder, `rails-${createHash('sha256').update(yamlPath).digest('hex').slice(0, 16)}.v8`);
  /** Changes the first rail's label in the kept file: served only while the kept file is used. */
  const plant = (label: string) => {
    const file = keptFile();
    const kept = deserialize(readFileSync(file));
    kept.result.model.rails[0].label = label;
    writeFileSync(file, serialize(kept));
  };
  return { root, docsDir, yamlPath, options, keptIn, run, plant, keptFile };
}

const firstLabel = (result: ReturnType<typeof currentRails>) => (result.ok ? result.model.rails[0]!.label : undefined);

describe('the kept rails model', () => {
  it('is used by the next run while the text, the code and the pages hold', () => {
    const s = site();
    const fresh = s.run();
    expect(firstLabel(fresh)).toBe('Starter staged deploy');
    expect(existsSync(s.keptFile())).toBe(true);
    s.plant('Planted label');
    expect(firstLabel(s.run())).toBe('Planted label');
    // The model keeps its shared objects: a surface's rail is the rail of the map.
    const again = s.run();
    if (!again.ok) throw new Error('not ok');
    const railSurface = again.model.surfaces.find((surface) => surface.kind === 'rail');
    if (railSurface?.kind !== 'rail') throw new Error('the sample rails.yaml lists a rail surface');
    expect(again.model.railById.get(railSurface.rail.id)).toBe(railSurface.rail);
    // Another code, and no cache at all: parsed afresh.
    expect(firstLabel(s.run({ ...s.keptIn, code: 'code-2' }))).toBe('Starter staged deploy');
    s.plant('Planted label');
    expect(firstLabel(s.run(undefined))).toBe('Starter staged deploy');
  });

  it('is parsed afresh after an edit of the YAML, and after a page it names went away', () => {
    const s = site();
    s.run();
    s.plant('Planted label');
    writeFileSync(s.yamlPath, readFileSync(s.yamlPath, 'utf8').replace('label: Starter staged deploy', 'label: Edited label'));
    expect(firstLabel(s.run())).toBe('Edited label');
    s.plant('Planted label');
    rmSync(path.join(s.docsDir, 'clustered-example.md'));
    const afterRemoval = s.run();
    expect(afterRemoval.ok).toBe(false);
    expect(afterRemoval.diagnostics.map((d) => d.code)).toContain('yaml-unknown-page');
  });

  it('is set aside when the kept file does not fit, and never written through a link', () => {
    const s = site();
    s.run();
    const file = s.keptFile();
    for (const bad of [Buffer.from('not v8 at all'), serialize({ version: 1 }), serialize(null)]) {
      writeFileSync(file, bad);
      expect(firstLabel(s.run())).toBe('Starter staged deploy');
    }
    // A model of another text under this text's key is refused (its digest names the text).
    const kept = deserialize(readFileSync(file));
    kept.result.model.digest = 'another text';
    kept.result.model.rails[0].label = 'Planted label';
    writeFileSync(file, serialize(kept));
    expect(firstLabel(s.run())).toBe('Starter staged deploy');
    // A link in the file's place: left as it is, and what it points to too.
    const target = path.join(s.root, 'target.txt');
    writeFileSync(target, 'keep me');
    rmSync(file);
    symlinkSync(target, file);
    writeFileSync(s.yamlPath, `# edited\n${readFileSync(s.yamlPath, 'utf8')}`);
    expect(firstLabel(s.run())).toBe('Starter staged deploy');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
  });
});
