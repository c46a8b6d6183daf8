/**
 * Generated inputs for `npm run bench`: a synthetic Mesh checkout with the real repo's
 * proportions (built on the bundled sample, padded with filler files, git-committed so the
 * gate reads it as a checkout), docs pages full of commands that resolve in it, and a large
 * rails.yaml. Everything lands in a temp folder the caller removes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SITE_ROOT = path.resolve(import.meta.dirname, '..');
export const SAMPLE_REPO = path.join(SITE_ROOT, 'sample-workspace/mesh-lang');
export const SITE_DOCS = path.join(SITE_ROOT, 'src/content/docs');
export const SITE_RAILS = path.join(SITE_ROOT, 'src/data/rails.yaml');

export interface RepoShape {
  /** Tracked files in total. */
  files: number;
  /** `scripts/verify-*.sh` in total. */
  verifyScripts: number;
  /** `compiler/meshc/tests/*.rs` in total. */
  meshcTests: number;
}

/** The real Mesh checkout: about 3,300 tracked files, 77 verify scripts, ~70 meshc tests. */
export const REAL_SHAPE: RepoShape = { files: 3300, verifyScripts: 77, meshcTests: 70 };

/** Names the generated inputs refer to, so pages and rails resolve in the generated repo. */
export interface RepoNames {
  scripts: string[];
  tests: string[];
}

const verifyName = (i: number): string => `verify-m${String(100 + i).padStart(3, '0')}-s0${(i % 7) + 1}`;
const testName = (i: number): string => `e2e_bench_${String(i).padStart(3, '0')}`;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function countFiles(root: string): number {
  let count = 0;
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) if (entry.isFile()) count++;
  return count;
}

/** Builds the synthetic checkout at `root` and commits it. */
export function makeRepo(root: string, shape: RepoShape): RepoNames {
  cpSync(SAMPLE_REPO, root, { recursive: true });
  const template = readFileSync(path.join(SAMPLE_REPO, 'scripts/verify-m053-s01.sh'), 'utf8');
  const scripts: string[] = [];
  const tests: string[] = [];
  const existingTests = readdirSync(path.join(root, 'compiler/meshc/tests')).length;
  for (let i = 0; existingTests + i < shape.meshcTests; i++) {
    tests.push(testName(i));
    write(path.join(root, 'compiler/meshc/tests', `${testName(i)}.rs`), `#[test]\nfn ${testName(i)}() {\n    assert_eq!(1 + 1, 2);\n}\n`);
  }
  const existingScripts = readdirSync(path.join(root, 'scripts')).filter((name) => name.startsWith('verify-')).length;
  const scriptCount = shape.verifyScripts - existingScripts;
  for (let i = 0; i < scriptCount; i++) {
    const name = verifyName(i);
    scripts.push(`scripts/${name}.sh`);
    // Real verify scripts are long: phases, helpers, a heredoc, nested rails.
    const body = template.replaceAll('m053-s01', name.slice('verify-'.length)).replaceAll('e2e_m053_s01', tests[i % tests.length]!);
    const nested = Array.from({ length: 40 }, (_, k) => `run_phase phase-${k} bash scripts/${verifyName((i + k + 1) % scriptCount)}.sh --phase ${k}`);
    write(path.join(root, 'scripts', `${name}.sh`), `${body}\ncat <<'EOF' > "$WORK/notes.txt"\nbash scripts/not-run.sh\nEOF\n${nested.join('\n')}\n`);
  }
  // Filler: sources, examples and docs spread over folders like a real tree.
  const have = countFiles(root);
  const areas = ['compiler/mesh-rt/src', 'compiler/mesh-codegen/src', 'compiler/mesh-typeck/src', 'examples', 'docs', 'tests/fixtures'];
  for (let i = 0; have + i < shape.files; i++) {
    const area = areas[i % areas.length]!;
    const extension = area.startsWith('compiler') ? 'rs' : 'md';
    write(path.join(root, area, `group${Math.floor(i / 200)}`, `file${i}.${extension}`), `// filler ${i}\n`);
  }
  writeWorkflows(root, scripts);
  commitAll(root);
  return { scripts, tests };
}

/**
 * Workflows of the real repo's size (nine files, about 1,700 lines): jobs with matrices,
 * multi-line `run: |` blocks, reusable workflows called on tags, and steps that run rails.
 */
