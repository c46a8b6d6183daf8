import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCliArgs } from '../src/gate/clap/check-args.ts';
import type { CliModel, CommandSpec } from '../src/gate/clap/model.ts';
import { isCliModel, loadCliModel } from '../src/gate/clap/parse-clap.ts';
import { cmd } from './helpers/command.ts';
import { makeRepoView } from './helpers/fs-repo.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (repo-relative path => text) into a fresh temp folder. */
function fixtureRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'clap-model-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function modelOf(files: Record<string, string>, mainPath = 'tool/src/main.rs'): Promise<CliModel> {
  const result = await loadCliModel(makeRepoView(fixtureRepo(files)), { bin: 'tool', mainPath });
  if (!isCliModel(result)) throw new Error(result.error);
  return result;
}

function sub(command: CommandSpec, ...names: string[]): CommandSpec {
  let current = command;
  for (const name of names) {
    const next = current.subcommands.find((s) => s.name === name);
    if (!next) throw new Error(`no subcommand ${name} under ${current.name}`);
    current = next;
  }
  return current;
}

const flag = (command: CommandSpec, long: string) => command.flags.find((f) => f.long === long);

const MAIN = `
mod ops;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The tool root
#[derive(Parser)]
#[command(name = "tool", version)]
struct Cli {
    /// Say more
    #[arg(short, long, global = true)]
    verbose: bool,

    #[command(flatten)]
    common: Common,

    #[command(subcommand)]
    command: Option<Commands>,
}

#[derive(Args)]
struct Common {
    /// Config file to read
    #[arg(long = "config-file", short = 'c')]
    config: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Commands {
    /// Make a thing
    ///
    /// A longer description that is not the help line.
    MakeThing {
        /// Name of the thing
        name: String,
        /// How to make it
        #[arg(long, value_enum, default_value_t = Mode::Fast)]
        mode: Mode,
        #[arg(long)]
        kind: Option<Kind>,
        #[arg(long, value_parser = ["red", "green"])]
        colour: Option<String>,
        #[arg(short = 'n', long, action = clap::ArgAction::Count)]
        noise: u8,
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        port: Option<u16>,
        files: Vec<std::path::PathBuf>,
    },
    /// Operate things
    Ops {
        #[command(subcommand)]
        action: ops::OpsCommand,
    },
    #[command(name = "ls")]
    List,
    Show(ShowArgs),
    #[command(skip)]
    Hidden,
    some_macro!(),
}

/// Show one thing
#[derive(Args)]
struct ShowArgs {
    id: u32,
    #[arg(default_value = "all")]
    part: String,
    #[arg(long)]
    raw_bytes: bool,
}

#[derive(ValueEnum, Clone)]
enum Mode {
    Fast,
    #[value(name = "slow-and-steady")]
    Slow,
    VeryCareful,
}

#[derive(Clone, clap::ValueEnum)]
enum Kind { Alpha, Beta }

fn main() {}
`;

const OPS = `
mod nested;

use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum OpsCommand {
    /// Restart a unit
    Restart(nested::RestartArgs),
    /// Stop a unit
    Stop(StopArgs),
}

#[derive(Args)]
pub struct StopArgs {
    pub unit: String,
    #[arg(long)]
    pub force: bool,
}
`;

const NESTED = `
use clap::Args;

#[derive(Args)]
pub struct RestartArgs {
    /// The unit to restart
    pub unit: String,
    /// Seconds to wait
    #[arg(long, default_value_t = 5)]
    pub wait_secs: u64,
}
`;

const FILES = { 'tool/src/main.rs': MAIN, 'tool/src/ops.rs': OPS, 'tool/src/ops/nested.rs': NESTED };

