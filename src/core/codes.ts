/**
 * Every kind of finding the gate can report, in one table. `summary` is the short title a
 * report prints; `docs` is the anchor of the contributor page that explains the fix.
 * `aggregate: '<word>'` marks a soft finding, counted under that word and failing only a strict
 * run (see `aggregate.ts`).
 */

/** The contributor page that explains each code; `docsUrl` joins it with a code's anchor. */
export const CODES_PAGE = '/contributing/rails/';
export const DIAGNOSTIC_CODES = {
  // The rails YAML
  'yaml-syntax': { summary: 'The rails YAML does not parse', docs: 'rails-yaml' },
  'yaml-schema': { summary: 'A rails YAML field is missing or has the wrong shape', docs: 'rails-yaml' },
  'yaml-duplicate-id': { summary: 'Two entries of the rails YAML share an id', docs: 'rails-yaml' },
  'yaml-unknown-rail': { summary: 'The rails YAML names a rail that is not defined', docs: 'rails-yaml' },
  'yaml-unknown-page': { summary: 'The rails YAML names a page that does not exist', docs: 'rails-yaml' },
  'yaml-placeholder': { summary: 'A rail label or summary is still the placeholder `npm run rail -- new` wrote', docs: 'a-new-rail-from-its-script' },

  // Directives in pages
  'directive-unknown': { summary: 'A page uses a directive the proof map does not know', docs: 'directives' },
  'directive-bad-attribute': { summary: 'A directive has an unknown id, filter or attribute', docs: 'directives' },

  // The gate itself
  'gate-internal': { summary: 'The gate failed while checking this; please report it', docs: 'commands' },

  // Command shapes
  'command-unparsable': { summary: 'A shell line does not parse', docs: 'commands' },
  'command-unknown-shape': { summary: 'A command has no resolver and is not marked as skipped', docs: 'commands' },

  // Repo files
  'path-missing': { summary: 'A repo path shown does not exist', docs: 'repo-paths' },
  'path-untracked': { summary: 'A repo path exists locally but is not committed', docs: 'repo-paths' },
  'path-staged': { summary: 'A repo path is staged but not committed', docs: 'repo-paths' },
  'path-outside-repo': { summary: 'A path escapes the repo root', docs: 'repo-paths' },

  // Scripts
  'script-missing': { summary: 'A script shown does not exist', docs: 'scripts' },
  'script-untracked': { summary: 'A script exists locally but is not committed', docs: 'scripts' },
  'script-staged': { summary: 'A script is staged but not committed', docs: 'scripts' },
  'script-no-help': { summary: 'A script is shown with --help but does not handle it', docs: 'scripts' },
  'script-unknown-flag': { summary: 'A script is shown with a flag its argument handling does not take', docs: 'scripts' },
  'script-bad-value': { summary: 'A script is shown with a value its argument handling does not take', docs: 'scripts' },
  'script-unknown-arg': { summary: 'A script that takes no arguments is shown with one', docs: 'scripts' },
  'script-args-unread': { summary: 'A script is shown with arguments, but the gate cannot read how it takes them', docs: 'scripts' },
  'script-env-unread': { summary: 'An env var set before a script is not read by it', docs: 'scripts' },

  // Cargo
  'cargo-unknown-package': { summary: 'A cargo package is not a workspace member', docs: 'cargo' },
  'cargo-unknown-test': { summary: 'A cargo test target does not exist', docs: 'cargo' },
  'cargo-no-binary': { summary: 'A cargo package has no binary to run', docs: 'cargo' },
  'cargo-unknown-shape': { summary: 'A cargo command has a shape the gate does not check', docs: 'cargo' },

  // npm
  'npm-no-package-json': { summary: 'An npm prefix folder has no package.json', docs: 'npm' },
  'npm-unknown-script': { summary: 'An npm script does not exist', docs: 'npm' },

  // meshc / meshpkg
  'cli-source-missing': { summary: 'The clap source of a CLI could not be read', docs: 'cli' },
  'cli-unknown-subcommand': { summary: 'A subcommand does not exist', docs: 'cli' },
  'cli-unknown-flag': { summary: 'A flag does not exist for this subcommand', docs: 'cli' },
  'cli-bad-value': { summary: 'A flag value is not one the CLI accepts', docs: 'cli' },
  'cli-missing-argument': { summary: 'A required argument is missing', docs: 'cli' },
  'cli-extra-argument': { summary: 'More positional arguments than the CLI takes', docs: 'cli' },
  'cli-missing-value': { summary: 'A flag that takes a value has none', docs: 'cli' },

  // Env vars
  'env-unknown': { summary: 'An env var shown is not read anywhere in the repo source', docs: 'env-vars' },

  // Links
  'link-broken': { summary: 'A link points to a page that does not exist', docs: 'links' },
  'link-bad-fragment': { summary: 'A link points to a heading that does not exist', docs: 'links' },
  'link-repo-missing': { summary: 'A GitHub link points to a repo path that does not exist', docs: 'links' },

  // The two-repo workspace
  'yaml-unknown-repo': { summary: 'The rails YAML names a repo that is not declared under repos', docs: 'rails-yaml' },
  'repo-unverified': { summary: 'Not checked: the checkout of its repo was not found', docs: 'other-repos', aggregate: 'unverified' },

  // Relations and results read from the rail scripts (the live proof map)
  'relation-not-run': { summary: 'A rail lists a rail in `runs` that its script does not run', docs: 'relations' },
  'relation-unread-but-read': { summary: 'A rail declares a run the gate cannot read, but the gate reads it in the script', docs: 'relations' },
  'relation-unlisted': { summary: 'A rail script runs a rail that its `runs` does not list', docs: 'relations' },
  'relation-cycle': { summary: 'Rails run each other in a cycle (or a rail runs itself)', docs: 'relations' },
  'results-mismatch': { summary: "A rail's `results` folder is not the folder its script writes", docs: 'relations' },
  'map-not-listed': { summary: 'A verify script is on no page and in no rail', docs: 'relations', aggregate: 'not on the map' },

  // CI wiring read from the repos' GitHub Actions workflows
  'ci-not-run': { summary: 'No workflow runs this rail, directly or through another rail', docs: 'ci-wiring', aggregate: 'not run by CI' },
  'ci-expectation-mismatch': { summary: "A rail's `ci:` in rails.yaml does not match what the workflows do", docs: 'ci-wiring' },
  'ci-script-missing': { summary: 'A workflow runs a script that is not in the checked commit', docs: 'ci-wiring' },
  'ci-workflow-unreadable': { summary: 'A workflow (or one of its `run:` blocks) cannot be read safely', docs: 'ci-wiring' },
  'ci-uses-unreadable': { summary: 'A job calls a workflow through a `uses:` the gate cannot follow', docs: 'ci-wiring' },

  // The built site (checked after Astro writes dist/)
  'built-link-broken': { summary: 'A link in the built site leads to no page', docs: 'built-site' },
  'built-fragment-missing': { summary: 'A link in the built site names an id its page does not have', docs: 'built-site' },
  'built-asset-missing': { summary: 'A built page loads a file the build does not produce', docs: 'built-site' },
  'built-external-broken': { summary: 'A link to another site does not answer', docs: 'built-site' },
  'built-page-orphan': { summary: 'A built page that no other page links to', docs: 'built-site', aggregate: 'orphan' },

  // Code highlighting
  'highlight-grammar-missing': { summary: 'The Mesh grammar is missing, so Mesh code is plain text', docs: 'mesh-highlighting' },

  // Mesh code on the pages: the standard-library API it calls (src/gate/mesh-api/)
  'mesh-api-unknown-module': { summary: 'Mesh code calls a module the type checker does not know', docs: 'mesh-api' },
  'mesh-api-unknown-function': { summary: 'Mesh code calls a function its module does not declare', docs: 'mesh-api' },
  'mesh-api-wrong-arity': { summary: 'Mesh code calls a function with the wrong number of arguments', docs: 'mesh-api' },
  'mesh-api-untokenizable': { summary: 'A Mesh block does not tokenize as Mesh, so its API cannot be read', docs: 'mesh-api' },
  'mesh-api-mark-no-reason': { summary: 'A Mesh fence is marked gate-skip without a reason', docs: 'mesh-api' },
  'mesh-api-unreadable': { summary: "The type checker's source does not tell whether this API exists", docs: 'mesh-api', aggregate: 'unreadable api' },

  // Hostile or broken input (a gate you can trust)
  'link-outside-site': { summary: 'Once decoded, a link leaves the site root or holds a NUL byte or backslash', docs: 'links' },
  'yaml-unreadable': { summary: 'The rails YAML is missing or cannot be read', docs: 'rails-yaml' },
  'page-not-utf8': { summary: 'A page holds bytes that are not UTF-8', docs: 'page-text' },
  'page-outside-docs': { summary: 'A page is a symlink to a file outside the docs folder', docs: 'page-text' },
  'command-dynamic-word': { summary: 'A command word is only known when it runs, so the gate cannot check it', docs: 'commands' },
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Site path of the section that explains a code (`/contributing/rails/#scripts`). */
export function docsUrl(code: DiagnosticCode): string {
  return `${CODES_PAGE}#${DIAGNOSTIC_CODES[code].docs}`;
}