function writeWorkflows(root: string, scripts: readonly string[]): void {
  const block = (i: number) => [
    `      - name: Install a toolchain ${i}`,
    '        run: |',
    '          VERSION="21.1.8"',
    '          ARCHIVE="toolchain-${VERSION}-linux.tar.xz"',
    '          curl -sSfL "https://example.invalid/${ARCHIVE}" -o toolchain.tar.xz',
    '          mkdir -p "$HOME/toolchain"',
    '          tar xf toolchain.tar.xz --strip-components=1 -C "$HOME/toolchain"',
    '          rm toolchain.tar.xz',
    `      - name: Set a prefix ${i}`,
    '        shell: bash',
    '        run: echo "PREFIX=$HOME/toolchain" >> "$GITHUB_ENV"',
  ].join('\n');
  for (let w = 0; w < 9; w++) {
    const reusable = w % 3 === 2;
    const jobs = Array.from({ length: 3 }, (_, j) => {
      const rail = scripts[(w * 3 + j) % scripts.length]!;
      return [
        `  job-${j}:`,
        '    runs-on: ubuntu-24.04',
        '    strategy:',
        '      matrix:',
        '        target: [x86_64-unknown-linux-gnu, aarch64-apple-darwin]',
        '    steps:',
        '      - uses: actions/checkout@v4',
        ...Array.from({ length: 5 }, (_, k) => block(k)),
        '      - name: Run the rail',
        '        shell: bash',
        `        run: bash ${rail}`,
      ].join('\n');
    });
    const on = reusable ? 'on:\n  workflow_call:\n' : "on:\n  push:\n    branches: [main]\n    tags: ['v*']\n  pull_request:\n";
    const calls = !reusable && w % 3 === 1 ? `  call:\n    if: startsWith(github.ref, 'refs/tags/v')\n    uses: ./.github/workflows/bench-${w + 1}.yml\n` : '';
    write(path.join(root, '.github/workflows', `bench-${w}.yml`), `name: Bench ${w}\n${on}jobs:\n${jobs.join('\n')}\n${calls}`);
  }
}

/** Command lines that resolve in a repo made by `makeRepo` (scripts, cargo tests, meshc, npm, cd). */
function commandLine(i: number, names: RepoNames): string {
  const script = names.scripts[i % names.scripts.length]!;
  const test = names.tests[i % names.tests.length]!;
  switch (i % 8) {
    case 0: return `bash ${script}`;
    case 1: return `cargo test -p meshc --test ${test} -- --nocapture`;
    case 2: return 'meshc build .';
    case 3: return `meshc cluster status node-${i}@127.0.0.1:4370 --json`;
    case 4: return `DATABASE_URL=postgres://localhost/db${i} bash scripts/verify-m053-s01.sh`;
    case 5: return 'npm --prefix website run build';
    case 6: return `(cd compiler/meshc && cargo test --test ${test})`;
    default: return `meshc init --clustered app_${i}`;
  }
}

/**
 * `pages` generated pages of `commandsPerPage` commands each (inline code and five-line fences
 * under headings), beside the site's own pages so rails.yaml's page references resolve.
 * Returns the number of commands written.
 */
export function makePages(docsDir: string, pages: number, commandsPerPage: number, names: RepoNames): number {
  cpSync(SITE_DOCS, docsDir, { recursive: true });
  let n = 0;
  for (let p = 0; p < pages; p++) {
    const parts = [`---\ntitle: Bench page ${p}\n---\n`, "Generated for the gate's benchmark.\n"];
    let shown = 0;
    for (let section = 0; shown < commandsPerPage; section++) {
      parts.push(`## Section ${section}\n\nRun \`${commandLine(n++, names)}\` first, then:\n`);
      shown++;
      const lines: string[] = [];
      while (lines.length < 5 && shown < commandsPerPage) {
        const line = commandLine(n++, names);
        lines.push(line);
        shown += line.includes(' && ') ? 2 : 1;
      }
      if (lines.length > 0) parts.push('```bash\n' + lines.join('\n') + '\n```\n');
    }
    write(path.join(docsDir, 'bench', `page-${p}.md`), parts.join('\n'));
  }
  return n;
}

/** The site's rails.yaml with `count` rails in all: the site's own, then generated ones. */
export function makeRails(file: string, count: number, names: RepoNames): void {
  const site = readFileSync(SITE_RAILS, 'utf8');
  const marker = '\nrails:\n';
  const split = site.indexOf(marker) + marker.length;
  const head = site.slice(0, split);
  const tail = site.slice(split);
  const existing = (tail.match(/^ {2}- id: /gm) ?? []).length;
  const generated: string[] = [];
  for (let i = 0; existing + i < count; i++) {
    const id = `bench-${i}`;
    const runs = i > 0 ? `    runs: [bench-${i - 1}]\n` : '';
    generated.push(
      `  - id: ${id}\n    tier: maintainer\n    label: Bench rail ${i}\n    summary: A generated rail for the benchmark.\n` +
        `    steps:\n      - bash ${names.scripts[i % names.scripts.length]}\n${runs}    reads: [DATABASE_URL]\n    results: .tmp/${id}/verify/\n`,
    );
  }
  write(file, head + generated.join('\n') + '\n' + tail);
}

