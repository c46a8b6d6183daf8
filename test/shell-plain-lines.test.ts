import { describe, expect, it } from 'vitest';
import { maskPlaceholders } from '../src/gate/shell/placeholders.ts';
import { readPlainLines } from '../src/gate/shell/plain-lines.ts';
import { readStatements, readStatementsWithGrammar } from '../src/gate/shell/statements.ts';

/** Both readings of one text: the plain-text fast path and tree-sitter. */
function bothWays(shown: string) {
  const { text: masked, spans } = maskPlaceholders(shown);
  return { plain: readPlainLines(masked, shown, spans), grammar: readStatementsWithGrammar(masked, shown, spans) };
}

/** `next(n)`: a number below n from a fixed-seed generator (no Math.random: the corpus is the same every run). */
function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

/** Plain-looking command texts. */
function* corpus(count: number): Generator<string> {
  const heads = ['bash', 'meshc', 'cargo', 'npm', 'cd', 'ls', './hello_cluster', 'git', '.', ':', 'true', 'mkdir', 'sh'];
  const args = [
    'scripts/verify-m053-s01.sh', 'build', '.', '..', '-p', 'meshc', '--test', 'e2e_m047_s07', '--', '--nocapture',
    '--json', '<node-name@host:port>', '<request-key>', 'primary@127.0.0.1:4370', '--db=postgres', 'a,b', '1', '0.14.0',
    '...', 'x+y', '%s', 'https://github.com/hyperpush-org/mesh-lang', '-', 'a=b', '--prefix', 'website', 'run',
  ];
  const assigns = ['DATABASE_URL=postgres://localhost/db', 'A=1', 'MESH_NODE_NAME=<name>', 'EMPTY=', 'X=a=b'];
  const operators = [' && ', ' || ', ' | ', '; ', '&&', '|', '\n', ' &&\n  ', ' |\n'];
  const next = seeded(7);
  for (let i = 0; i < count; i++) {
    const commands: string[] = [];
    for (let c = 0, total = 1 + next(3); c < total; c++) {
      const parts: string[] = [];
      for (let a = next(4) === 0 ? 1 + next(2) : 0; a > 0; a--) parts.push(assigns[next(assigns.length)]!);
      if (parts.length === 0 || next(5) > 0) {
        parts.push(heads[next(heads.length)]!);
        for (let w = next(5); w > 0; w--) parts.push(args[next(args.length)]!);
      }
      commands.push(parts.join(next(6) === 0 ? '  ' : ' '));
    }
    let text = commands[0]!;
    for (let c = 1; c < commands.length; c++) text += operators[next(operators.length)]! + commands[c]!;
    yield next(8) === 0 ? `${text};` : text;
  }
}

/** Blocks mixing plain lines with lines that need the grammar, some of them multi-line constructs. */
function* mixedBlocks(count: number): Generator<string> {
  const plain = [...corpus(40)];
  const others = [
    'echo "$HOME" && bash scripts/a.sh', "(cd website && npm run build)", '# a comment, it\'s fine', 'export A=1 B',
    'meshc build . > build.log 2>&1', 'for x in a b; do bash "$x.sh"; done', 'if true; then\n  bash a.sh\nfi',
    'cat <<EOF\nbash not-run.sh\nEOF', 'bash x.sh \\\n  --flag', 'echo "two\nlines"', 'case "$1" in\n  a) b ;;\nesac',
    'run() {\n  cd x\n}', 'a=(\n  1\n)', 'x |\n  y', 'echo $(date) ~/x *.rs', '[ -f x ] || exit 1', 'unset A',
    'echo "unclosed', 'done', 'a &&', '{ a; b; }', 'time cargo build',
  ];
  const next = seeded(11);
  for (let i = 0; i < count; i++) {
    const lines: string[] = [];
    for (let l = 0, total = 2 + next(5); l < total; l++) lines.push(next(3) === 0 ? others[next(others.length)]! : plain[next(plain.length)]!);
    yield lines.join(next(4) === 0 ? '\n\n' : '\n');
  }
}

describe('plain command lines (the fast path)', () => {
  it('reads every block line by line exactly as the grammar reads the whole block', () => {
    for (const text of mixedBlocks(400)) {
      const { text: masked, spans } = maskPlaceholders(text);
      expect(readStatements(masked, text, spans), JSON.stringify(text)).toEqual(readStatementsWithGrammar(masked, text, spans));
    }
  });

  it('reads every plain text exactly as the grammar does', () => {
    let plainCount = 0;
    for (const text of corpus(600)) {
      const { plain, grammar } = bothWays(text);
      if (plain === undefined) continue;
      plainCount++;
      expect(plain, JSON.stringify(text)).toEqual(grammar);
    }
    // Most of the corpus is plain: the comparison above is not vacuous.
    expect(plainCount).toBeGreaterThan(400);
  });

  it('leaves everything that is not plain to the grammar', () => {
    for (const text of [
      'echo "quoted"', "echo 'quoted'", 'echo $HOME', 'echo ~/x', 'a \\\n b', '# comment', 'ls *.rs', 'a & b',
      'export A=1', 'unset A', 'if true; then x; fi', 'for x in a; do y; done', '(cd x && y)', '{ a; }', '[ -f x ]',
      'a &&', '&& a', 'a ;; b', 'a |& b', 'cat <<EOF', 'a > out', 'x=1 y', 'a\r', '1A=b c',
    ]) {
      const { plain } = bothWays(text);
      if (text === 'x=1 y') {
        expect(plain, text).toBeDefined(); // plain, and equal to the grammar (checked above)
        continue;
      }
      expect(plain, text).toBeUndefined();
    }
  });
});
