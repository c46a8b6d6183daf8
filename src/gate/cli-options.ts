/**
 * The options of `npm run check`, parsed and checked before the gate runs: a flag that points
 * at the wrong kind of thing is a usage error (exit 2) with one line and a fix, never a crash
 * half-way through (or an "ok" followed by a stack trace when the report cannot be written).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseMeshDocsConfig, type MeshDocsConfig } from '../config/mesh-docs-config.ts';
import { prepareReportFolder } from './report/report-file.ts';
import { irregularTarget } from '../core/atomic-file.ts';

export const CHECK_USAGE = 'usage: npm run check -- [--repo DIR] [--docs DIR] [--rails FILE] [--json FILE] [--strict] [--no-cache] [--rail ID] [--fix [--dry-run]]';

export interface CheckCommandOptions {
  /** The flags as the site's one config (`--strict`, else what DOCS_GATE_STRICT says). */
  config: MeshDocsConfig;
  jsonReport: string;
  /** proof-map.json, beside the JSON report. */
  proofMapFile: string;
  /** `--rail ID`: also print that rail's chain. */
  rail?: string;
  /** `--fix`: apply the certain fixes to rails.yaml (`dryRun`: only show them). */
  fix?: { dryRun: boolean };
}

export type ParsedCheckCommandOptions = { ok: true; options: CheckCommandOptions } | { ok: false; problem: string };

export function parseCheckOptions(
  argv: readonly string[],
  siteRoot: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ParsedCheckCommandOptions {
  let values: { repo?: string; docs?: string; rails?: string; json?: string; rail?: string; strict?: boolean; 'no-cache'?: boolean; fix?: boolean; 'dry-run'?: boolean };
  let tokens: ReturnType<typeof parseArgs>['tokens'];
  try {
    ({ values, tokens } = parseArgs({
      args: [...argv],
      options: {
        repo: { type: 'string' },
        docs: { type: 'string' },
        rails: { type: 'string' },
        json: { type: 'string' },
        rail: { type: 'string' },
        strict: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        fix: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
      },
      allowPositionals: false,
      tokens: true,
    }));
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  // Every flag once: "the last one wins" would hide a mistake (and a second --json a report).
  const seen = new Set<string>();
  for (const token of tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) return { ok: false, problem: `--${token.name} is given twice. fix: give it once` };
    seen.add(token.name);
  }
  const blank = Object.entries(values).find(([, value]) => typeof value === 'string' && value.trim() === '');
  if (blank) return { ok: false, problem: `--${blank[0]} is empty. fix: give it a value, or leave the flag out` };

  if (values['dry-run'] && !values.fix) return { ok: false, problem: '--dry-run goes with --fix. fix: write --fix --dry-run to see the fixes without writing them' };
  const absolute = (value: string | undefined) => (value === undefined ? undefined : path.resolve(value));
  const problem =
    expectKind('--repo', absolute(values.repo), 'folder', 'a Mesh checkout') ??
    expectKind('--docs', absolute(values.docs), 'folder', 'the folder of the pages') ??
    expectKind('--rails', absolute(values.rails), 'file', 'the rails YAML file');
  if (problem) return { ok: false, problem };
  const parsed = parseMeshDocsConfig(
    {
      ...(values.repo !== undefined ? { repoRoot: absolute(values.repo) } : {}),
      ...(values.docs !== undefined ? { docsDir: absolute(values.docs) } : {}),
      ...(values.rails !== undefined ? { railsFile: absolute(values.rails) } : {}),
      ...(values.strict === true ? { strict: true } : {}),
      ...(values['no-cache'] === true ? { cacheDir: false as const } : {}),
    },
    { siteRoot, env },
  );
  if (!parsed.ok) return { ok: false, problem: parsed.problem.what };
  const jsonReport = path.resolve(values.json ?? path.join(parsed.config.reportsDir, 'docs-gate.json'));
  const options: CheckCommandOptions = { config: parsed.config, jsonReport, proofMapFile: path.join(path.dirname(jsonReport), 'proof-map.json') };
  if (values.rail !== undefined) options.rail = values.rail;
  if (values.fix) options.fix = { dryRun: values['dry-run'] === true };
  const reportProblem = prepareReportFolder(options.jsonReport) ?? irregularTarget(options.proofMapFile);
  if (reportProblem) {
    return { ok: false, problem: `--json ${options.jsonReport}${reportProblem.startsWith(`${options.jsonReport} `) ? reportProblem.slice(options.jsonReport.length) : `: ${reportProblem}`}. fix: give a regular file path in a folder you can write, such as reports/docs-gate.json (proof-map.json is written beside it)` };
  }
  return { ok: true, options };
}

function expectKind(flag: string, value: string | undefined, kind: 'file' | 'folder', what: string): string | undefined {
  if (value === undefined) return undefined;
  let isFolder: boolean;
  try {
    isFolder = statSync(value).isDirectory();
  } catch {
    return `${flag} ${value} does not exist. fix: point ${flag} at ${what}`;
  }
  if (kind === 'file' && isFolder) return `${flag} ${value} is a folder. fix: point ${flag} at ${what}`;
  if (kind === 'folder' && !isFolder) return `${flag} ${value} is a file. fix: point ${flag} at ${what}`;
  return undefined;
}
