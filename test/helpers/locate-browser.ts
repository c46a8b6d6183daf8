/**
 * The one place that finds the Chromium or Chrome the browser tests (and anything else of ours
 * that drives a browser) launch. It tries, in order:
 *
 *   1. CHROME_PATH, else PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, when set (then only that one:
 *      a browser asked for by name that does not start is a finding, not a reason to use another);
 *   2. chromium, chromium-browser, google-chrome-stable, google-chrome on PATH;
 *   3. the usual macOS application paths;
 *   4. the Chromium that Playwright itself installed, if it did.
 *
 * A candidate counts only when it really starts headless (`--dump-dom about:blank` prints a
 * page): Ubuntu's `chromium-browser` snap stub, or a Chrome missing its libraries, is rejected
 * with the reason it gave. When nothing starts, the answer carries the one command that installs
 * a browser with this machine's package manager.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { escapeControl } from '../../src/core/escape.ts';

/** Where a candidate came from, as the one-line report names it. */
export type BrowserSource = 'CHROME_PATH' | 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH' | 'PATH' | 'macOS app' | 'Playwright';

export interface BrowserCandidate {
  path: string;
  source: BrowserSource;
}

export interface RejectedBrowser extends BrowserCandidate {
  /** Why it does not count, in words (never the value of an env var). */
  reason: string;
}

export type BrowserLookup =
  | { found: true; path: string; source: BrowserSource; rejected: RejectedBrowser[] }
  | { found: false; rejected: RejectedBrowser[]; install: string };

export interface LocateOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Where Playwright keeps its own Chromium; undefined when it has none for this platform. */
  playwrightExecutable?: () => string | undefined;
  /** The ceiling for one headless start. A cold Chromium on a loaded machine takes seconds. */
  probeTimeoutMs?: number;
  /** /etc/os-release, read to pick the install command. */
  osReleaseFile?: string;
  /** Whether this process runs as root (no `sudo` in the install command). */
  isRoot?: boolean;
}

export const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'] as const;
const EXPLICIT_VARS = ['CHROME_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const;
const MAC_APPS = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
const PROBE_TIMEOUT_MS = 60_000;
/** The flags of a headless start as the tests use it (root in CI needs --no-sandbox). */
export const HEADLESS_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let cached: Promise<BrowserLookup> | undefined;

/** This machine's browser, probed once per process. */
export function findBrowser(): Promise<BrowserLookup> {
  cached ??= locateBrowser();
  return cached;
}

export async function locateBrowser(options: LocateOptions = {}): Promise<BrowserLookup> {
  const env = options.env ?? process.env;
  const rejected: RejectedBrowser[] = [];
  for (const candidate of candidates(env, options)) {
    const reason = await headlessFailure(candidate.path, options.probeTimeoutMs ?? PROBE_TIMEOUT_MS);
    if (reason === undefined) return { found: true, path: candidate.path, source: candidate.source, rejected };
    rejected.push({ ...candidate, reason: maskExplicit(reason, candidate, env) });
  }
  return { found: false, rejected, install: installCommand(options) };
}

/** Candidates in the order they are tried; an explicit variable stands alone. */
function* candidates(env: NodeJS.ProcessEnv, options: LocateOptions): Generator<BrowserCandidate> {
  for (const name of EXPLICIT_VARS) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      yield { path: value, source: name };
      return;
    }
  }
  for (const name of PATH_NAMES) {
    const hit = onPath(name, env['PATH'] ?? '');
    if (hit !== undefined) yield { path: hit, source: 'PATH' };
  }
  if ((options.platform ?? process.platform) === 'darwin') {
    const folders = ['/Applications', ...(env['HOME'] ? [path.join(env['HOME'], 'Applications')] : [])];
    for (const folder of folders) {
      for (const app of MAC_APPS) {
        const file = path.join(folder, app);
        if (isExecutableFile(file)) yield { path: file, source: 'macOS app' };
      }
    }
  }
  const playwright = (options.playwrightExecutable ?? playwrightChromium)();
  if (playwright !== undefined && isExecutableFile(playwright)) yield { path: playwright, source: 'Playwright' };
}

/** The first `name` on PATH that is an executable file, as a shell would pick it. */
function onPath(name: string, searchPath: string): string | undefined {
  for (const folder of searchPath.split(path.delimiter)) {
    if (folder === '' || !path.isAbsolute(folder)) continue; // a relative PATH entry depends on the cwd
    const file = path.join(folder, name);
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where Playwright keeps the Chromium its installer downloads (whether or not it is there). */
function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath(); // playwright-core's registry knows it for this platform
  } catch {
    return undefined; // not installed, or no Chromium build for this platform
  }
}

