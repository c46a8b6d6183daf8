import { describe, expect, it } from 'vitest';
import { UNKNOWN_CWD } from '../src/gate/shell/cwd.ts';
import { parseShell, type ShellInput } from '../src/gate/shell/parse-line.ts';
import { extractFromSteps } from '../src/gate/extract/rails-yaml.ts';
import type { CommandOccurrence } from '../src/core/types.ts';

const at = { file: 'page.md', line: 10, column: 1 };

function parse(text: string, extra: Partial<ShellInput> = {}) {
  return parseShell({ text, at, origin: 'code-block', ...extra });
}

const values = (command: CommandOccurrence | undefined) => command?.words.map((w) => w.value);
const place = (w: { position: { line: number; column: number } } | undefined) => w && [w.position.line, w.position.column];

describe('placeholders', () => {
  it('keeps <...> words as placeholder words with exact columns', () => {
    const { commands, diagnostics } = parse('meshc cluster continuity <node-name@host:port> <request-key> --json');
    expect(diagnostics).toEqual([]);
    expect(commands).toHaveLength(1);
    const words = commands[0]!.words;
    expect(words.map((w) => w.value)).toEqual([
      'meshc',
      'cluster',
      'continuity',
      '<node-name@host:port>',
      '<request-key>',
      '--json',
    ]);
    expect(words.map((w) => w.placeholder)).toEqual([false, false, false, true, true, false]);
    expect(words.map((w) => w.position.column)).toEqual([1, 7, 15, 26, 48, 62]);
    expect(words.every((w) => w.position.line === 10 && w.position.file === 'page.md')).toBe(true);
  });

  it('marks a word holding a placeholder, [optional] words and ... as placeholders', () => {
    const [command] = parse('bash scripts/verify-<slug>.sh [dir] ... --limit=<n> plain').commands;
    expect(command!.words.map((w) => [w.value, w.placeholder])).toEqual([
      ['bash', false],
      ['scripts/verify-<slug>.sh', true],
      ['[dir]', true],
      ['...', true],
      ['--limit=<n>', true],
      ['plain', false],
    ]);
  });

  it('leaves real redirections alone', () => {
    const [command] = parse('bash scripts/x.sh > out.log 2>&1 < input.txt').commands;
    expect(values(command)).toEqual(['bash', 'scripts/x.sh']);
    expect(command!.text).toBe('bash scripts/x.sh > out.log 2>&1 < input.txt');
  });
});

