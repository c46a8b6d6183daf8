/**
 * A throwaway copy of this site (config, src, sample repo) under `.tmp/sites/<run id>/`, removed
 * when the run ends (test/global-setup.ts). It resolves
 * packages from the project's node_modules by walking up, but keeps its own Astro cache
 * (`<copy>/node_modules/.astro`), so builds in tests never touch the working tree's output.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { git } from './temp-repo.ts';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

const COPIED = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public', 'sample-workspace'];

/** The folder of one run's site copies. */
export function siteCopiesOfRun(runId: string): string {
  return path.join(projectRoot, '.tmp/sites', runId);
}

export function copySite(): string {
  // No run id outside a vitest run with the global setup (the proof-map bench): kept apart, never removed by a run.
  const parent = siteCopiesOfRun(inject('runId') ?? 'outside-a-test-run');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'site-'));
  for (const entry of COPIED) cpSync(path.join(projectRoot, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

/**
 * A site copy with a git history of its own, as in a real checkout: pages get their
 * last-updated date and the bundled sample a commit. The copy sits outside any Mesh checkout,
 * so the gate's default repo is its bundled sample even when this site is the Mesh repo's
 * website/ folder (where the default for the site itself is the parent checkout).
 */
export function committedSiteCopy(): string {
  const site = copySite();
  git(site, ['init', '-q']);
  git(site, ['add', '-A']);
  git(site, ['commit', '-qm', 'site copy']);
  return site;
}

export interface RunResult {
  code: number | null;
  output: string;
}

/** The environment for a child Astro: without vitest's variables, which change Astro's mode. */
export function astroEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...extra };
  // Vite also sets its mode flags in the worker's env; a child build that inherits DEV=true
  // renders dev-only markup (Starlight then ships no search box).
  const viteFlags = new Set(['NODE_ENV', 'TEST', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL']);
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || viteFlags.has(name)) delete env[name];
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

export interface DevServer {
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  /** The page's HTML, or '' while the server is not answering. */
  page(pathname: string): Promise<string>;
  /**
   * Requests a page the way a browser does, listening on Vite's HMR socket: the error overlay
   * the browser would show (its message and hint), or undefined when the page rendered.
   */
  overlay(pathname: string): Promise<{ status: number; message?: string; hint?: string }>;
  /** Polls until `test` holds, or fails with the server output after 90 s. */
  waitFor(test: () => Promise<boolean> | boolean, what: string): Promise<void>;
  stop(): void;
}

/** Starts `astro dev` in a site copy on a free-ish port. */
export function startDev(dir: string): DevServer {
  const port = 4400 + Math.floor(Math.random() * 500);
  const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port)], {
    cwd: dir,
    env: astroEnv(),
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://localhost:${port}`;
  return {
    url,
    output: () => output,
    async page(pathname) {
      try {
        const response = await fetch(`${url}${pathname}`);
        return response.ok ? await response.text() : '';
      } catch {
        return '';
      }
    },
    overlay(pathname) {
      return new Promise((resolve) => {
        const socket = new WebSocket(url.replace('http', 'ws'), 'vite-hmr');
        let overlay: { message?: string; hint?: string } | undefined;
        const finish = (status: number) => {
          socket.close();
          resolve({ status, ...overlay });
        };
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { type?: string; err?: { message?: string; hint?: string } };
          if (message.type === 'error' && message.err) overlay = { message: message.err.message ?? '', hint: message.err.hint ?? '' };
        };
        socket.onerror = () => resolve({ status: 0 });
        socket.onopen = async () => {
          try {
            const response = await fetch(`${url}${pathname}`);
            await response.text();
            setTimeout(() => finish(response.status), 300); // the overlay message follows the response
          } catch {
            finish(0);
          }
        };
      });
    },
    async waitFor(test, what) {
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        if (await test()) return;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      throw new Error(`timed out waiting for ${what}\n${output}`);
    },
    stop: () => child.kill('SIGTERM'),
  };
}