/**
 * Starts the browser headless on a blank page with a fresh profile; undefined when it printed
 * the page and exited 0, else why not.
 */
function headlessFailure(executable: string, timeoutMs: number): Promise<string | undefined> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'mesh-docs-browser-probe-'));
  return new Promise<string | undefined>((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (reason: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      resolve(reason);
    };
    // Its own process group, so a hung browser and its helpers are stopped together.
    const child = spawn(executable, [...HEADLESS_FLAGS, `--user-data-dir=${profile}`, '--dump-dom', 'about:blank'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      finish(`did not start headless within ${Math.round(timeoutMs / 1000)} s`);
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => finish(`could not be run (${error.code ?? error.message})`));
    child.on('close', (code, signal) => {
      if (code === 0 && /<html/i.test(stdout)) return finish(undefined);
      const said = firstLine(stderr) ?? firstLine(stdout);
      const how = code === null ? `was stopped by ${signal}` : code === 0 ? 'exited 0 without printing the page' : `exited ${code}`;
      finish(said ? `${how}: "${said}"` : how);
    });
  });
}

/** The first line a failing browser printed that is not Chromium's own log noise. */
function firstLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const line = lines.find((candidate) => !/^\[\d+:\d+:/.test(candidate)) ?? lines[0];
  if (line === undefined) return undefined;
  return escapeControl(line.length > 160 ? `${line.slice(0, 160)}…` : line);
}

/** A reason never repeats the value of the variable that named the browser. */
function maskExplicit(reason: string, candidate: BrowserCandidate, env: NodeJS.ProcessEnv): string {
  if (candidate.source !== 'CHROME_PATH' && candidate.source !== 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH') return reason;
  const value = env[candidate.source];
  return value ? reason.split(escapeControl(value)).join(`$${candidate.source}`) : reason;
}

/**
 * The one command that installs a headless-capable browser here, chosen by what the machine
 * has. Ubuntu's apt `chromium` is a snap stub that does not start in a job, so there (and where
 * no known package manager is found) Playwright's own installer fetches its Chromium.
 */
export function installCommand(options: LocateOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const has = (tool: string) => onPath(tool, env['PATH'] ?? '') !== undefined;
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const sudo = isRoot ? '' : 'sudo ';
  const playwright = 'npx playwright-core install chromium';
  if (platform === 'darwin') return has('brew') ? 'brew install --cask google-chrome' : playwright;
  if (platform !== 'linux') return playwright;
  const release = osRelease(options.osReleaseFile ?? '/etc/os-release');
  if (/\bubuntu\b/.test(release)) return playwright;
  if (has('apt-get')) return `${sudo}apt-get update && ${sudo}apt-get install -y chromium`;
  if (has('dnf')) return `${sudo}dnf install -y chromium`;
  if (has('zypper')) return `${sudo}zypper install -y chromium`;
  if (has('pacman')) return `${sudo}pacman -S --noconfirm chromium`;
  if (has('apk')) return `${sudo}apk add chromium`;
  return playwright;
}

/** The ID and ID_LIKE of /etc/os-release, lower case ('' when unreadable). */
function osRelease(file: string): string {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^ID(_LIKE)?=/.test(line))
      .join(' ')
      .toLowerCase();
  } catch {
    return '';
  }
}

/** What was tried and why none counts, in one clause. */
function whyNone(lookup: Extract<BrowserLookup, { found: false }>): string {
  if (lookup.rejected.length === 0) {
    return `none found (CHROME_PATH unset, no ${PATH_NAMES.join(', ')} on PATH, no macOS app, no Chromium installed by Playwright)`;
  }
  return `none starts headless (${lookup.rejected.map((r) => `${r.source === 'PATH' || r.source === 'macOS app' || r.source === 'Playwright' ? r.path : `$${r.source}`} ${r.reason}`).join('; ')})`;
}

/**
 * The one line said when no browser starts: outside CI what is skipped, under CI=true why the
 * browser tests fail. Either way, the command that installs one.
 */
export function browserMissingLine(lookup: Extract<BrowserLookup, { found: false }>, ci: boolean): string {
  const what = ci ? 'browser tests fail (CI=true needs a browser)' : 'browser tests skipped (test/browser-*.test.ts)';
  return `${what}: ${noBrowser(lookup)}`;
}

/** Why there is no browser, and how to get one. */
export function noBrowser(lookup: Extract<BrowserLookup, { found: false }>): string {
  return `no Chromium or Chrome: ${whyNone(lookup)}. Install one: ${lookup.install} (or set CHROME_PATH)`;
}

/** CI as the project's runners and GitHub Actions set it. */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['CI'];
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
