/**
 * npm commands: `npm [--prefix D] run S [-- args]` (and `run-script`, `test`, `start`,
 * `install`/`ci`). The folder must have a committed package.json with script S. The docs site
 * is the repo's `website/` folder, so when the checked repo has no website/package.json (the
 * bundled sample), `website` scripts come from this site's own package.json.
 */
import { SITE_FOLDER_IN_REPO } from '../../core/site-paths.ts';
import { suggestName } from '../../core/did-you-mean.ts';
import type { CommandOccurrence, CommandResolver, CommandWord, Diagnostic, ResolveContext } from '../../core/types.ts';
import { makeDiagnostic, unknownCwdDiagnostic } from '../../core/diagnostic.ts';
import { isNotCommitted, notCommittedFix, notCommittedState } from './not-committed.ts';
import { hasUnknownCwd, isUnknowable } from './words.ts';

export { SITE_FOLDER_IN_REPO };

const RUN_ALIASES = new Set(['run', 'run-script', 'rum', 'urn']);
const SCRIPT_SHORTHANDS: Readonly<Record<string, string>> = { test: 'test', t: 'test', tst: 'test', start: 'start', stop: 'stop', restart: 'restart' };
const INSTALL_COMMANDS = new Set(['install', 'i', 'ci', 'clean-install']);
const PREFIX_FLAGS = new Set(['--prefix', '-C']);
const QUIET_FLAGS = new Set(['--silent', '-s', '--quiet', '-q', '--if-present', '--loglevel=silent', '--no-audit', '--no-fund']);

type NpmAction = { kind: 'script'; script: CommandWord; nameWord: CommandWord } | { kind: 'install' };

interface NpmCall {
  prefix?: CommandWord;
  action: NpmAction;
}

/** The prefix folder and what npm is asked to do; undefined for shapes the gate does not check. */
export function parseNpmCall(words: readonly CommandWord[]): NpmCall | undefined {
  if (words[0]?.value !== 'npm') return undefined;
  let prefix: CommandWord | undefined;
  let action: NpmAction | undefined;
  let index = 1;
  while (index < words.length) {
    const word = words[index] as CommandWord;
    const value = word.value;
    if (value === '--') break;
    if (PREFIX_FLAGS.has(value)) {
      prefix = words[index + 1];
      if (prefix === undefined) return undefined;
      index += 2;
      continue;
    }
    if (value.startsWith('--prefix=')) {
      prefix = { ...word, value: value.slice('--prefix='.length) };
      index += 1;
      continue;
    }
    if (QUIET_FLAGS.has(value) || (action !== undefined && value.startsWith('-'))) {
      index += 1;
      continue;
    }
    if (action !== undefined) {
      if (action.kind === 'script') break; // arguments of the script
      index += 1;
      continue; // `npm install pkg` names are not checked
    }
    if (word.placeholder || word.dynamic || value.startsWith('-')) return undefined;
    if (RUN_ALIASES.has(value)) {
      const script = words[index + 1];
      if (script === undefined || script.value.startsWith('-')) return undefined;
      action = { kind: 'script', script, nameWord: script };
      index += 2;
      continue;
    }
    const shorthand = SCRIPT_SHORTHANDS[value];
    if (shorthand !== undefined) {
      action = { kind: 'script', script: { ...word, value: shorthand }, nameWord: word };
    } else if (INSTALL_COMMANDS.has(value)) {
      action = { kind: 'install' };
    } else {
      return undefined;
    }
    index += 1;
  }
  if (action === undefined) return undefined;
  return prefix === undefined ? { action } : { prefix, action };
}

export const npmResolver: CommandResolver = {
  id: 'npm',
  matches: (command) => parseNpmCall(command.words) !== undefined,
  resolve(command, context) {
    const call = parseNpmCall(command.words);
    if (call === undefined) return [];
    if (call.prefix !== undefined && isUnknowable(call.prefix)) return [];
    const position = call.prefix?.position ?? command.position;
    if (hasUnknownCwd(command)) return [unknownCwdDiagnostic(command, position)];
    const folder = context.repo.normalise(call.prefix?.value ?? '.', command.cwd);
    if (folder === undefined) {
      return [
        makeDiagnostic({
          code: 'path-outside-repo',
          position,
          subject: command.text,
          message: `The npm folder ${call.prefix?.value ?? '.'} is outside the repo root.`,
          suggestion: 'use --prefix with a folder relative to the repo root',
        }),
      ];
    }
    const scripts = scriptsOf(folder, context);
    if (scripts === undefined) return [missingPackageJson(command, folder, position, context)];
    if (call.action.kind === 'install') return [];
    const { script, nameWord } = call.action;
    if (isUnknowable(script) || Object.hasOwn(scripts, script.value)) return [];
    return [
      makeDiagnostic({
        code: 'npm-unknown-script',
        position: nameWord.position,
        subject: command.text,
        message: `${packageJsonPath(folder)} has no script named ${script.value}.`,
        suggestion: suggestName(script.value, Object.keys(scripts)) ?? `add a "${script.value}" script to ${packageJsonPath(folder)}`,
      }),
    ];
  },
};

/**
 * Scripts of `<folder>/package.json`, or undefined when it is not committed. The site folder
 * maps to the site's own scripts when the repo is the bundled sample or lacks its own file.
 */
export function scriptsOf(folder: string, context: ResolveContext): Record<string, string> | undefined {
  const file = packageJsonPath(folder);
  const repo = context.repo;
  if (folder === SITE_FOLDER_IN_REPO && (repo.kind === 'sample' || repo.fileStatus(file) !== 'tracked')) {
    return context.siteScripts;
  }
  const text = repo.read(file);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const scripts = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['scripts'] : undefined;
    if (typeof scripts !== 'object' || scripts === null) return {};
    return Object.fromEntries(Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {}; // unreadable JSON has no scripts the gate can confirm
  }
}

function missingPackageJson(command: CommandOccurrence, folder: string, position: CommandOccurrence['position'], context: ResolveContext): Diagnostic {
  const file = packageJsonPath(folder);
  const status = context.repo.fileStatus(file);
  const present = isNotCommitted(status);
  return makeDiagnostic({
    code: 'npm-no-package-json',
    position,
    subject: command.text,
    message: present
      ? `${file} ${notCommittedState(status)}.`
      : `The folder ${folder || '.'} has no package.json, so npm has nothing to run there.`,
    suggestion: present ? notCommittedFix(status, file) : 'point --prefix at a folder with a package.json (for example website)',
  });
}

function packageJsonPath(folder: string): string {
  return folder === '' ? 'package.json' : `${folder}/package.json`;
}
