/**
 * The browser locator with fake browsers: shell scripts in a temp PATH that behave like a
 * Chromium that starts headless, like Ubuntu's snap stub, or like a browser that hangs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserMissingLine, installCommand, locateBrowser, type BrowserLookup, type LocateOptions } from './helpers/locate-browser.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';

afterAll(removeTempDirs);

/** Prints the blank page only when asked headless with --dump-dom, as Chromium does. */
const WORKS = `#!/bin/sh
case " $* " in *" --headless "*" --dump-dom "*) echo '<html><head></head><body></body></html>'; exit 0;; esac
echo "not headless: $*" >&2
exit 1
`;
/** What Ubuntu's apt installs as chromium-browser when snapd cannot run it. */
const SNAP_STUB = `#!/bin/sh
echo "Command '$0' requires the chromium snap to be installed." >&2
echo "Please install it with:" >&2
echo >&2
echo "snap install chromium" >&2
exit 1
`;
const HANGS = '#!/bin/sh\nsleep 30\n';

/** A folder of executables named as given. */
function bin(files: Record<string, string>): string {
  const dir = makeTempDir('mesh-browser-bin-');
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { mode: 0o755 });
  }
  return dir;
}

/** Looks up with only these env vars, no macOS apps, no Playwright browser unless given. */
function locate(env: NodeJS.ProcessEnv, options: LocateOptions = {}): Promise<BrowserLookup> {
  return locateBrowser({ env, platform: 'linux', playwrightExecutable: () => undefined, osReleaseFile: '/nonexistent', isRoot: true, ...options });
}

const missing = (lookup: BrowserLookup) => {
  if (lookup.found) throw new Error(`expected no browser, found ${lookup.path}`);
  return lookup;
};