/** The real mesh-lang's verify scripts: 77 of them, about 35,500 lines in all, the longest about 1,300. */
export const REAL_SCRIPTS = { count: 77, totalLines: 35_500, longest: 1_300, libraries: 10 };

/**
 * A two-repo workspace shaped like the real one: the bundled sample workspace (mesh-lang beside
 * hyperpush-mono, its pages and rails resolve there) with mesh-lang's verify scripts scaled to
 * the real repo's count and lengths (some over 1,000 lines), each sourcing shared libraries
 * under scripts/lib/, and filler up to 3,300 files. Both repos are committed.
 */
export function makeRealShapedWorkspace(root: string): { mesh: string; hyperpush: string; scriptLines: number } {
  cpSync(path.dirname(SAMPLE_REPO), root, { recursive: true });
  const mesh = path.join(root, 'mesh-lang');
  const hyperpush = path.join(root, 'hyperpush-mono');
  const sampleScripts = readdirSync(path.join(mesh, 'scripts')).filter((name) => /^verify-m\d+-s\d+\.sh$/.test(name)).sort();
  const templates = sampleScripts.map((name) => readFileSync(path.join(mesh, 'scripts', name), 'utf8'));
  // Shared libraries: helper functions the scripts source, as the real scripts/lib/*.sh are.
  for (let lib = 0; lib < REAL_SCRIPTS.libraries; lib++) {
    const functions = Array.from({ length: 15 }, (_, k) =>
      [`bench_lib${lib}_step${k}() {`, '  local target="$1"', '  shift', `  echo "lib${lib} step ${k}: $target"`, '  "$@" || return 1', '}'].join('\n'),
    );
    write(path.join(mesh, 'scripts/lib', `bench-lib-${lib}.sh`), `# shellcheck shell=bash\n# Helpers shared by the generated rails.\n\n${functions.join('\n\n')}\n`);
  }
  const generated = REAL_SCRIPTS.count - sampleScripts.length;
  const average = REAL_SCRIPTS.totalLines / REAL_SCRIPTS.count;
  let scriptLines = 0;
  for (let i = 0; i < generated; i++) {
    const slug = `m${String(200 + i).padStart(3, '0')}-s0${(i % 7) + 1}`;
    // Lengths spread around the real average, every ninth script past 1,000 lines.
    const target = i % 9 === 0 ? REAL_SCRIPTS.longest - (i % 4) * 80 : Math.round(average * (0.4 + ((i * 37) % 100) / 100));
    const head = templates[i % templates.length]!.replace(/VERIFY_SLUG=\S+/, `VERIFY_SLUG=${slug}`);
    const sources = [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => `source "$ROOT_DIR/scripts/lib/bench-lib-${(i + k) % REAL_SCRIPTS.libraries}.sh"`);
    const lines = [head.trimEnd(), 'ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"', ...sources];
    for (let phase = 0; lines.length < target; phase++) {
      lines.push(
        '',
        `run_phase phase-${phase} cargo test -p meshc --test e2e_m047_s07 -- --nocapture`,
        `bench_lib${i % REAL_SCRIPTS.libraries}_step${phase % 15} "phase-${phase}" bash scripts/${sampleScripts[phase % sampleScripts.length]} --help`,
        `if ! grep -q 'phase-${phase}' "$VERIFY_DIR/phase-report.txt"; then`,
        `  echo "phase-${phase} did not report" >&2`,
        'fi',
        `python3 - "$VERIFY_DIR" <<'PY'`,
        'import os, sys',
        `print(os.environ.get("DATABASE_URL", ""), sys.argv[1], "phase-${phase}")`,
        'PY',
      );
    }
    scriptLines += lines.length;
    write(path.join(mesh, 'scripts', `verify-${slug}.sh`), `${lines.join('\n')}\n`);
  }
  const areas = ['compiler/mesh-rt/src', 'compiler/mesh-codegen/src', 'compiler/mesh-typeck/src', 'examples', 'docs', 'tests/fixtures'];
  const have = countFiles(mesh);
  for (let i = 0; have + i < REAL_SHAPE.files; i++) {
    const area = areas[i % areas.length]!;
    write(path.join(mesh, area, `group${Math.floor(i / 200)}`, `file${i}.${area.startsWith('compiler') ? 'rs' : 'md'}`), `// filler ${i}\n`);
  }
  for (const repo of [mesh, hyperpush]) commitAll(repo);
  return { mesh, hyperpush, scriptLines };
}

function commitAll(root: string): void {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: root, stdio: 'ignore', env });
  };
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '--no-verify', '-m', 'bench checkout');
}
