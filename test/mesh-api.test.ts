/**
 * Mesh code on the pages names only APIs the type checker accepts: each `Module.function` of a
 * ```mesh block is resolved against the checked repo's infer.rs (read with tree-sitter-rust),
 * with its argument count. Unit cases run the page check on tiny pages against the sample's
 * infer.rs; the end-to-end cases run the whole gate on a copy of the site and of the sample.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getRustParser } from '../src/gate/clap/tree-sitter.ts';
import { extractFromMarkdown } from '../src/gate/extract/markdown.ts';
import type { ApiContext } from '../src/gate/mesh-api/check.ts';
import { checkPageApi } from '../src/gate/mesh-api/check.ts';
import { readFlatBuiltins, readStdlibTable } from '../src/gate/mesh-api/read-typeck.ts';
import { tokenizeMesh } from '../src/gate/mesh-api/tokenize.ts';
import { formatAnnotations } from '../src/gate/report/github.ts';
import { toJsonReport } from '../src/gate/report/json.ts';
import { formatTerminal } from '../src/gate/report/terminal.ts';
import { strictFromEnv } from '../src/core/aggregate.ts';
import { runGate } from '../src/gate/run.ts';
import type { Diagnostic } from '../src/core/types.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';
import { gateConfig } from './helpers/gate-config.ts';

const TYPECK = path.join(projectRoot, 'sample-workspace/mesh-lang/compiler/mesh-typeck/src');
const sampleInfer = readFileSync(path.join(TYPECK, 'infer.rs'), 'utf8');
const sampleBuiltins = readFileSync(path.join(TYPECK, 'builtins.rs'), 'utf8');

async function context(infer = sampleInfer): Promise<ApiContext> {
  const parser = await getRustParser();
  const table = readStdlibTable(parser, infer);
  return { table, flatBuiltins: () => readFlatBuiltins(parser, sampleBuiltins) };
}

/** Findings for a page made of `markdown`, as `code line:col subject`. */
async function check(markdown: string, infer = sampleInfer): Promise<{ found: string[]; diagnostics: Diagnostic[]; references: number }> {
  const extract = await extractFromMarkdown({ file: 'page.md', source: markdown });
  const result = checkPageApi(extract.meshBlocks, await context(infer));
  return {
    found: result.diagnostics.map((d) => `${d.code} ${d.position.line}:${d.position.column} ${d.subject}`),
    diagnostics: result.diagnostics,
    references: result.references,
  };
}

const mesh = (code: string, meta = '') => `# Page\n\n\`\`\`mesh${meta ? ` ${meta}` : ''}\n${code}\n\`\`\`\n`;

describe('reading the type checker', () => {
  it('reads module maps, literal-list loops, the Json copy, the module list and the special cases', async () => {
    const { table } = await context();
    if ('missing' in table) throw new Error('no table');
    expect(Object.keys(table.modules)).toEqual(['String', 'IO', 'Math', 'JSON', 'Json', 'Pg', 'Ws', 'Node', 'Global', 'Iter', 'Continuity']);
    expect(table.modules.Pg!.functions).toMatchObject({ jsonb: { arity: 1 }, uuid: { arity: 1 }, plainto_tsquery: { arity: 2 } });
    expect(Object.keys(table.modules.JSON!.functions)).toEqual(['parse', 'encode']);
    expect(Object.keys(table.modules.Json!.functions)).toEqual(['parse', 'encode', 'get']);
    expect(table.modules.Json!.functions.encode).toMatchObject({ arity: 1 });
    expect(table.modules.Math!.functions.pi).toMatchObject({ value: true });
    expect(table.modules.Iter!.functions).toMatchObject({ from: { arity: 1 }, filter: { arity: 2 } });
    expect(table.variadic).toEqual({ 'Node.spawn': expect.any(Number), 'Node.spawn_link': expect.any(Number) });
    expect(Object.keys(table.refused)).toEqual(['Continuity.promote']);
    expect(Object.keys(table.elsewhere)).toEqual(['HTTP.clustered']);
    expect(table.unreadable).toEqual([]);
  });
});

