/**
 * The GitHub Actions job the README shows for the Mesh repo (ubuntu-24.04, in website/, with the
 * preinstalled Chrome): its shape, and its commands run through the gate against the bundled
 * sample, as if a page showed them, so a renamed npm script fails here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runGate } from '../src/gate/run.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';
import { gateConfig } from './helpers/gate-config.ts';

interface Job {
  'runs-on': string;
  defaults: { run: { 'working-directory': string } };
  env: Record<string, string>;
  steps: { uses?: string; run?: string }[];
}

/** The README's yaml fence that holds a job for ubuntu-24.04. */
function readmeJob(): Job {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  const fences = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  const workflow = fences.find((fence) => fence.includes('runs-on: ubuntu-24.04'));
  if (workflow === undefined) throw new Error('README.md shows no job for ubuntu-24.04');
  const jobs = Object.values((parse(workflow) as { jobs: Record<string, Job> }).jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0]!;
}

/** Gate errors for a page that shows `commands` as one shell block. */
async function gateErrors(commands: string[]) {
  const site = copySite();
  const page = path.join(site, 'src/content/docs/contributing/rails.md');
  writeFileSync(page, `${readFileSync(page, 'utf8')}\n\`\`\`bash\n${commands.join('\n')}\n\`\`\`\n`);
  const result = await runGate(gateConfig({ siteRoot: site, env: {} }));
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.subject ?? ''}`);
}

describe("the README's GitHub Actions job", () => {
  const job = readmeJob();
  const runs = job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));

  it('runs npm ci, npm run build and npm test in website/ on ubuntu-24.04, with the preinstalled Chrome', () => {
    expect(job['runs-on']).toBe('ubuntu-24.04');
    expect(job.defaults.run['working-directory']).toBe('website');
    expect(job.env['CHROME_PATH']).toBe('/usr/bin/google-chrome');
    expect(runs).toEqual(['npm ci', 'npm run build', 'npm test']);
    expect(job.steps.some((step) => step.run?.includes('apt-get'))).toBe(false); // Chrome is there already
  });

  it('its commands pass the gate, and a misspelt script would not', async () => {
    const inWebsite = [`cd ${job.defaults.run['working-directory']}`, ...runs];
    expect(await gateErrors(inWebsite)).toEqual([]);
    expect(await gateErrors([...inWebsite.slice(0, -1), 'npm run tset'])).toEqual([expect.stringMatching(/^npm-unknown-script /)]);
  });
});
