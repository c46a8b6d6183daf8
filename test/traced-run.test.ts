/**
 * What `npm run check` and `npm run build` start, traced (strace, execve) over the bundled
 * sample: node, git and the build's own tools (esbuild, pagefind), and the one shell npm itself
 * runs each package.json script line with; no other shell, so no Astro telemetry
 * (`/bin/sh -c "git rev-list …"`) and nothing a config or a page could make the gate start.
 * Skipped where strace is missing, except in CI (.ci/run installs it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { astroEnv, copySite, projectRoot } from './helpers/site-fixture.ts';
import { makeTempDir } from './helpers/temp-repo.ts';

const hasStrace = spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;
const inCi = Boolean(process.env['CI']);
const ALLOWED = new Set(['npm', 'node', 'git', 'esbuild', 'pagefind', 'pagefind_extended']);

/** Every program the traced command started (successful execve calls), with its arguments. */
async function traced(site: string, script: string): Promise<{ code: number | null; programs: Array<{ name: string; argv: string[] }>; output: string }> {
  const traceDir = makeTempDir('mesh-trace-');
  const env = astroEnv({ PATH: `${path.join(projectRoot, 'node_modules/.bin')}${path.delimiter}${process.env['PATH']}`, MESH_REPO_ROOT: '', M055_HYPERPUSH_ROOT: '' });
  delete env['ASTRO_TELEMETRY_DISABLED']; // the project's own commands must turn it off
  // --seccomp-bpf: the kernel stops the traced processes only at execve, not at every system
  // call, so the traced build runs at nearly its own speed. -ff: one file per process, so an
  // execve is always one line (in one shared file, two processes exec'ing at once split a call
  // into "<unfinished ...>" and "<... resumed>" lines, and the call was missed: a flake under load).
  const child = spawn('strace', ['-ff', '--seccomp-bpf', '-qq', '-s', '256', '-e', 'trace=execve', '-o', path.join(traceDir, 'execve'), 'npm', 'run', '--silent', script], { cwd: site, env });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const programs = readdirSync(traceDir)
    .filter((name) => name.startsWith('execve.'))
    .flatMap((name) => readFileSync(path.join(traceDir, name), 'utf8').split('\n'))
    .filter((line) => / = 0$/.test(line) && line.includes('execve('))
    .map((line) => {
      const [, file, args] = /execve\("([^"]*)", \[(.*?)\](?:\.\.\.)?, /.exec(line) ?? [];
      const argv = [...(args ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]!.replace(/\\"/g, '"'));
      return { name: path.basename(file ?? ''), argv };
    });
  return { code, programs, output };
}

function expectOnlyAllowed(programs: Array<{ name: string; argv: string[] }>, scriptLine: string): void {
  const shells = programs.filter((program) => ['sh', 'bash', 'dash', 'zsh'].includes(program.name));
  // npm runs the script line through one shell; nothing else may start one.
  expect(shells.map((shell) => shell.argv)).toEqual([['sh', '-c', scriptLine]]);
  expect(programs.filter((program) => !shells.includes(program) && !ALLOWED.has(program.name)).map((program) => program.argv.join(' '))).toEqual([]);
  expect(programs.some((program) => program.name === 'git')).toBe(true);
}

describe.skipIf(!hasStrace && !inCi)('a traced run over the bundled sample', () => {
  const site = copySite();
  cpSync(path.join(projectRoot, 'scripts'), path.join(site, 'scripts'), { recursive: true });
  const scripts = (JSON.parse(readFileSync(path.join(site, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('npm run check starts only node and git', async () => {
    const run = await traced(site, 'check');
    expect(run.output).toMatch(/^docs-truth gate: ok/m);
    expect(run.code).toBe(0);
    expectOnlyAllowed(run.programs, scripts['check']!);
  }, 120_000);

  it('npm run build starts only node, git, esbuild and pagefind: no telemetry shell', async () => {
    const run = await traced(site, 'build');
    expect(run.code).toBe(0);
    expectOnlyAllowed(run.programs, scripts['build']!);
    expect(run.programs.map((program) => program.name)).toEqual(expect.arrayContaining(['esbuild']));
  }, 300_000);
});
