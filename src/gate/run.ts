/**
 * One run of the docs-truth gate: find the repo, read the rails YAML and every page (after
 * directive expansion), extract what they show, resolve it against the repo, and return the
 * findings as data. Collect first, check once: nothing here prints or throws for user errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import remarkProofMap from '../proof-map/remark-proof-map.ts';
import type { MeshDocsConfig } from '../config/mesh-docs-config.ts';
import { currentRails } from '../rails/current.ts';
import { pageHref } from '../rails/build-model.ts';
import { applyStrict } from '../core/aggregate.ts';
import { foldersOwned, linkTextRepos } from './workspace/inline-paths.ts';
import { checkLinks, type PageTargets } from './checks/links.ts';
import { decodePage, pageOutsideDocs } from '../core/page-encoding.ts';
import { resolvesUnder } from '../core/confine.ts';
import { listMarkdownFiles } from '../core/page-files.ts';
import { giveWayToIo } from '../core/give-way.ts';
import { checkRelations, notOnMapDiagnostic, readRailScripts, type RelationsResult } from './relations/check.ts';
import { keepReadingsIn, openWorkspaceReadingCache } from '../repo/reading-cache.ts';
import { codeDigest } from '../core/code-digest.ts';
import { extractFromMarkdown, type MarkdownExtract } from './extract/markdown.ts';
import { hasKeptExtracts, openKeptExtracts, type KeptExtracts, type StepsExtract } from './extract/kept-extracts.ts';
import { extractFromSteps, type RunStep } from './extract/rails-yaml.ts';
import { firstStep, railSteps, workflowSteps, type Rail, type RailsModel } from '../rails/model.ts';
import { openRepo, prepareRepo } from '../repo/repo-view.ts';
import type { CheckedRepo } from '../core/summary.ts';
import { prepareEnvIndex } from './resolvers/env.ts';
import { prepareCliModels } from './resolvers/meshc.ts';
import { resolveCommand } from './resolvers/registry.ts';
import { getRustParser } from './clap/tree-sitter.ts';
import { apiContext } from './mesh-api/api-table.ts';
import { checkPageApi } from './mesh-api/check.ts';
import { loadShellParser, ShellParserNotLoaded, shellParserUses } from './shell/parse-line.ts';
import type { CommandOccurrence, Diagnostic, RepoView, SourcePosition } from '../core/types.ts';
import { workspaceChecks, type WorkspaceChecks } from './workspace/checks.ts';
import { locateCheckout, openWorkspace, type LocatedCheckout, type Workspace } from './workspace/workspace.ts';
import { withSiteFolder } from '../repo/site-overlay.ts';
import { appendAll } from '../core/append.ts';
import { readCiWiring, type CiWiring } from './workflows/wiring.ts';
import { railRuns } from '../rails/result-words.ts';
import type { GateResult } from './report/gate-result.ts';

/**
 * One run over `config` (see config/mesh-docs-config.ts: every path and the repo come from it).
 * Throws the config's `RepoLocateError` when no usable Mesh repo was found; every other problem
 * is a finding.
 */
export async function runGate(config: MeshDocsConfig): Promise<GateResult> {
  try {
    return await runOnce(config);
  } catch (error) {
    if (!(error instanceof ShellParserNotLoaded)) throw error;
    // A run like the last one starts without the shell grammar (the last one parsed nothing
    // anew); this one met a script or workflow that changed since. Again, from the start, with
    // the grammar: a reading that stopped halfway must not stand.
    await loadShellParser();
    return runOnce(config);
  }
}

