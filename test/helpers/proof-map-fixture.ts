/** A tiny site on disk (rails.yaml + docs folder) and Markdown renderers that use the real plugins. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { pathToFileURL } from 'node:url';
import { markdownToHtml } from 'satteri';
import { VFile } from 'vfile';
import { stackedTables } from '../../src/markdown/stacked-tables.ts';
import { unbrokenWords } from '../../src/markdown/unbroken-words.ts';
import { satteriProofMap } from '../../src/proof-map/satteri-proof-map.ts';
import type { ProofMapOptions } from '../../src/proof-map/expand-directive.ts';
import remarkProofMap from '../../src/proof-map/remark-proof-map.ts';

export interface ProofMapFixture {
  options: ProofMapOptions;
  /** Through remark, as the gate reads pages. */
  render(markdown: string, page?: string): Promise<string>;
  /** Through Sätteri with the site's plugins, as the site renders pages. */
  renderSite(markdown: string, page?: string): Promise<string>;
  writeYaml(text: string): void;
}

export function proofMapFixture(yaml: string, pages: string[]): ProofMapFixture {
  const siteRoot = mkdtempSync(path.join(tmpdir(), 'proof-map-'));
  const docsDir = path.join(siteRoot, 'src/content/docs');
  mkdirSync(docsDir, { recursive: true });
  mkdirSync(path.join(siteRoot, 'src/data'), { recursive: true });
  for (const page of pages) writeFileSync(path.join(docsDir, page), '# page\n');
  const yamlPath = path.join(siteRoot, 'src/data/rails.yaml');
  writeFileSync(yamlPath, yaml);
  const options: ProofMapOptions = { yamlPath, siteRoot, docsDir };
  return {
    options,
    writeYaml: (text) => writeFileSync(yamlPath, text),
    async render(markdown, page = pages[0]!) {
      const file = new VFile({ path: path.join(docsDir, page), value: markdown });
      const result = await unified()
        .use(remarkParse)
        .use(remarkGfm)
        .use(remarkDirective)
        .use(remarkProofMap, options)
        .use(remarkRehype)
        .use(rehypeStringify)
        .process(file);
      return String(result);
    },
    async renderSite(markdown, page = pages[0]!) {
      const result = await markdownToHtml(markdown, {
        fileURL: pathToFileURL(path.join(docsDir, page)),
        features: { directive: true },
        mdastPlugins: [satteriProofMap(options)],
        hastPlugins: [stackedTables, unbrokenWords],
      });
      return result.html;
    },
  };
}

/** A rails.yaml with every tier, a multi-form rail, surfaces and a workflow, for pages proof.md and backend.md. */
export const PROOF_MAP_YAML = `pages:
  - { id: proof, title: Proof, file: proof.md }
  - { id: backend, title: Backend, file: backend.md }
surfaces:
  - page: backend
    role: Backend hand-off.
  - path: examples/todo/README.md
    role: The <starter> & its README.
  - rail: deploy
rails:
  - id: deploy
    tier: public
    label: Staged deploy
    summary: Deploys in stages.
    steps: [bash scripts/verify-deploy.sh]
    results: .tmp/deploy/verify/
    failureMaps: [proof]
  - id: replay
    tier: maintainer
    label: Backend replay
    summary: Replays the backend.
    steps: [bash scripts/verify-replay.sh]
    runs: [deploy]
    failureMaps: [proof, backend]
  - id: cutover
    tier: retained
    label: Cutover
    summary: Older cutover rail.
    steps: [bash scripts/verify-cutover.sh]
    failureMaps: [proof]
  - id: fixture
    tier: fixture
    label: Fixture contract
    summary: Builds then tests a fixture.
    steps:
      - cargo run -q -p meshc -- build fixtures/a
      - cargo run -q -p meshc -- test fixtures/a/tests
    failureMaps: [backend, proof]
  - id: fly
    tier: reference
    label: Fly check
    summary: Read-only look.
    forms:
      - label: help only
        steps: [bash scripts/verify-fly.sh --help]
      - label: live
        steps:
          - run: bash scripts/verify-fly.sh
            env: { FLY_APP: demo, FLY_URL: "https://x.example" }
    failureMaps: [proof]
operatorWorkflow:
  - run: meshc cluster status <node> --json
    purpose: Membership first.
  - run: meshc cluster diagnostics <node> --json
    purpose: Then the wide view.
`;