describe('continuations', () => {
  it('joins backslash-newline lines into one command, positions on the original lines', () => {
    const text = 'CLUSTER_PROOF_FLY_APP=a \\\n CLUSTER_PROOF_BASE_URL=b \\\n  bash scripts/x.sh';
    const { commands, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(commands).toHaveLength(1);
    const command = commands[0]!;
    expect(command.assigns.map((a) => [a.name, a.value, a.position.line, a.position.column])).toEqual([
      ['CLUSTER_PROOF_FLY_APP', 'a', 10, 1],
      ['CLUSTER_PROOF_BASE_URL', 'b', 11, 2],
    ]);
    expect(command.words.map((w) => [w.value, ...place(w)!])).toEqual([
      ['bash', 12, 3],
      ['scripts/x.sh', 12, 8],
    ]);
    expect(command.text).toBe('CLUSTER_PROOF_FLY_APP=a CLUSTER_PROOF_BASE_URL=b bash scripts/x.sh');
    expect(place(command)).toEqual([10, 1]);
  });

  it('maps later lines to the base column (a YAML block scalar or indented fence)', () => {
    const { commands } = parseShell({
      text: 'A=1 \\\n  bash x.sh\nmeshc build .',
      at: { file: 'rails.yaml', line: 4, column: 9 },
      origin: 'rails-yaml',
    });
    expect(commands.map((c) => c.words.map((w) => place(w)))).toEqual([
      [
        [5, 11],
        [5, 16],
      ],
      [
        [6, 9],
        [6, 15],
        [6, 21],
      ],
    ]);
  });
});

describe('lists of commands', () => {
  it('splits &&, ||, ;, pipes and newlines into simple commands', () => {
    const { commands } = parse('a 1 && b 2 || c; d | e |& f\ng');
    expect(commands.map((c) => values(c)!.join(' '))).toEqual(['a 1', 'b 2', 'c', 'd', 'e', 'f', 'g']);
    expect(commands.map((c) => place(c))).toEqual([
      [10, 1],
      [10, 8],
      [10, 15],
      [10, 18],
      [10, 22],
      [10, 27],
      [11, 1],
    ]);
    expect(commands.map((c) => c.text)).toEqual(['a 1', 'b 2', 'c', 'd', 'e', 'f', 'g']);
  });

  it('skips comments and blank lines', () => {
    const { commands, diagnostics } = parse('# set up\n\n  # indented comment\nbash x.sh # trailing\n\n');
    expect(diagnostics).toEqual([]);
    expect(commands.map(values)).toEqual([['bash', 'x.sh']]);
    expect(place(commands[0])).toEqual([13, 1]);
  });

  it('reads commands inside compound commands and keeps heredoc bodies out', () => {
    const { commands } = parse('if true; then\n  bash a.sh\nfi\ncat <<EOF > out\nbash not-a-command.sh\nEOF\nbash b.sh');
    expect(commands.map((c) => values(c)!.join(' '))).toEqual(['true', 'bash a.sh', 'cat', 'bash b.sh']);
    expect(commands[2]!.text).toBe('cat <<EOF > out');
  });

  it('does not read commands inside $(...) as shown commands', () => {
    const { commands } = parse('export URL=$(bash scripts/url.sh)');
    expect(commands).toHaveLength(1);
    expect(commands[0]!.assigns).toMatchObject([{ name: 'URL', value: '$(bash scripts/url.sh)' }]);
  });
});

describe('console transcripts', () => {
  it('reads only $ lines and their continuations; the rest is output', () => {
    const text = '$ meshc build .\nCompiling hello\n# not a command\n$ bash x.sh \\\n> --flag\nok: done';
    const { commands, diagnostics } = parse(text, { console: true });
    expect(diagnostics).toEqual([]);
    expect(commands.map((c) => c.text)).toEqual(['meshc build .', 'bash x.sh --flag']);
    expect(commands[0]!.words.map(place)).toEqual([
      [10, 3],
      [10, 9],
      [10, 15],
    ]);
    expect(place(commands[1]!.words[2])).toEqual([14, 3]);
  });
});

describe('words', () => {
  it('removes quotes', () => {
    const [command] = parse(`echo 'a b' "c d" e\\ f "x\\"y" 'it''s' "<keep>"`).commands;
    expect(values(command)).toEqual(['echo', 'a b', 'c d', 'e f', 'x"y', 'its', '<keep>']);
    expect(command!.words.map((w) => w.dynamic)).toEqual([false, false, false, false, false, false, false]);
    expect(command!.words.map((w) => w.position.column)).toEqual([1, 6, 12, 18, 23, 30, 38]);
  });

  it('marks expansions dynamic and keeps their source text', () => {
    const [command] = parse(`echo $HOME "\${DIR}/x" $(pwd) $((1 + 2)) ~/y '$NOT' lit`).commands;
    expect(command!.words.map((w) => [w.value, w.dynamic])).toEqual([
      ['echo', false],
      ['$HOME', true],
      ['${DIR}/x', true],
      ['$(pwd)', true],
      ['$((1 + 2))', true],
      ['~/y', true],
      ['$NOT', false],
      ['lit', false],
    ]);
  });

  it('counts columns in UTF-16 characters, not UTF-8 bytes', () => {
    const [command] = parse('echo é—x 🙂 <name> z').commands;
    expect(command!.words.map((w) => [w.value, w.position.column])).toEqual([
      ['echo', 1],
      ['é—x', 6],
      ['🙂', 10],
      ['<name>', 13],
      ['z', 20],
    ]);
  });
});

describe('export', () => {
  it('gives `export` as the head word, bare names and flags as words, NAME=value as assigns', () => {
    const [command] = parse('export A=1 B C="x y"').commands;
    expect(values(command)).toEqual(['export', 'B']);
    expect(command!.assigns.map((a) => [a.name, a.value, a.position.column])).toEqual([
      ['A', '1', 8],
      ['C', 'x y', 14],
    ]);
  });

  it('keeps an assignment-only line as a command with no words', () => {
    const [command] = parse('DATABASE_URL=<postgres-url>').commands;
    expect(command!.words).toEqual([]);
    expect(command!.assigns).toMatchObject([{ name: 'DATABASE_URL', value: '<postgres-url>' }]);
  });
});

describe('cd', () => {
  it('tracks the cwd for the following commands of the block', () => {
    const { commands, cwd } = parse(
      'bash a.sh\ncd website && npm run build\ncd ../compiler/meshc\ncargo test\ncd ..\ncd ..\nls',
    );
    expect(commands.map((c) => [values(c)![0], c.cwd])).toEqual([
      ['bash', undefined],
      ['cd', undefined],
      ['npm', 'website'],
      ['cd', 'website'],
      ['cargo', 'compiler/meshc'],
      ['cd', 'compiler/meshc'],
      ['cd', 'compiler'],
      ['ls', undefined],
    ]);
    expect(cwd).toBeUndefined();
  });

  it('makes the cwd unknown after a placeholder, dynamic, absolute or escaping cd', () => {
    for (const target of ['<project>', '"$TMP"', '/tmp', '~', '..', '-', '']) {
      const { commands } = parse(`cd ${target}\nmeshc build .`);
      expect(commands[1]!.cwd, target).toBe(UNKNOWN_CWD);
    }
  });

  it('restores the cwd after a subshell', () => {
    const { commands } = parse('(cd website && npm run build)\nbash x.sh');
    expect(commands.map((c) => c.cwd)).toEqual([undefined, 'website', undefined]);
  });

  it('starts from the given cwd and reports the cwd at the end', () => {
    expect(parse('cd sub\nls', { cwd: 'website' }).commands[1]!.cwd).toBe('website/sub');
    expect(parse('cd -P website', { cwd: undefined }).cwd).toBe('website');
  });
});

describe('parse errors', () => {
  it('become command-unparsable diagnostics at the error place, and good lines still count', () => {
    const { commands, diagnostics } = parse("bash a.sh\necho 'oops\nbash b.sh\nif then\nbash c.sh");
    expect(diagnostics.map((d) => [d.code, d.severity, d.position.line, d.position.column, d.subject])).toEqual([
      ['command-unparsable', 'error', 11, 6, "echo 'oops"],
      ['command-unparsable', 'error', 13, 1, 'if then'],
    ]);
    expect(diagnostics[0]!.message).toMatch(/closing quote/);
    expect(commands.map((c) => values(c)!.join(' '))).toEqual(['bash a.sh', 'bash b.sh', 'bash c.sh']);
  });

  it('explains placeholders when a bracket reads as a redirection', () => {
    const { diagnostics } = parse('meshc build <my dir>');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.suggestion).toMatch(/placeholder/);
    expect(diagnostics[0]!.position.file).toBe('page.md');
  });

  it('never throws', () => {
    for (const text of ['', '\n\n', '(((', 'a && ', '`', 'x\u0000y', '} fi done', '<<<', '$((']) {
      expect(() => parse(text)).not.toThrow();
    }
  });
});

