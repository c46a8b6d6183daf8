/**
 * Inputs for the Mesh API check's cost: a type checker the size of the real one (41 modules,
 * about 370 functions in `stdlib_modules()`, one name list registered in a loop, the whole
 * infer.rs near 12,000 lines) committed into a generated checkout, and a page set shaped like
 * the real docs (15 pages, 176 ```mesh blocks, about 350 `Module.function` references, every
 * one resolving).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INFER = 'compiler/mesh-typeck/src/infer.rs';
const MODULES = 41;
const FUNCTIONS_PER_MODULE = 9;

const moduleName = (m: number): string => `Bench${String.fromCharCode(65 + (m % 26))}${m}`;
const functionName = (m: number, f: number): string => `op_${m}_${f}`;
/** Functions take 0 to 3 parameters, in turn. */
const arity = (f: number): number => f % 4;

/**
 * The sample's infer.rs (so the site's own pages still resolve) with 41 more modules in
 * `stdlib_modules()` and its name list, and other functions around it to the real file's length.
 */
function inferSource(sample: string): string {
  const modules: string[] = [];
  for (let m = 0; m < MODULES; m++) {
    const v = `mod_${m}`;
    modules.push('', `    // ${moduleName(m)}`, `    let mut ${v} = HashMap::new();`);
    for (let f = 0; f < FUNCTIONS_PER_MODULE; f++) {
      const params = Array.from({ length: arity(f) }, () => 'Ty::string()').join(', ');
      modules.push(`    ${v}.insert(`, `        "${functionName(m, f)}".to_string(),`, '        Scheme::mono(Ty::fun(', `            vec![${params}],`, '            Ty::string(),', '        )),', '    );');
    }
    if (m === 0) modules.push('    for helper in ["jsonb", "int", "text", "uuid", "timestamptz"] {', `        ${v}.insert(helper.to_string(), Scheme::mono(Ty::fun(vec![Ty::string()], Ty::string())));`, '    }');
    modules.push(`    modules.insert("${moduleName(m)}".to_string(), ${v});`);
  }
  const filler = (count: number, tag: string): string[] =>
    Array.from({ length: count }, (_, i) => [
      `fn ${tag}_${i}(ctx: &mut InferCtx, x: Ty) -> Result<Ty, TypeError> {`,
      '    let y = ctx.resolve(x);',
      '    if y == Ty::int() {',
      '        return Ok(y);',
      '    }',
      '    Err(TypeError::Mismatch { expected: Ty::int(), found: y })',
      '}',
      '',
    ]).flat();
  const names = Array.from({ length: MODULES }, (_, m) => `    "${moduleName(m)}",`);
  const text = sample
    .replace('\n    modules\n}', `${modules.join('\n')}\n\n    modules\n}`)
    .replace('    "Continuity",\n];', `    "Continuity",\n${names.join('\n')}\n];`);
  if (text === sample) throw new Error('the sample infer.rs changed shape: update bench/mesh-api-inputs.ts');
  return [...filler(20, 'before'), text, ...filler(1250, 'after')].join('\n');
}

function reference(n: number): string {
  const m = n % MODULES;
  const f = Math.floor(n / MODULES) % FUNCTIONS_PER_MODULE;
  const args = Array.from({ length: arity(f) }, (_, k) => (k === 0 ? `"arg ${n}"` : `x${k}`));
  return `${moduleName(m)}.${functionName(m, f)}(${args.join(', ')})`;
}

/** Commits a real-sized infer.rs into `repo` (a checkout from `makeRepo`) and writes the pages into `docsDir`. */
export function makeMeshApiInputs(repo: string, docsDir: string, siteDocs: string): { blocks: number; references: number } {
  writeFileSync(path.join(repo, INFER), inferSource(readFileSync(path.join(repo, INFER), 'utf8')));
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  execFileSync('git', ['add', '-A'], { cwd: repo, stdio: 'ignore', env });
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '--no-verify', '-m', 'bench type checker'], { cwd: repo, stdio: 'ignore', env });

  cpSync(siteDocs, docsDir, { recursive: true });
  mkdirSync(path.join(docsDir, 'mesh'), { recursive: true });
  let blocks = 0;
  let references = 0;
  for (let p = 0; p < 15; p++) {
    const parts = [`---\ntitle: Mesh page ${p}\n---\n`, 'Generated for the Mesh API benchmark.\n'];
    const count = p < 11 ? 12 : 11; // 11 x 12 + 4 x 11 = 176
    for (let b = 0; b < count; b++) {
      const code = [
        `# block ${b}: a comment that mentions ${moduleName(1)}.nothing()`,
        `module Page${p}Block${b} do`,
        `  pub fn run(x) do`,
        `    let a = ${reference(references++)}`,
        `    let b = "text ${moduleName(2)}.nope() #{${reference(references++)}}"`,
        `    x |> Page${p}Block${b}.helper(fn y -> y end)`,
        '  end',
        'end',
      ];
      parts.push(`## Block ${b}\n\n\`\`\`mesh\n${code.join('\n')}\n\`\`\`\n`);
      blocks++;
    }
    writeFileSync(path.join(docsDir, 'mesh', `page-${p}.md`), parts.join('\n'));
  }
  return { blocks, references };
}
