/**
 * A word the gate cannot know fails closed. Command substitution (`$(...)`, backticks) always
 * does: its value comes from running something the gate never runs. A parameter expansion
 * (`$NODE`) is allowed only where any value would do (a free positional value such as a node
 * address); where the resolver needs the value (subcommand, flag, script path, package, test,
 * npm script) it fails closed. Marking the command skipped still works.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCliModels } from '../src/gate/resolvers/meshc.ts';
import { resolveCommand } from '../src/gate/resolvers/registry.ts';
import type { ResolveContext } from '../src/core/types.ts';
import { commandsOf } from './helpers/parse-commands.ts';
import { makeRepoView } from './helpers/fs-repo.ts';

const sampleRoot = fileURLToPath(new URL('../sample-workspace/mesh-lang', import.meta.url));
const context: ResolveContext = { repo: makeRepoView(sampleRoot), siteScripts: { build: 'astro build' } };
beforeAll(async () => {
  await prepareCliModels(context.repo);
});

const findings = (text: string, skipReason?: string) =>
  commandsOf(text, skipReason ? { skipReason } : {}).flatMap((command) => resolveCommand(command, context));

describe('words the gate cannot know', () => {
  it.each([
    'meshc $(id)',
    'meshc `id`',
    'meshc cluster status $(hostname)',
    'bash scripts/verify-m053-s01.sh $(cat args)',
  ])('%s fails closed: command substitution', (text) => {
    const found = findings(text);
    expect(found.map((d) => d.code)).toEqual(['command-dynamic-word']);
    expect(found[0]!.message).toMatch(/command substitution/);
    expect(found[0]!.suggestion).toMatch(/gate-skip/);
  });

  it.each([
    ['meshc $CMD', '$CMD'],
    ['meshc --$FLAG build .', '--$FLAG'],
    ['bash scripts/$RAIL.sh', 'scripts/$RAIL.sh'],
    ['cargo test -p $PKG', '$PKG'],
    ['cargo test -p meshc --test $TEST', '$TEST'],
    ['npm --prefix website run $SCRIPT', '$SCRIPT'],
  ])('%s fails closed: the resolver needs the value of %s', (text, word) => {
    const found = findings(text);
    expect(found.map((d) => d.code)).toEqual(['command-dynamic-word']);
    expect(found[0]!.message).toContain(word);
    expect(found[0]!.position.column).toBe(text.indexOf(word) + 1);
  });

  it.each(['meshc cluster status $NODE', 'meshc cluster status "${NODE}" --json'])('%s passes: any node address would do', (text) => {
    expect(findings(text)).toEqual([]);
  });

  it('placeholders stay allowed, and a skipped command is not resolved', () => {
    expect(findings('meshc cluster status <node-name@host:port>')).toEqual([]);
    expect(findings('meshc $(id)', 'runs in a generated project')).toEqual([]);
  });
});