describe('Mesh API references on a page', () => {
  it('the sample pages resolve', async () => {
    const actors = readFileSync(path.join(projectRoot, 'src/content/docs/distributed-actors.md'), 'utf8');
    const result = await check(actors);
    expect(result.found).toEqual([]);
    expect(result.references).toBeGreaterThan(8);
  });

  it('an unknown module, with did-you-mean', async () => {
    const { found, diagnostics } = await check(mesh('fn main() do\n  let n = Strng.length("abc")\nend'));
    expect(found).toEqual(['mesh-api-unknown-module 5:11 Strng.length/1']);
    expect(diagnostics[0]!.suggestion).toBe('Did you mean String?');
  });

  it('an unknown function: a name of another language gets the Mesh name', async () => {
    const { found, diagnostics } = await check(mesh('let s = String.downcase(name)\nlet t = String.to_lowr(name)'));
    expect(found).toEqual(['mesh-api-unknown-function 4:9 String.downcase/1', 'mesh-api-unknown-function 5:9 String.to_lowr/1']);
    expect(diagnostics.map((d) => d.suggestion)).toEqual(['Did you mean String.to_lower?', 'Did you mean String.to_lower?']);
  });

  it('a wrong arity, counting nested calls, strings, closures and pipes', async () => {
    const { found, diagnostics } = await check(
      mesh(
        [
          'let a = Pg.jsonb(col, "x, y")', // 2 for 1
          'let b = String.split(String.to_upper(s), ",")', // ok: nested call, comma in a string
          'let c = text |> String.split(",")', // ok: the pipe is the first argument
          'let d = text |> String.length(x)', // 2 for 1
          'let e = Pg.to_tsvector(fn x, y -> x end, q)', // ok: a closure's commas are its own
          'let f = Pg.to_tsvector(fn x do if x do [1, 2] end end, q, r)', // 3 for 2
          'let g = Node.self(x)', // 1 for 0
          'let h = Math.pi()', // a value called
          'let i = name |> String.length', // ok: `x |> M.f` is `M.f(x)`
        ].join('\n'),
      ),
    );
    expect(found).toEqual([
      'mesh-api-wrong-arity 4:9 Pg.jsonb/2',
      'mesh-api-wrong-arity 7:17 String.length/2',
      'mesh-api-wrong-arity 9:9 Pg.to_tsvector/3',
      'mesh-api-wrong-arity 10:9 Node.self/1',
      'mesh-api-wrong-arity 11:9 Math.pi/0',
    ]);
    expect(diagnostics[1]!.message).toBe(
      'String.length takes 1 argument (compiler/mesh-typeck/src/infer.rs:14), but is called with 2 arguments (the value piped in counts as the first).',
    );
  });

  it('a name registered in a loop over a literal list resolves, one not in the list does not', async () => {
    const { found } = await check(mesh('let a = Pg.uuid(id)\nlet b = Pg.plainto_tsquery("english", q)\nlet c = Pg.int(id)'));
    expect(found).toEqual(['mesh-api-unknown-function 6:9 Pg.int/1']);
  });

  it('a flat builtin is called bare: it never makes Module.function resolve', async () => {
    const { found, diagnostics } = await check(mesh('Ws.serve_tls(on_connect, 9443, "cert.pem")\nIO.puts("hi")\nprintln("ok")'));
    expect(found).toEqual(['mesh-api-unknown-function 4:1 Ws.serve_tls/3', 'mesh-api-unknown-function 5:1 IO.puts/1']);
    expect(diagnostics[0]!.message).toContain('builtins.rs registers the flat name ws_serve_tls');
    expect(diagnostics[1]!.suggestion).toBe('Did you mean println(...), a builtin called without a module?');
  });

  it('Node.spawn and Node.spawn_link take any number of arguments; Continuity.promote is refused', async () => {
    const { found } = await check(
      mesh('Node.spawn()\nNode.spawn(node)\nNode.spawn(node, work, 1, 2, 3)\nNode.spawn_link(node, work)\nContinuity.promote()'),
    );
    expect(found).toEqual(['mesh-api-unknown-function 8:1 Continuity.promote/0']);
  });

  it("modules and types the page defines (in any block) or imports are the page's own", async () => {
    const page =
      mesh('module Billing.Invoices do\n  pub fn total(x) do x end\nend\nstruct User do\n  name :: String\nend\nimpl From<Int> for Wrapper do\nend') +
      mesh('Billing.Invoices.total(1)\nBilling.Invoices.anything(1, 2)\nUser.from_json(s)\nWrapper.from(4)\nCounter.increment(pid)\nApi.Router.build()\nIssue.__table__()') +
      mesh('service Counter do\nend\nimport Api.Router');
    const { found } = await check(page);
    expect(found).toEqual([]);
  });

  it('an unknown module is still found beside page-defined ones; a type alias defines no module', async () => {
    const { found } = await check(mesh('module Shop do\nend\nShop.open()\nStore.open()'));
    expect(found).toEqual(['mesh-api-unknown-module 7:1 Store.open/0']);
    // Shaped like the real iterators page: an impl's associated type named like a stdlib module.
    const aliased = await check(mesh('impl Iterable for Evens do\n  type Iter = ListIterator\nend\ntype Id = Int\nIter.select(xs)\nId.parse(s)'));
    expect(aliased.found).toEqual(['mesh-api-unknown-function 8:1 Iter.select/1', 'mesh-api-unknown-module 9:1 Id.parse/1']);
    // `import String` (as the real cheatsheet writes) keeps String the standard module.
    const imported = await check(mesh('import String\nfrom IO import eprintln\nString.size(s)\nIO.puts(s)'));
    expect(imported.found).toEqual(['mesh-api-unknown-function 6:1 String.size/1', 'mesh-api-unknown-function 7:1 IO.puts/1']);
  });

  it('strings and comments never hold references; interpolation is code and is checked', async () => {
    const { found } = await check(
      mesh('# IO.puts("in a comment")\n#= IO.puts #= nested =# still =#\nprintln("IO.puts(x) in a string")\nprintln("""IO.puts""")\nlet r = ~r/IO.puts/i\nprintln("size: ${String.size(s)} and #{Node.self()}")'),
    );
    expect(found).toEqual(['mesh-api-unknown-function 9:18 String.size/1']);
  });

  it('a block marked gate-skip="why" is not checked; a mark without a reason is a finding and the block is checked', async () => {
    const { found, references } = await check(mesh('IO.puts("planned")', 'gate-skip="IO.puts ships in the next release"'));
    expect(found).toEqual([]);
    expect(references).toBe(0);
    const bare = await check(mesh('IO.puts("planned")', 'gate-skip'));
    expect(bare.found).toEqual(['mesh-api-mark-no-reason 3:9 gate-skip', 'mesh-api-unknown-function 4:1 IO.puts/1']);
  });

  it('a block that does not tokenize is a finding at the place it stops', async () => {
    const { found, diagnostics } = await check(mesh('let a = String.length("abc")\nlet b = "never closed\nIO.puts(b)'));
    expect(found).toEqual(['mesh-api-untokenizable 5:9 "never closed']);
    expect(diagnostics[0]!.message).toContain('a string is not closed');
    for (const broken of ['#= open comment', 'x |1> f()', 'let r = ~q/x/', 'let s = "#{a"', 'let c = \'x\'']) {
      expect(tokenizeMesh(broken).error, broken).toBeDefined();
    }
  });

  it('what the source builds in a way the reader cannot read is a soft finding, never a pass', async () => {
    const opaque = sampleInfer
      .replace('modules.insert("String".to_string(), string_mod);', 'extend_with_plugins(&mut string_mod);\n    modules.insert("String".to_string(), string_mod);')
      .replace('modules.insert("Math".to_string(), math_mod);', 'modules.insert(math_name(), math_mod);');
    const { diagnostics } = await check(mesh('String.shout(s)\nString.length(s)\nMath.pow(1.0, 2.0)'), opaque);
    expect(diagnostics.map((d) => `${d.code} ${d.severity} ${d.subject}`)).toEqual([
      'mesh-api-unreadable warning String.shout/1',
      'mesh-api-unreadable warning Math.pow/2',
    ]);
    expect(diagnostics[0]!.message).toContain('String are built in a way the gate cannot read');
    const missing = await check(mesh('String.length(s)'), '// no table here\n');
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['mesh-api-unreadable']);
  });
});

