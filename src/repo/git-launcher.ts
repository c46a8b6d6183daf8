/**
 * Starts the gate's git processes through one small shell (`/bin/sh`) rather than from Node.
 * Node starts a child with a plain fork of its whole process (page tables copied), and its main
 * thread waits until the child has started: 10-20 ms per git call on these machines, about 0.15 s
 * of a check of the real workspace. A shell a few hundred KB in size forks in a fraction of that,
 * and Node waits for nothing: it writes a line and reads the answer later.
 *
 * The shell only ever starts git: each call is one line the launcher writes, with every part
 * (the folder, git's absolute path, each argument, the files for input and output) in single
 * quotes, so nothing from a repo or its config is read as shell syntax. Output goes to a file in
 * a folder of the launcher's own (mode 0700, removed when the last user is done, or when the
 * process exits first); the shell answers `<call> <exit status>` on its stdout.
 *
 * Where there is no shell (Windows), or when the shell fails to start or stops early, each
 * call runs straight from Node, as before: slower, same answers.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRegularFile } from '../core/atomic-file.ts';
import { gitEnv, gitProgram } from './git-env.ts';

/** One git call: its arguments (after `git`), its stdin, the folder it runs in. */
export interface GitCall {
  args: readonly string[];
  input?: string;
  cwd: string;
  /** Exit statuses that are answers, not failures (`git grep` exits 1 when nothing matched); 0 by default. */
  answeredBy?: readonly number[];
}

/** Git's stdout, or undefined when the call failed (another exit status, no git, no folder). */
export type GitAnswer = Buffer | undefined;

/** The most stdout a call may give (an `ls-tree` of a very large repo fits many times over). */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;
const DEFAULT_SHELL = '/bin/sh';

/** A shell-quoted word: the shell reads everything between single quotes as it is. */
const shellQuoted = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

/** Runs a call straight from Node (the way without a shell). */
export function runGitDirectly(call: GitCall, env: NodeJS.ProcessEnv = gitEnv()): Promise<GitAnswer> {
  return new Promise((resolve) => {
    try {
      const child = execFile(gitProgram(), [...call.args], { cwd: call.cwd, env, encoding: 'buffer', maxBuffer: MAX_OUTPUT_BYTES }, (error, output) =>
        resolve(error === null || answers(call, error.code) ? output : undefined),
      );
      child.on('error', () => resolve(undefined));
      child.stdin?.on('error', () => {}); // git may exit before reading all of it
      child.stdin?.end(call.input);
    } catch {
      resolve(undefined); // spawn refused synchronously (a cwd that is not a folder): git has no view
    }
  });
}

interface Waiting {
  call: GitCall;
  output: string;
  input: string | undefined;
  resolve: (answer: GitAnswer) => void;
}

/** One shell and its folder, shared by every user active at the same time. */
class ShellSession {
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;
  private pendingLine = '';
  private failed = false;
  private readonly child: ChildProcess;
  private readonly folder: string;
  private readonly git = gitProgram();
  private readonly env = gitEnv();
  /** A process that exits while the shell is open (an uncaught error) still removes the folder. */
  private readonly removeFolder = () => rmSync(this.folder, { recursive: true, force: true });

  constructor(shell: string) {
    this.folder = mkdtempSync(path.join(os.tmpdir(), 'mesh-docs-git-'));
    process.once('exit', this.removeFolder);
    const shellEnv = { ...this.env };
    // Startup files and `cd`'s search path are the only things a plain sh takes from its environment.
    for (const name of ['ENV', 'BASH_ENV', 'CDPATH']) delete shellEnv[name];
    this.child = spawn(shell, [], { cwd: this.folder, env: shellEnv, stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.on('error', () => this.fail());
    this.child.on('exit', () => this.fail());
    this.child.stdin?.on('error', () => this.fail());
    this.child.stdout?.setEncoding('utf8');
    this.child.stdout?.on('data', (chunk: string) => this.answered(chunk));
  }

  run(call: GitCall): Promise<GitAnswer> {
    // A NUL cannot be quoted for the shell; Node refuses it too, so the call fails as before.
    if (this.failed || [call.cwd, ...call.args].some((word) => word.includes('\0'))) return runGitDirectly(call, this.env);
    const id = this.next++;
    const output = path.join(this.folder, `${id}.out`);
    let input: string | undefined;
    try {
      if (call.input !== undefined) {
        input = path.join(this.folder, `${id}.in`);
        writeFileSync(input, call.input, { flag: 'wx', mode: 0o600 });
      }
    } catch {
      return runGitDirectly(call, this.env);
    }
    const words = [this.git, ...call.args].map(shellQuoted).join(' ');
    const line = `{ ( cd -P -- ${shellQuoted(call.cwd)} && exec ${words} <${shellQuoted(input ?? '/dev/null')} >${shellQuoted(output)} ) >/dev/null 2>&1; echo "${id} $?"; } &\n`;
    return new Promise((resolve) => {
      this.waiting.set(id, { call, output, input, resolve });
      this.child.stdin?.write(line);
    });
  }

  /** No more calls: the shell exits once its input ends, and the folder goes. */
  close(): void {
    this.child.stdin?.end();
    process.off('exit', this.removeFolder);
    this.removeFolder();
  }

  private answered(chunk: string): void {
    const lines = (this.pendingLine + chunk).split('\n');
    this.pendingLine = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^(\d+) (\d+)$/.exec(line);
      if (!match) continue;
      const id = Number(match[1]);
      const waiting = this.waiting.get(id);
      if (waiting === undefined) continue;
      this.waiting.delete(id);
      waiting.resolve(answers(waiting.call, Number(match[2])) ? readRegularFile(waiting.output, MAX_OUTPUT_BYTES) : undefined);
      rmSync(waiting.output, { force: true });
      if (waiting.input !== undefined) rmSync(waiting.input, { force: true });
    }
  }

  /** The shell is gone (or never started): every call still waiting runs from Node. */
  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    for (const [id, waiting] of this.waiting) {
      this.waiting.delete(id);
      runGitDirectly(waiting.call, this.env).then(waiting.resolve);
    }
  }
}

/** True when a call that ended with `status` answered (the status is a number: git ran and exited). */
const answers = (call: GitCall, status: unknown): boolean => typeof status === 'number' && (call.answeredBy ?? [0]).includes(status);

/** Runs git calls; `release` when done (the shell stops when no user is left). */
export interface GitLauncher {
  run(call: GitCall): Promise<GitAnswer>;
  release(): void;
}

let shared: { session: ShellSession; users: number; shell: string } | undefined;

/**
 * A launcher for a batch of git calls. Users active at the same time (the two repos a check
 * opens side by side) share one shell; a shell is started for the first and stopped after the
 * last. `shell` is the shell program (tests name one that is missing).
 */
export function gitLauncher(shell: string = DEFAULT_SHELL): GitLauncher {
  if (process.platform === 'win32') return { run: (call) => runGitDirectly(call), release() {} };
  if (shared === undefined || shared.shell !== shell) {
    try {
      shared = { session: new ShellSession(shell), users: 0, shell };
    } catch {
      return { run: (call) => runGitDirectly(call), release() {} }; // no temp folder: straight from Node
    }
  }
  const mine = shared;
  mine.users += 1;
  let released = false;
  return {
    run: (call) => mine.session.run(call),
    release() {
      if (released) return;
      released = true;
      mine.users -= 1;
      if (mine.users > 0) return;
      mine.session.close();
      if (shared === mine) shared = undefined;
    },
  };
}