describe('loadCliModel', () => {
  it('reads the Parser struct as the root, with flatten, global flags and version', async () => {
    const { name, root } = await modelOf(FILES);
    expect(name).toBe('tool');
    expect(root.help).toBe('The tool root');
    expect(root.subcommandRequired).toBe(false); // Option<Commands>
    expect(flag(root, 'verbose')).toMatchObject({ short: 'v', takesValue: false, global: true, help: 'Say more' });
    expect(flag(root, 'config-file')).toMatchObject({ short: 'c', takesValue: true, global: false });
    expect(flag(root, 'version')).toMatchObject({ short: 'V', action: 'version' });
    expect(flag(root, 'help')).toMatchObject({ short: 'h', action: 'help' });
    expect(root.source).toEqual({ path: 'tool/src/main.rs', line: 9 });
  });

  it('names variants in kebab-case, honours name = "...", skips #[command(skip)] and macros', async () => {
    const { root } = await modelOf(FILES);
    expect(root.subcommands.map((s) => s.name)).toEqual(['make-thing', 'ops', 'ls', 'show']);
  });

  it('reads struct-variant fields as flags and positionals', async () => {
    const make = sub((await modelOf(FILES)).root, 'make-thing');
    expect(make.help).toBe('Make a thing');
    expect(make.positionals).toEqual([
      { name: 'name', required: true, multiple: false, help: 'Name of the thing' },
      { name: 'files', required: false, multiple: true },
    ]);
    expect(flag(make, 'mode')).toMatchObject({ takesValue: true, values: ['fast', 'slow-and-steady', 'very-careful'] });
    expect(flag(make, 'kind')?.values).toEqual(['alpha', 'beta']); // ValueEnum by type alone
    expect(flag(make, 'colour')?.values).toEqual(['red', 'green']);
    expect(flag(make, 'noise')).toMatchObject({ short: 'n', takesValue: false });
    expect(flag(make, 'port')).toMatchObject({ takesValue: true });
    expect(flag(make, 'port')?.values).toBeUndefined();
    expect(flag(make, 'version')).toBeUndefined(); // no propagate_version
  });

  it('follows a module path to a nested Subcommand enum and its Args structs', async () => {
    const { root } = await modelOf(FILES);
    const ops = sub(root, 'ops');
    expect(ops.subcommandRequired).toBe(true);
    expect(ops.subcommands.map((s) => s.name)).toEqual(['restart', 'stop']);
    const restart = sub(root, 'ops', 'restart');
    expect(restart.help).toBe('Restart a unit');
    expect(restart.positionals).toEqual([{ name: 'unit', required: true, multiple: false, help: 'The unit to restart' }]);
    expect(flag(restart, 'wait-secs')).toMatchObject({ takesValue: true, help: 'Seconds to wait' });
    expect(restart.source.path).toBe('tool/src/ops.rs');
    expect(flag(sub(root, 'ops', 'stop'), 'force')).toMatchObject({ takesValue: false });
  });

  it('reads tuple variants to Args structs in the same file; defaults make positionals optional', async () => {
    const show = sub((await modelOf(FILES)).root, 'show');
    expect(show.help).toBe('Show one thing');
    expect(show.positionals.map((p) => [p.name, p.required])).toEqual([
      ['id', true],
      ['part', false],
    ]);
    expect(flag(show, 'raw-bytes')).toBeDefined();
    const list = sub((await modelOf(FILES)).root, 'ls');
    expect(list.positionals).toEqual([]);
    expect(list.flags.map((f) => f.long)).toEqual(['help']);
  });

  it('finds `mod x;` as x/mod.rs, and a required subcommand field', async () => {
    const { root } = await modelOf({
      'tool/src/main.rs': `
        mod cluster;
        #[derive(clap::Parser)]
        struct Cli { #[clap(subcommand)] command: Commands }
        #[derive(clap::Subcommand)]
        enum Commands { Cluster { #[clap(subcommand)] action: cluster::ClusterCommand } }
      `,
      'tool/src/cluster/mod.rs': `
        #[derive(Subcommand)]
        pub enum ClusterCommand { Status(StatusArgs) }
        #[derive(Args)]
        pub struct StatusArgs { pub target: String, #[arg(long)] pub json: bool }
      `,
    });
    expect(root.subcommandRequired).toBe(true);
    expect(flag(root, 'version')).toBeUndefined();
    expect(sub(root, 'cluster', 'status').positionals.map((p) => p.name)).toEqual(['target']);
  });

  it('returns an error (never throws) when main.rs is missing or has no Parser', async () => {
    const repo = makeRepoView(fixtureRepo({ 'tool/src/main.rs': 'fn main() { let x = ; }' }));
    const missing = await loadCliModel(repo, { bin: 'tool', mainPath: 'tool/src/nope.rs' });
    expect(missing).toEqual({ error: expect.stringContaining('tool/src/nope.rs') });
    const noParser = await loadCliModel(repo, { bin: 'tool', mainPath: 'tool/src/main.rs' });
    expect(noParser).toEqual({ error: expect.stringContaining('#[derive(Parser)]') });
  });

  it('survives broken Rust and a mod cycle via #[path]', async () => {
    const model = await modelOf({
      'tool/src/main.rs': `
        #[path = "main.rs"] mod again;
        #[derive(Parser)] struct Cli { #[arg(long)] ok: bool, broken: , }
        impl Cli { fn x(&self) {} }
      `,
    });
    expect(flag(model.root, 'ok')).toBeDefined();
  });

  it('caches per repo and notices changed files', async () => {
    const dir = fixtureRepo(FILES);
    const repo = makeRepoView(dir);
    const entry = { bin: 'tool', mainPath: 'tool/src/main.rs' };
    const first = await loadCliModel(repo, entry);
    expect(await loadCliModel(repo, entry)).toBe(first);
    writeFileSync(join(dir, 'tool/src/ops/nested.rs'), NESTED.replace('wait_secs', 'delay'));
    const second = await loadCliModel(repo, entry);
    expect(second).not.toBe(first);
    if (!isCliModel(second)) throw new Error(second.error);
    expect(flag(sub(second.root, 'ops', 'restart'), 'delay')).toBeDefined();
  });
});