describe('extractFromSteps', () => {
  it('parses each run at its position and puts the step env on the first command', () => {
    const { commands, diagnostics } = extractFromSteps([
      {
        run: 'bash scripts/verify-m043-s04-fly.sh --help',
        env: { CLUSTER_PROOF_FLY_APP: 'mesh-proof' },
        position: { file: 'src/data/rails.yaml', line: 7, column: 15 },
      },
      {
        run: 'cd website\nnpm run build',
        env: [{ name: 'A', value: '1' }],
        position: { file: 'src/data/rails.yaml', line: 9, column: 11 },
      },
      { run: "echo 'x", position: { file: 'src/data/rails.yaml', line: 12, column: 9 } },
    ]);
    expect(commands.map((c) => [c.origin, c.text, c.cwd])).toEqual([
      // The text shows the step's env the way a page would: `NAME=value cmd`.
      ['rails-yaml', 'CLUSTER_PROOF_FLY_APP=mesh-proof bash scripts/verify-m043-s04-fly.sh --help', undefined],
      ['rails-yaml', 'A=1 cd website', undefined],
      ['rails-yaml', 'npm run build', 'website'],
    ]);
    expect(commands[0]!.assigns).toEqual([
      { name: 'CLUSTER_PROOF_FLY_APP', value: 'mesh-proof', position: { file: 'src/data/rails.yaml', line: 7, column: 15 } },
    ]);
    expect(place(commands[0]!.words[1])).toEqual([7, 20]);
    expect(commands[1]!.assigns.map((a) => a.name)).toEqual(['A']);
    expect(commands[2]!.assigns).toEqual([]);
    expect(place(commands[2]!.words[0])).toEqual([10, 11]);
    expect(diagnostics.map((d) => [d.code, d.position.line, d.position.column])).toEqual([['command-unparsable', 12, 14]]);
  });
});