describe('the check in the gate', () => {
  it('reports at file:line:col in the terminal, the JSON report and GitHub annotations; --strict fails soft findings', async () => {
    const site = copySite();
    const page = 'src/content/docs/distributed-actors.md';
    const text = readFileSync(path.join(site, page), 'utf8');
    writeFileSync(path.join(site, page), `${text}\n\`\`\`mesh\nIO.puts("x")\nHTTP.clustered(1, handler)\n\`\`\`\n`);
    const repo = sampleRepoCopy({ product: false });
    const line = text.split('\n').length + 2;
    const result = await runGate(gateConfig({ siteRoot: site, repoRoot: repo.root, env: {} }));
    const api = result.diagnostics.filter((d) => d.code.startsWith('mesh-api'));
    expect(api.map((d) => `${d.code} ${d.severity} ${d.position.file}:${d.position.line}:${d.position.column}`)).toEqual([
      `mesh-api-unknown-function error ${page}:${line}:1`,
      `mesh-api-unreadable warning ${page}:${line + 1}:1`,
    ]);
    expect(result.summary.meshReferences).toBeGreaterThan(10);
    const terminal = formatTerminal(result.diagnostics, result.summary, { color: false });
    expect(terminal).toMatch(/1 unreadable api/);
    expect(terminal).toMatch(/\d+ Mesh API references in 7 pages/);
    const json = toJsonReport(result.diagnostics, result.summary);
    expect(json.diagnostics.filter((d) => d.code.startsWith('mesh-api')).map((d) => d.code)).toEqual(['mesh-api-unknown-function', 'mesh-api-unreadable']);
    expect(json.counts.aggregated['unreadable api']).toBe(1);
    expect(formatAnnotations(api, '').join('\n')).toContain(`::error file=${page},line=${line},col=1`);

    expect(strictFromEnv({ DOCS_GATE_STRICT: 'unreadable api' })).toEqual(['unreadable api']);
    const strict = await runGate(gateConfig({ siteRoot: site, repoRoot: repo.root, env: {}, strict: ['unreadable api'] }));
    expect(strict.diagnostics.find((d) => d.code === 'mesh-api-unreadable')?.severity).toBe('error');
  });

  it('reads the committed infer.rs: a function removed and committed is reported', async () => {
    const repo = sampleRepoCopy({ product: false });
    repo.edit('compiler/mesh-typeck/src/infer.rs', (text) => text.replace('"whereis".to_string()', '"lookup".to_string()'));
    repo.commit();
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
    expect(result.diagnostics.filter((d) => d.code.startsWith('mesh-api')).map((d) => `${d.code} ${d.subject}`)).toEqual([
      'mesh-api-unknown-function Global.whereis/1',
    ]);
  });
});
