/**
 * A throwaway copy of this site (config, src, sample repo) under `.tmp/sites/`. It resolves
 * packages from the project's node_modules by walking up, but keeps its own Astro cache
 * (`<copy>/node_modules/.astro`), so builds in tests never touch the working tree's output.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

const COPIED = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'sample-repo'];

export function copySite(): string {
  const parent = path.join(projectRoot, '.tmp/sites');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'site-'));
  for (const entry of COPIED) cpSync(path.join(projectRoot, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

export interface RunResult {
  code: number | null;
  output: string;
}

/** The environment for a child Astro: without vitest's variables, which change Astro's mode. */
export function astroEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...extra };
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'NODE_ENV' || name === 'TEST') delete env[name];
  return env;
}

/** Runs `astro <args>` in a site folder with this Node (24), capturing all output. */
export function runAstro(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), ...args], {
      cwd: dir,
      env: astroEnv(env),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}