async function runOnce(config: MeshDocsConfig): Promise<GateResult> {
  if (config.repo instanceof Error) throw config.repo;
  const located = config.repo;
  // What the code is, read once: the kept rails model and the kept readings are both keyed on it.
  const keptIn = config.cacheDir === undefined ? undefined : { folder: config.cacheDir, code: codeDigest() };
  // The git calls that open the repos run as child processes, and the shell grammar (WASM)
  // compiles off the main thread: start both now, so they overlap with reading rails.yaml below.
  // A run with extracts kept from an earlier one may need no grammar at all: it decides once it
  // knows whether they fit (below). The Rust grammar loads only when a Rust reading is not kept.
  const gitAhead = prepareRepo(located.root);
  let grammars: Promise<void> | undefined;
  const loadGrammars = () => {
    grammars ??= loadShellParser();
    grammars.catch(() => {}); // awaited below, where a failure is reported
  };
  if (!keptIn || !hasKeptExtracts(keptIn.folder, config.docsDir)) loadGrammars();
  const diagnostics: Diagnostic[] = [];

  // The same memo the remark plugin reads, so the YAML is parsed once for the gate and pages
  // (and, with a cache folder, once for as long as neither it nor the code changes).
  const rails = currentRails({ yamlPath: config.railsFile, siteRoot: config.siteRoot, docsDir: config.docsDir }, keptIn);
  appendAll(diagnostics, rails.diagnostics);
  // Between the synchronous stretches below, git's answers start its next steps (give-way.ts).
  await giveWayToIo();
  const model = rails.ok ? rails.model : undefined;
  const declared = model ? model.repos : [];
  // Every other root is validated (root-check.ts) before git runs in it.
  let checkouts: LocatedCheckout[];
  try {
    checkouts = declared.map((other) => locateCheckout(other, located, config.env, config.siteRoot));
  } catch (error) {
    await gitAhead; // no git process outlives the run
    throw error;
  }
  const reposAhead = Promise.all([gitAhead, ...checkouts.flatMap((checkout) => (checkout.found ? [prepareRepo(checkout.root)] : []))]);

  // Every page, read from disk (not from Astro's cache) and expanded like the build does, and
  // every step of rails.yaml; this needs no repo, so it runs while git answers.
  const pageFiles = listMarkdownFiles(config.docsDir);
  const kept = keptIn && model ? openKeptExtracts(keptIn.folder, { code: keptIn.code, yamlPath: config.railsFile, siteRoot: config.siteRoot, docsDir: config.docsDir, model, pages: pageFiles }) : undefined;
  // Without the grammar only when the last run like this one parsed nothing anew.
  if (!kept?.warm || kept.grammarNeeded) loadGrammars();
  await giveWayToIo();
  const usesBefore = shellParserUses();
  const pages = await extractPages(config, pageFiles, model, diagnostics, kept);
  await giveWayToIo();
  const stepsOf = model ? await extractRailsSteps(model, kept) : undefined;
  kept?.save();

  await reposAhead;
  // Paths under `website/` are this site's own files (site-overlay.ts).
  const repo = withSiteFolder(openRepo(located.root, located.kind), config.siteRoot);
  // The other repos rails.yaml declares, each checked with the same resolvers in its own checkout.
  const workspace = openWorkspace(repo, declared, checkouts);
  // git reads each repo's env names while the parsers load, and while the rail scripts are read:
  // `git grep` runs on the other core, the reading on this one.
  const views = workspace.repos.flatMap((other) => (other.view ? [other.view] : []));
  const readingCache = keptIn && openWorkspaceReadingCache(keptIn.folder, located.root, keptIn.code);
  if (readingCache) for (const view of views) keepReadingsIn(view, readingCache);
  const scriptsRead = (grammars ?? Promise.resolve()).then(() => {
    if (model) readRailScripts(model, (id) => workspace.byId(id).view);
  });
  // Every git call settles before a failure goes on (a run without the grammar is run again).
  await settledAll([scriptsRead, ...views.flatMap((view) => [prepareCliModels(view), prepareEnvIndex(view)])]);
  const checks = workspaceChecks(workspace, {
    siteScripts: readSiteScripts(config.siteRoot),
    resolve: (command, context) => guarded(command.position, command.text, () => resolveCommand(command, context)),
  });
  let commandCount = 0;
  const resolve = (commands: readonly CommandOccurrence[], repoId = workspace.main.id): Diagnostic[] => {
    commandCount += commands.length;
    return checks.commands(repoId, commands);
  };

  const verifiedRails = model && stepsOf ? checkRailsYaml(model, stepsOf, checks, resolve, diagnostics) : [];
  const meshReferences = await checkMeshCode(config, pages, workspace, diagnostics);
  checkPages(config, pages, checks, workspace, model, resolve, diagnostics);
  const relations = model ? checkScriptRelations(config, model, workspace, pages.sources, diagnostics) : undefined;
  const ci = model && stepsOf ? checkCiWiring(config, model, stepsOf, workspace, relations, diagnostics) : undefined;
  readingCache?.save();
  // The next run like this one loads the grammar at once when this one parsed for a reading
  // that is never kept (it will parse again); else it may start without it.
  kept?.noteGrammar((readingCache?.leftUnkept() ?? false) && shellParserUses() > usesBefore);

  return {
    diagnostics: applyStrict(dedupe(diagnostics), config.strict),
    summary: {
      repo: { root: repo.root, kind: repo.kind, commit: repo.commit },
      repos: workspace.repos.map(checkedRepo),
      commands: commandCount,
      meshReferences,
      pages: pages.byHref.size,
      rails: model ? model.rails.length : 0,
    },
    repo,
    workspace,
    ...(model ? { model } : {}),
    verifiedRails,
    ...(relations ? { relations } : {}),
    ...(ci ? { ci } : {}),
  };
}

