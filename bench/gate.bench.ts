/**
 * Speed of the docs-truth gate. Goals (checked by reading the numbers, not by timed tests):
 * a full gate run on the sample repo well under a second; loading rails.yaml in milliseconds;
 * opening a 10k-file repo view in well under a second.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'vitest';
import { parseRails } from '../src/rails/load.ts';
import { openRepo } from '../src/gate/repo/repo-view.ts';
import { runGate } from '../src/gate/run.ts';

const siteRoot = path.resolve(import.meta.dirname, '..');
const yamlPath = path.join(siteRoot, 'src/data/rails.yaml');
const yamlText = readFileSync(yamlPath, 'utf8');

const bigRepo = mkdtempSync(path.join(tmpdir(), 'bench-repo-'));
for (let folder = 0; folder < 100; folder++) {
  mkdirSync(path.join(bigRepo, `dir${folder}`));
  for (let file = 0; file < 100; file++) writeFileSync(path.join(bigRepo, `dir${folder}`, `f${file}.rs`), 'fn main() {}\n');
}

// The Mesh sample alone, with no product repo beside it: its items are unverified, not checked.
const loneMesh = path.join(mkdtempSync(path.join(tmpdir(), 'bench-lone-')), 'mesh-lang');
cpSync(path.join(siteRoot, 'sample-workspace/mesh-lang'), loneMesh, { recursive: true });

describe('docs-truth gate', () => {
  test('full gate run on the bundled sample', async ({ bench }) => {
    await bench('runGate (sample workspace: mesh-lang + hyperpush-mono, all pages)', async () => {
      await runGate({ siteRoot, env: {} });
    }).run();
  });

  test('full gate run without the product repo', async ({ bench }) => {
    await bench('runGate (mesh-lang alone, product items unverified)', async () => {
      await runGate({ siteRoot, repoRoot: loneMesh, env: {} });
    }).run();
  });

  test('load and validate rails.yaml', async ({ bench }) => {
    await bench('parseRails', () => {
      parseRails(yamlText, { yamlPath, siteRoot, docsDir: path.join(siteRoot, 'src/content/docs') });
    }).run();
  });

  test('open a 10,000-file repo view', async ({ bench }) => {
    await bench('openRepo (disk walk)', () => {
      openRepo(bigRepo, 'explicit', { useGit: false });
    }).run();
  });
});
