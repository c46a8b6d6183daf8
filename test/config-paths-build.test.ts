/**
 * `meshDocs({ railsFile, docsDir })` reaches every part of the build: the gate checks, and the
 * site renders, the same pages and the same YAML. The default folders are gone from the copy,
 * so a part still reading them would find nothing (or fail).
 */
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySite, runAstro } from './helpers/site-fixture.ts';

describe('meshDocs({ railsFile, docsDir })', () => {
  // One build; under a loaded machine it takes minutes, hence the ceiling.
  it('the gate and the site read the configured files, not the defaults', { timeout: 400_000 }, async () => {
    const site = copySite();
    mkdirSync(path.join(site, 'handbook'));
    renameSync(path.join(site, 'src/content/docs'), path.join(site, 'handbook/pages'));
    renameSync(path.join(site, 'src/data/rails.yaml'), path.join(site, 'handbook/rails.yaml'));
    // A word only the moved page has, and a label only the moved YAML has.
    const page = path.join(site, 'handbook/pages/distributed-proof.md');
    writeFileSync(page, `${readFileSync(page, 'utf8')}\n\nThis copy lives in the handbook folder.\n`);
    const yaml = path.join(site, 'handbook/rails.yaml');
    const text = readFileSync(yaml, 'utf8');
    const label = /\n {4}label: (.+)\n/.exec(text)![1]!;
    writeFileSync(yaml, text.replace(`    label: ${label}\n`, `    label: ${label} from the handbook\n`));
    const config = path.join(site, 'astro.config.mjs');
    writeFileSync(config, readFileSync(config, 'utf8').replace('meshDocsSetup({}', "meshDocsSetup({ railsFile: 'handbook/rails.yaml', docsDir: 'handbook/pages' }"));
    expect(existsSync(path.join(site, 'src/content/docs'))).toBe(false);

    const build = await runAstro(site, ['build']);
    expect(build.code, build.output).toBe(0);
    // The gate checked the moved pages and YAML ...
    expect(build.output).toMatch(/docs-truth gate: ok.* in 7 pages, \d+ rails/);
    // ... and the site rendered them.
    const html = readFileSync(path.join(site, 'dist/distributed-proof/index.html'), 'utf8');
    expect(html).toContain('This copy lives in the handbook folder.');
    expect(html).toContain(`${label} from the handbook`);
  });
});