describe('checkCliArgs', () => {
  const check = async (text: string, complete = true) =>
    checkCliArgs(await modelOf(FILES), cmd(`tool ${text}`).words.slice(1), { complete });
  const kinds = async (text: string, complete = true) => (await check(text, complete)).map((f) => f.kind);

  it('accepts flag forms: --flag=value, short clusters, attached short values, globals below', async () => {
    expect(await kinds('make-thing x --mode=fast -vnn a b c')).toEqual([]);
    expect(await kinds('-cconf.toml make-thing x')).toEqual([]);
    expect(await kinds('-c=conf.toml ops restart u --wait-secs 3 --verbose')).toEqual([]);
    expect(await kinds('show 1 -- --not-a-flag')).toEqual([]);
  });

  it('rejects non-global parent flags below their command', async () => {
    const [finding] = await check('show 1 --config-file x');
    expect(finding).toMatchObject({ kind: 'unknown-flag', wordIndex: 2 });
  });

  it('checks values of value-enum flags with a did-you-mean', async () => {
    const [finding] = await check('make-thing x --mode slw-and-steady');
    expect(finding).toMatchObject({ kind: 'bad-value', wordIndex: 3 });
    expect(finding?.suggestion).toContain('slow-and-steady');
    expect(await kinds('make-thing x --mode <mode>')).toEqual([]);
    expect(await kinds('make-thing x --verbose=yes')).toEqual(['bad-value']);
  });

  it('reports a missing subcommand, positional or value only where it matters', async () => {
    expect(await kinds('ops')).toEqual(['missing-argument']);
    expect(await kinds('ops', false)).toEqual([]);
    expect(await kinds('ops stop')).toEqual(['missing-argument']);
    expect(await kinds('make-thing x --mode')).toEqual(['missing-value']);
    expect(await kinds('make-thing x --mode', false)).toEqual([]);
    expect(await kinds('make-thing x --mode --verbose', false)).toEqual(['missing-value']);
    expect(await kinds('ops stop --help')).toEqual([]);
    expect(await kinds('')).toEqual([]); // the subcommand is optional at the root
  });

  it('reports extra positionals once, and suggests close subcommands', async () => {
    const extra = await check('show 1 part more even-more');
    expect(extra).toHaveLength(1);
    expect(extra[0]).toMatchObject({ kind: 'extra-argument', wordIndex: 3 });
    const [typo] = await check('ops restrat u');
    expect(typo).toMatchObject({ kind: 'unknown-subcommand', wordIndex: 1 });
    expect(typo?.suggestion).toContain('restart');
    const [far] = await check('zzz');
    expect(far?.suggestion).toContain('make-thing, ops, ls, show');
  });

  it('stops at words it cannot judge', async () => {
    expect(await kinds('<command> --whatever')).toEqual([]);
    expect(await kinds('ops $ACTION x y z')).toEqual([]);
  });
});