describe('heredocs', () => {
  it('reads a quoted delimiter; its body and the closing delimiter are not commands', () => {
    for (const open of [`<<'EOF'`, `<<"EOF"`, '<<-EOF', '<<EOF']) {
      const { commands, diagnostics } = parse(`cat ${open} > out.txt\nbash scripts/not-run.sh\n$(rm -rf x)\nEOF\nbash scripts/after.sh`);
      expect(diagnostics, open).toEqual([]);
      expect(commands.map((c) => c.text), open).toEqual([`cat ${open} > out.txt`, 'bash scripts/after.sh']);
      expect(place(commands[1]), open).toEqual([14, 1]);
    }
  });

  it('reads the commands that follow the delimiter on its own line', () => {
    const { commands } = parse("python3 - <<'PY' | bash scripts/x.sh && echo done\nprint('bash scripts/y.sh')\nPY");
    expect(commands.map((c) => values(c)![0])).toEqual(['python3', 'bash', 'echo']);
    expect(commands[0]!.text).toBe("python3 - <<'PY'");
    expect(place(commands[1])).toEqual([10, 20]);
  });
});

describe('nested constructs', () => {
  it('descends into functions, loops, case arms, pipelines, lists and subshells in source order', () => {
    const text = [
      'run() { cd website; npm run build; }',
      'for f in a b; do bash "scripts/$f.sh"; done',
      'while read -r line; do echo "$line"; done < <(ls)',
      'case "$1" in up) meshc build . ;; *) exit 1 ;; esac',
      'if [ -f x ]; then (cd compiler && cargo test); elif true; then :; else ! false | tee log; fi',
      'for ((i = 0; i < 3; i++)); do A=1; done',
    ].join('\n');
    const { commands, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(commands.map((c) => values(c)!.join(' ') || c.assigns.map((a) => `${a.name}=${a.value}`).join(' '))).toEqual([
      'cd website',
      'npm run build',
      'bash scripts/$f.sh',
      'read -r line',
      'echo $line',
      'meshc build .',
      'exit 1',
      '[',
      'cd compiler',
      'cargo test',
      'true',
      ':',
      'false',
      'tee log',
      'A=1',
    ]);
    // The function's cd carries on in reading order; the subshell's does not leak out.
    expect(commands.map((c) => c.cwd)).toEqual([
      undefined, 'website', 'website', 'website', 'website', 'website', 'website', 'website', 'website', 'website/compiler', 'website', 'website', 'website', 'website', 'website',
    ]);
    expect(commands[2]!.words[1]!.dynamic).toBe(true);
  });
});

describe('the time keyword', () => {
  it('shows the timed command, not a command named time', () => {
    const { commands } = parse('time cargo build --release\ntime -p bash scripts/a.sh | tee log\nA=1 time meshc build .');
    expect(commands.map((c) => [c.text, values(c)!.join(' '), place(c)])).toEqual([
      ['cargo build --release', 'cargo build --release', [10, 6]],
      ['bash scripts/a.sh', 'bash scripts/a.sh', [11, 9]],
      ['tee log', 'tee log', [11, 29]],
      // After an assignment `time` is the program /usr/bin/time: a command of its own.
      ['A=1 time meshc build .', 'time meshc build .', [12, 1]],
    ]);
  });
});

describe('whole scripts', () => {
  it('reads a long script file with exact positions and its own origin', () => {
    const lines = ['#!/usr/bin/env bash', 'set -euo pipefail', 'ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"'];
    for (let i = 0; i < 400; i++) lines.push(`run_step step-${i} 3600 \\`, `  bash scripts/verify-m0${i % 10}.sh --phase ${i}`);
    const { commands, diagnostics } = parseShell({
      text: lines.join('\n'),
      at: { file: 'scripts/verify-m053-s02.sh', line: 1, column: 1 },
      origin: 'repo-script',
    });
    expect(diagnostics).toEqual([]);
    expect(commands).toHaveLength(402);
    expect(commands[1]!.assigns.map((a) => a.name)).toEqual(['ROOT_DIR']);
    const last = commands[401]!;
    expect(last.origin).toBe('repo-script');
    expect(last.text).toBe('run_step step-399 3600 bash scripts/verify-m09.sh --phase 399');
    expect(place(last)).toEqual([802, 1]);
    expect(place(last.words[3])).toEqual([803, 3]);
    expect(last.words[3]!.position.file).toBe('scripts/verify-m053-s02.sh');
  });

  it('gives the same commands when the same text is parsed again elsewhere', () => {
    const first = parse('bash scripts/a.sh && cd website\nnpm run build');
    const again = parseShell({ text: 'bash scripts/a.sh && cd website\nnpm run build', at: { file: 'other.md', line: 3, column: 5 }, origin: 'inline-code', cwd: 'compiler' });
    expect(again.commands.map((c) => [c.text, c.cwd, place(c), c.origin, c.position.file])).toEqual([
      ['bash scripts/a.sh', 'compiler', [3, 5], 'inline-code', 'other.md'],
      ['cd website', 'compiler', [3, 26], 'inline-code', 'other.md'],
      ['npm run build', 'compiler/website', [4, 5], 'inline-code', 'other.md'],
    ]);
    expect(first.commands.map((c) => c.cwd)).toEqual([undefined, undefined, 'website']);
  });
});

describe('parse error positions', () => {
  it('points at the construct left open and re-reads the lines it swallowed', () => {
    const { commands, diagnostics } = parse('bash a.sh\nif true; then\n  bash b.sh\n"unclosed\nbash c.sh');
    expect(diagnostics.map((d) => [d.position.line, d.position.column, d.subject])).toEqual([
      [11, 1, 'if true; then'],
      [13, 1, '"unclosed'],
    ]);
    expect(diagnostics[1]!.message).toMatch(/no closing quote/);
    expect(commands.map((c) => values(c)!.join(' '))).toEqual(['bash a.sh', 'bash b.sh', 'bash c.sh']);
  });

  it('drops every command that shares a line with the error (fail closed), keeps the other lines', () => {
    const { commands, diagnostics } = parse('bash a.sh\nbash b.sh; echo ) x\nbash c.sh');
    expect(diagnostics.map((d) => [d.code, d.position.line, d.subject])).toEqual([['command-unparsable', 11, 'bash b.sh; echo ) x']]);
    expect(diagnostics[0]!.message).toMatch(/unexpected/);
    expect(commands.map((c) => values(c)!.join(' '))).toEqual(['bash a.sh', 'bash c.sh']);
  });

  it('reports a missing word after && at the list', () => {
    const { commands, diagnostics } = parse('bash a.sh &&');
    expect(commands).toEqual([]);
    expect(diagnostics.map((d) => [d.position.line, d.position.column])).toEqual([[10, 1]]);
    expect(diagnostics[0]!.message).toMatch(/missing after "&&"/);
  });

  it('never lets one command take words from the next line without a continuation', () => {
    // tree-sitter-bash 0.25 reads `y` and `[ -f x ]` as one command here.
    const { commands, diagnostics } = parse('! true | x |& y\n[ -f x ] && bash a.sh\nbash b.sh');
    for (const command of commands) {
      const lines = new Set(command.words.map((w) => w.position.line));
      expect(lines.size, command.text).toBe(1);
    }
    // Either the grammar splits the lines or the gate says it could not.
    const split = commands.some((c) => c.words[0]?.value === '[');
    if (!split) expect(diagnostics.map((d) => [d.code, d.position.line, d.subject])).toEqual([['command-unparsable', 11, '! true | x |& y']]);
    expect(commands[commands.length - 1]!.text).toBe('bash b.sh');
  });
});
