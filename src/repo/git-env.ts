/**
 * How every `git` call of the gate runs, so that no program a config names can run: the gate
 * reads repos it does not own (a pull request's checkout, a sibling folder), and git config can
 * name programs that git starts on its own. Checked against git's documentation, by key:
 * - `core.fsmonitor` (status starts it): `-c core.fsmonitor=false`;
 * - hooks (`post-index-change` and the rest): `-c core.hooksPath=/dev/null`, and no index write
 *   (`--no-optional-locks`, given by the status call);
 * - clean/smudge/process filters (status hashes a stat-dirty file through `clean`): every
 *   filter driver a config defines is emptied (`-c filter.<name>.clean=` …; git runs no empty
 *   filter command) and made optional (`filter.<name>.required=false`);
 * - diff drivers (`diff.external`, `diff.<name>.command`, `textconv`) run only for diffs and
 *   for `grep --textconv`: the gate asks for neither, and `GIT_EXTERNAL_DIFF` is dropped;
 * - pagers (`core.pager`, `pager.<cmd>`, `GIT_PAGER`): `--no-pager`, and git's output is a pipe;
 * - credential helpers, askpass and ssh run only for the network, which the gate never uses;
 *   `GIT_TERMINAL_PROMPT=0` and an empty `credential.helper` all the same;
 * - submodules (their own config): `status --ignore-submodules=all`;
 * - system and global config, and config through the environment (`GIT_CONFIG_*`, set by a
 *   CI or a hook): not read (`GIT_CONFIG_NOSYSTEM=1`, `GIT_CONFIG_GLOBAL=/dev/null`, every
 *   other `GIT_*` variable dropped). `safe.directory` lives there, so the command line marks
 *   every folder safe: git's ownership check exists to stop another user's config from running
 *   programs, which the switches above already stop.
 */

import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Options before the subcommand (`git <these> status …`). */
export const GIT_SAFE_OPTIONS: readonly string[] = [
  '--no-pager',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.pager=cat',
  '-c', 'credential.helper=',
  '-c', 'safe.directory=*',
];

/** `git config` output listing every filter driver a repo's config defines. */
export const FILTER_CONFIG_ARGS: readonly string[] = ['config', '--null', '--name-only', '--get-regexp', '^filter\\.'];

/** `-c` options that empty every filter driver named in `FILTER_CONFIG_ARGS` output. */
export function filterOverrides(configOutput: string | undefined): string[] {
  const names = new Set<string>();
  for (const key of (configOutput ?? '').split('\0')) {
    const match = /^filter\.(.+)\.[^.]+$/s.exec(key.trim());
    if (match && !/[=\n]/.test(match[1]!)) names.add(match[1]!);
  }
  return [...names].flatMap((name) => ['-c', `filter.${name}.clean=`, '-c', `filter.${name}.smudge=`, '-c', `filter.${name}.process=`, '-c', `filter.${name}.required=false`]);
}

export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Everything but git's own variables (location, config, pager, external diff, trace files…).
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('GIT_')) env[name] = value;
  env['GIT_CONFIG_NOSYSTEM'] = '1';
  env['GIT_CONFIG_GLOBAL'] = '/dev/null';
  env['GIT_TERMINAL_PROMPT'] = '0';
  env['GIT_PAGER'] = 'cat';
  env['PAGER'] = 'cat';
  return env;
}

const found = new Map<string, string>();

/**
 * The git program to start: its absolute path, found on PATH the way the OS would find `git`,
 * but only in absolute folders (a relative entry such as `.` would be looked up in the checked
 * repo, which the gate does not trust). Looking it up once per process also spares every git
 * call the failed starts in the PATH folders before git's: Node waits for a child's program to
 * start, and npm puts several folders first (about 5 ms per call on the real workspace).
 * Plain `git` when no folder has it (or on Windows, where PATHEXT decides), so the call
 * fails as it did before.
 */
export function gitProgram(): string {
  const searched = process.env['PATH'] ?? '';
  const known = found.get(searched);
  if (known !== undefined) return known;
  let program = 'git';
  if (process.platform !== 'win32') {
    for (const folder of searched.split(path.delimiter)) {
      if (!path.isAbsolute(folder)) continue;
      const candidate = path.join(folder, 'git');
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
      } catch {
        continue;
      }
      program = candidate;
      break;
    }
  }
  found.set(searched, program);
  return program;
}