/** Like `Promise.all`, but waits for every promise to settle before it throws the first failure. */
async function settledAll(promises: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/** What a list of rails.yaml steps runs, from the extracts made before the checks. */
type StepsOf = (steps: readonly RunStep[]) => StepsExtract;

/**
 * Stage: what every step of rails.yaml runs (each rail's steps; the first step of a rail
 * without a script, which CI wiring matches to workflow steps; the operator workflow), parsed
 * once, or kept from an earlier run. The grammar loads here only when a list is new.
 */
async function extractRailsSteps(model: RailsModel, kept: KeptExtracts | undefined): Promise<StepsOf> {
  const lists = [
    ...model.rails.flatMap((rail) => {
      const first = rail.script ? undefined : firstStep(rail);
      return first ? [railSteps(rail), [first]] : [railSteps(rail)];
    }),
    workflowSteps(model),
  ];
  const made = new Map<string, StepsExtract>();
  // Steps are keyed by their JSON text: the same text keys them in the kept file too.
  const keyOf = (steps: readonly RunStep[]) => JSON.stringify(steps);
  for (const steps of lists) {
    const key = keyOf(steps);
    if (made.has(key)) continue;
    const entry = kept?.steps(key);
    let extract = entry?.kept;
    if (extract === undefined) {
      await loadShellParser();
      extract = extractFromSteps(steps);
    }
    entry?.keep(extract);
    made.set(key, extract);
  }
  return (steps) => made.get(keyOf(steps)) ?? extractFromSteps(steps);
}

type Resolve = (commands: readonly CommandOccurrence[], repoId?: string) => Diagnostic[];
type Pages = Awaited<ReturnType<typeof extractPages>>;

/** Stage: every command and path rails.yaml shows; returns the rails whose every command resolved. */
function checkRailsYaml(model: RailsModel, stepsOf: StepsOf, checks: WorkspaceChecks, resolve: Resolve, diagnostics: Diagnostic[]): string[] {
  const verifiedRails: string[] = [];
  for (const rail of model.rails) {
    const extracted = stepsOf(railSteps(rail));
    const found = appendAll([], extracted.diagnostics, resolve(extracted.commands, rail.repo));
    appendAll(diagnostics, found);
    // Verified means checked and found: an unverified (soft) finding withholds the badge too.
    if (!found.some((d) => d.severity === 'error' || d.code === 'repo-unverified')) verifiedRails.push(rail.id);
  }
  const workflow = stepsOf(workflowSteps(model));
  appendAll(diagnostics, workflow.diagnostics, resolve(workflow.commands));
  for (const surface of model.surfaces) {
    if (surface.kind === 'path') appendAll(diagnostics, checks.yamlPath(surface.repo, surface.path, surface.position));
  }
  return verifiedRails;
}

/**
 * Stage: Mesh code, every `Module.function` against the checked repo's type checker
 * (gate/mesh-api/); returns how many references were checked. MESH_API_CHECK=off leaves it out
 * and =uncached reads infer.rs every run, kept readings or not: the benchmark's baselines.
 */
async function checkMeshCode(config: MeshDocsConfig, pages: Pages, workspace: Workspace, diagnostics: Diagnostic[]): Promise<number> {
  const mode = config.env['MESH_API_CHECK'];
  if (mode === 'off') return 0;
  const api = await apiContext(workspace.main.view, getRustParser, { uncached: mode === 'uncached' });
  let references = 0;
  for (const { file, extract } of pages.byHref.values()) {
    const checked = guardedApi(file, () => checkPageApi(extract.meshBlocks, api));
    appendAll(diagnostics, checked.diagnostics);
    references += checked.references;
  }
  return references;
}

/** Stage: each page's commands, links and #fragments, and inline repo paths. */
function checkPages(
  config: MeshDocsConfig,
  pages: Pages,
  checks: WorkspaceChecks,
  workspace: Workspace,
  model: RailsModel | undefined,
  resolve: Resolve,
  diagnostics: Diagnostic[],
): void {
  // Folders rails.yaml places in a repo (its rails' scripts, its path surfaces): a bare
  // `mesher/...` in prose belongs to the product repo even when its checkout is missing.
  const ownedFolders = foldersOwned(
    model
      ? [
          ...model.rails.map((rail) => ({ repo: rail.repo, path: rail.script })),
          ...model.surfaces.flatMap((surface) => (surface.kind === 'path' ? [{ repo: surface.repo, path: surface.path }] : [])),
        ]
      : [],
  );
  const targets = new Map<string, PageTargets>(
    [...pages.byHref].map(([href, page]) => [href, { href, anchors: new Set([...page.extract.headings, ...page.extract.anchors]) }]),
  );
  for (const [href, { extract }] of pages.byHref) {
    appendAll(diagnostics, extract.diagnostics, resolve(extract.commands));
    appendAll(diagnostics, checkLinks(extract.links, href, targets, checks.repoLinks, path.join(config.siteRoot, 'public')));
    appendAll(diagnostics, checks.inlinePaths(extract.inlineCode, linkTextRepos(extract.links, workspace), ownedFolders));
  }
}

/** Stage: what the scripts really run and write, against what the YAML says (both places named). */
function checkScriptRelations(config: MeshDocsConfig, model: RailsModel, workspace: Workspace, pageSources: readonly string[], diagnostics: Diagnostic[]): RelationsResult {
  const show = showIn(config.siteRoot);
  const relations = checkRelations(model, (id) => workspace.byId(id).view, pageSources, show);
  appendAll(diagnostics, relations.diagnostics, relations.notOnMap.map(notOnMapDiagnostic));
  return relations;
}

/**
 * Stage: which CI workflows run each rail (through the relations just read), against `ci:` in
 * the YAML. PROOF_CI=off skips the workflows: only the benchmark's baseline uses it.
 */
function checkCiWiring(config: MeshDocsConfig, model: RailsModel, stepsOf: StepsOf, workspace: Workspace, relations: RelationsResult | undefined, diagnostics: Diagnostic[]): CiWiring | undefined {
  if (config.env['PROOF_CI']?.toLowerCase() === 'off') return undefined;
  const show = showIn(config.siteRoot);
  const runsOf = (id: string) => railRuns(model.railById.get(id)?.runs ?? [], relations?.byRail.get(id)?.read.map((r) => r.rail) ?? []);
  const firstCommand = (rail: Rail) => {
    const step = firstStep(rail);
    return step ? stepsOf([step]).commands[0] : undefined;
  };
  const ci = readCiWiring(model, (id) => workspace.byId(id).view, runsOf, show, firstCommand);
  appendAll(diagnostics, ci.diagnostics);
  return ci;
}

/** Places in repo files as reports show them (see `shownPath`); relations and CI wiring share it. */
function showIn(siteRoot: string): (view: RepoView, at: SourcePosition) => SourcePosition {
  return (view, at) => ({ ...at, file: shownPath(siteRoot, path.join(view.root, at.file)) });
}

/**
 * The docs pages (`files`, relative to the docs folder), each decoded and expanded (directives
 * included) into what the gate checks. A page whose text, rails model, fellow pages and code
 * are as in an earlier run is not parsed again (extract/kept-extracts.ts).
 */
async function extractPages(
  { siteRoot, docsDir, railsFile: yamlPath }: MeshDocsConfig,
  files: readonly string[],
  model: RailsModel | undefined,
  diagnostics: Diagnostic[],
  kept: KeptExtracts | undefined,
): Promise<{ byHref: Map<string, { file: string; extract: MarkdownExtract }>; sources: string[] }> {
  const byHref = new Map<string, { file: string; extract: MarkdownExtract }>();
  const sources: string[] = [];
  for (const file of files) {
    const absolute = path.join(docsDir, file);
    const relative = path.relative(siteRoot, absolute).split(path.sep).join('/');
    if (!resolvesUnder(docsDir, absolute)) {
      diagnostics.push(pageOutsideDocs(relative));
      continue;
    }
    const page = decodePage(readFileSync(absolute), relative);
    appendAll(diagnostics, page.diagnostics);
    // Pages are written against rails.yaml (directives, `:gate-skip`, rail anchors): while it is
    // broken, checking them would bury its one clear finding under findings that follow from it.
    if (!model) continue;
    sources.push(page.text);
    const entry = kept?.page(relative, page.text);
    let extract = entry?.kept;
    if (extract === undefined) {
      try {
        extract = await extractFromMarkdown({
          file: relative,
          source: page.text,
          // The graph is drawn for readers only: it shows no command the gate must check.
          remarkPlugins: [[remarkProofMap, { yamlPath, siteRoot, docsDir, graph: false }]],
        });
      } catch (error) {
        const at = { file: relative, line: 1, column: 1 };
        appendAll(diagnostics, guarded(at, relative, () => { throw error; }));
        continue;
      }
    }
    entry?.keep(extract);
    byHref.set(pageHref(file), { file: relative, extract });
  }
  return { byHref, sources };
}

/**
 * A bug in one check must not hide the others or end in a stack trace: it becomes one
 * finding at the place being checked.
 */
function guarded(position: Diagnostic['position'], subject: string, check: () => Diagnostic[]): Diagnostic[] {
  try {
    return check();
  } catch (error) {
    if (error instanceof ShellParserNotLoaded) throw error; // not a finding: the run starts again with the grammar
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        code: 'gate-internal',
        severity: 'error',
        position,
        subject,
        message: `the gate failed while checking this: ${reason}`,
        suggestion: 'report this with the command shown; mark it gate-skip="why" to unblock the build meanwhile',
      },
    ];
  }
}