describe('the browser locator', () => {
  it('takes CHROME_PATH first, even with a browser on PATH', async () => {
    const explicit = bin({ 'my-chrome': WORKS });
    const onPath = bin({ chromium: WORKS });
    expect(await locate({ CHROME_PATH: path.join(explicit, 'my-chrome'), PATH: onPath })).toMatchObject({
      found: true,
      path: path.join(explicit, 'my-chrome'),
      source: 'CHROME_PATH',
    });
    expect(await locate({ PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: path.join(explicit, 'my-chrome'), PATH: onPath })).toMatchObject({
      found: true,
      source: 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH',
    });
  });

  it('a CHROME_PATH that does not start is the answer, with its reason and without its value', async () => {
    const explicit = bin({ 'chromium-browser': SNAP_STUB });
    const lookup = missing(await locate({ CHROME_PATH: path.join(explicit, 'chromium-browser'), PATH: bin({ chromium: WORKS }) }));
    expect(lookup.rejected).toEqual([
      {
        source: 'CHROME_PATH',
        path: path.join(explicit, 'chromium-browser'),
        reason: `exited 1: "Command '$CHROME_PATH' requires the chromium snap to be installed."`,
      },
    ]);
    expect(browserMissingLine(lookup, false)).not.toContain(explicit);
  });

  it('finds a browser on PATH, in the documented order of names', async () => {
    const early = bin({ 'google-chrome': WORKS });
    const late = bin({ chromium: WORKS, 'google-chrome-stable': WORKS });
    // chromium comes before google-chrome whatever the PATH order; the first folder wins per name.
    expect(await locate({ PATH: [early, late].join(path.delimiter) })).toMatchObject({ found: true, path: path.join(late, 'chromium'), source: 'PATH' });
    expect(await locate({ PATH: [bin({ chromium: WORKS }), late].join(path.delimiter) })).toMatchObject({ found: true, source: 'PATH' });
    expect(await locate({ PATH: early })).toMatchObject({ found: true, path: path.join(early, 'google-chrome') });
  });

  it('passes over a snap stub that fails to start, says why, and takes the next browser', async () => {
    const dir = bin({ 'chromium-browser': SNAP_STUB, 'google-chrome': WORKS });
    const lookup = await locate({ PATH: dir });
    expect(lookup).toMatchObject({ found: true, path: path.join(dir, 'google-chrome') });
    expect(lookup.rejected).toEqual([
      { source: 'PATH', path: path.join(dir, 'chromium-browser'), reason: `exited 1: "Command '${path.join(dir, 'chromium-browser')}' requires the chromium snap to be installed."` },
    ]);
  });

  it('a browser that hangs counts as not found, stopped at the ceiling', async () => {
    const dir = bin({ chromium: HANGS });
    const started = Date.now();
    const lookup = missing(await locate({ PATH: dir }, { probeTimeoutMs: 1_000 }));
    expect(lookup.rejected[0]!.reason).toBe('did not start headless within 1 s');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a non-executable file or a folder named chromium is not a candidate', async () => {
    const dir = bin({});
    writeFileSync(path.join(dir, 'chromium'), WORKS, { mode: 0o644 });
    mkdirSync(path.join(dir, 'google-chrome'));
    expect(missing(await locate({ PATH: dir })).rejected).toEqual([]);
  });

  it('looks in the macOS application folders, and for the Chromium Playwright installed', async () => {
    const home = bin({ 'Applications/Chromium.app/Contents/MacOS/Chromium': WORKS });
    expect(await locate({ HOME: home, PATH: '' }, { platform: 'darwin' })).toMatchObject({
      found: true,
      path: path.join(home, 'Applications/Chromium.app/Contents/MacOS/Chromium'),
      source: 'macOS app',
    });
    const cache = bin({ 'chrome-linux64/chrome': WORKS });
    expect(await locate({ PATH: '' }, { playwrightExecutable: () => path.join(cache, 'chrome-linux64/chrome') })).toMatchObject({ found: true, source: 'Playwright' });
    // Playwright names a path it would download to; nothing there is no candidate.
    expect(missing(await locate({ PATH: '' }, { playwrightExecutable: () => path.join(cache, 'absent/chrome') })).rejected).toEqual([]);
  });

  it('nothing found outside CI: one line says the browser tests are skipped, why, and the install command', async () => {
    const lookup = missing(await locate({ PATH: bin({ 'chromium-browser': SNAP_STUB, 'apt-get': '#!/bin/sh\n' }) }));
    const line = browserMissingLine(lookup, false);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^browser tests skipped \(test\/browser-\*\.test\.ts\): no Chromium or Chrome: none starts headless \(\S+\/chromium-browser exited 1: "Command '.*' requires the chromium snap to be installed\."\)\. /);
    expect(line).toMatch(/Install one: apt-get update && apt-get install -y chromium \(or set CHROME_PATH\)$/);
    expect(browserMissingLine(missing(await locate({ PATH: bin({}) })), false)).toContain('none found (CHROME_PATH unset, no chromium, chromium-browser, google-chrome-stable, google-chrome on PATH');
  });

  it('nothing found under CI=true: the same line says the browser tests fail', async () => {
    const lookup = missing(await locate({ PATH: bin({}), CI: 'true' }));
    const line = browserMissingLine(lookup, true);
    expect(line).toMatch(/^browser tests fail \(CI=true needs a browser\): no Chromium or Chrome: none found/);
    expect(line.split('\n')).toHaveLength(1);
  });
});

describe('the install command', () => {
  const tools = (...names: string[]) => bin(Object.fromEntries(names.map((name) => [name, '#!/bin/sh\n'])));
  const release = (id: string) => {
    const dir = bin({});
    writeFileSync(path.join(dir, 'os-release'), `NAME="X"\nID=${id}\n`);
    return path.join(dir, 'os-release');
  };

  it('uses the package manager the machine has, with sudo unless root', () => {
    expect(installCommand({ env: { PATH: tools('apt-get') }, platform: 'linux', osReleaseFile: release('debian'), isRoot: false })).toBe(
      'sudo apt-get update && sudo apt-get install -y chromium',
    );
    expect(installCommand({ env: { PATH: tools('dnf') }, platform: 'linux', osReleaseFile: release('fedora'), isRoot: true })).toBe('dnf install -y chromium');
    expect(installCommand({ env: { PATH: tools('brew') }, platform: 'darwin' })).toBe('brew install --cask google-chrome');
  });

  it("on Ubuntu (apt's chromium is a snap stub) and without a known package manager, Playwright's installer", () => {
    expect(installCommand({ env: { PATH: tools('apt-get') }, platform: 'linux', osReleaseFile: release('ubuntu'), isRoot: true })).toBe('npx playwright-core install chromium');
    expect(installCommand({ env: { PATH: tools() }, platform: 'linux', osReleaseFile: release('debian') })).toBe('npx playwright-core install chromium');
    expect(installCommand({ env: { PATH: tools() }, platform: 'darwin' })).toBe('npx playwright-core install chromium');
  });
});
