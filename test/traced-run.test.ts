/**
 * What `npm run check` and `npm run build` start, traced (strace: execve, and the forks that
 * link each process to its parent) over the bundled sample: node, git and the build's own tools
 * (esbuild, pagefind), the one shell npm itself runs each package.json script line with, and
 * the gate's git launcher (a plain `/bin/sh` reading its calls from the gate, src/repo/git-launcher.ts)
 * whose processes start git and nothing else. No other shell, so no Astro telemetry
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

interface Program {
  pid: number;
  name: string;
  argv: string[];
}

/** Every program the traced command started (successful execve calls), and who forked whom. */
async function traced(site: string, script: string): Promise<{ code: number | null; programs: Program[]; parents: Map<number, number>; output: string }> {
  const traceDir = makeTempDir('mesh-trace-');
  const env = astroEnv({ PATH: `${path.join(projectRoot, 'node_modules/.bin')}${path.delimiter}${process.env['PATH']}`, MESH_REPO_ROOT: '', M055_HYPERPUSH_ROOT: '' });
  delete env['ASTRO_TELEMETRY_DISABLED']; // the project's own commands must turn it off
  // --seccomp-bpf: the kernel stops the traced processes only at the traced calls, not at every
  // system call, so the traced build runs at nearly its own speed. -ff: one file per process, so
  // a call is always one line (in one shared file, two processes exec'ing at once split a call
  // into "<unfinished ...>" and "<... resumed>" lines, and the call was missed: a flake under load).
  const child = spawn('strace', ['-ff', '--seccomp-bpf', '-qq', '-s', '256', '-e', 'trace=execve,clone,clone3,fork,vfork', '-o', path.join(traceDir, 'execve'), 'npm', 'run', '--silent', script], { cwd: site, env });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const programs: Program[] = [];
  const parents = new Map<number, number>();
  for (const name of readdirSync(traceDir).filter((entry) => entry.startsWith('execve.'))) {
    const pid = Number(name.slice('execve.'.length));
    for (const line of readFileSync(path.join(traceDir, name), 'utf8').split('\n')) {
      // A new process (not a thread: threads share their process's programs).
      const forked = /^(?:clone3?|v?fork)\(.*\) = (\d+)$/.exec(line);
      if (forked && !line.includes('CLONE_THREAD')) parents.set(Number(forked[1]), pid);
      if (!/ = 0$/.test(line) || !line.includes('execve(')) continue;
      const [, file, args] = /execve\("([^"]*)", \[(.*?)\](?:\.\.\.)?, /.exec(line) ?? [];
      const argv = [...(args ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]!.replace(/\\"/g, '"'));
      programs.push({ pid, name: path.basename(file ?? ''), argv });
    }
  }
  return { code, programs, parents, output };
}

const SHELLS = ['sh', 'bash', 'dash', 'zsh'];
/** The git launcher's shell: a plain `/bin/sh`, no script, no `-c`. */
const isLauncherShell = (program: Program) => program.name === 'sh' && program.argv.length === 1 && program.argv[0] === '/bin/sh';

function expectOnlyAllowed(run: { programs: Program[]; parents: Map<number, number> }, scriptLine: string): void {
  const launchers = new Set(run.programs.filter(isLauncherShell).map((program) => program.pid));
  const underLauncher = (pid: number): boolean => {
    for (let at = run.parents.get(pid); at !== undefined; at = run.parents.get(at)) if (launchers.has(at)) return true;
    return false;
  };
  // What the launcher's shell starts: git, and only git.
  const launched = run.programs.filter((program) => underLauncher(program.pid));
  expect(launched.length).toBeGreaterThan(0);
  expect(launched.filter((program) => program.name !== 'git').map((program) => program.argv.join(' '))).toEqual([]);
  const others = run.programs.filter((program) => !launchers.has(program.pid) && !underLauncher(program.pid));
  const shells = others.filter((program) => SHELLS.includes(program.name));
  // npm runs the script line through one shell; nothing else may start one.
  expect(shells.map((shell) => shell.argv)).toEqual([['sh', '-c', scriptLine]]);
  expect(others.filter((program) => !shells.includes(program) && !ALLOWED.has(program.name)).map((program) => program.argv.join(' '))).toEqual([]);
}

describe.skipIf(!hasStrace && !inCi)('a traced run over the bundled sample', () => {
  const site = copySite();
  cpSync(path.join(projectRoot, 'scripts'), path.join(site, 'scripts'), { recursive: true });
  const scripts = (JSON.parse(readFileSync(path.join(site, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('npm run check starts only node and git (git through the launcher\'s shell)', async () => {
    const run = await traced(site, 'check');
    expect(run.output).toMatch(/^docs-truth gate: ok/m);
    expect(run.code).toBe(0);
    expectOnlyAllowed(run, scripts['check']!);
  }, 120_000);

  it('npm run build starts only node, git, esbuild and pagefind: no telemetry shell', async () => {
    const run = await traced(site, 'build');
    expect(run.code).toBe(0);
    expectOnlyAllowed(run, scripts['build']!);
    expect(run.programs.map((program) => program.name)).toEqual(expect.arrayContaining(['esbuild']));
  }, 300_000);
});