/** The Mesh API check of one page, with a bug in it reported like any check's (see `guarded`). */
function guardedApi(file: string, check: () => { diagnostics: Diagnostic[]; references: number }): { diagnostics: Diagnostic[]; references: number } {
  let references = 0;
  const diagnostics = guarded({ file, line: 1, column: 1 }, file, () => {
    const result = check();
    references = result.references;
    return result.diagnostics;
  });
  return { diagnostics, references };
}

function checkedRepo(repo: Workspace['repos'][number]): CheckedRepo {
  return { id: repo.id, name: repo.name, root: repo.root, source: repo.source, found: repo.view !== undefined, ...(repo.view?.commit ? { commit: repo.view.commit } : {}) };
}

function readSiteScripts(siteRoot: string): Record<string, string> {
  try {
    const manifest = JSON.parse(readFileSync(path.join(siteRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    return manifest.scripts ?? {};
  } catch {
    return {};
  }
}

/** A generated link repeated on a page is one finding, not several. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}\0${d.position.file}:${d.position.line}:${d.position.column}\0${d.subject}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A repo file as reports name places: relative to the site root when the file is in the site's
 * parent folder (the Mesh repo around `website/`, or the bundled sample inside the site), so a
 * terminal or a CI annotation can open it; else absolute.
 */
function shownPath(siteRoot: string, file: string): string {
  const relative = path.relative(siteRoot, file);
  const insideParent = !path.relative(path.dirname(siteRoot), file).startsWith('..');
  return (insideParent && !path.isAbsolute(relative) ? relative : file).split(path.sep).join('/');
}
