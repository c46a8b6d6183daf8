/** Where the site keeps its proof-map inputs, relative to the site root. */
export const DEFAULT_RAILS_FILE = 'src/data/rails.yaml';
export const DEFAULT_DOCS_DIR = 'src/content/docs';
/** The rails' own search index, under dist/ and at this URL path (merged into the site's search). */
export const RAIL_SEARCH_BUNDLE = 'pagefind-rails';
/** The build's reports, relative to the site root: the gate's, and the built-site check's. */
export const GATE_REPORT = 'reports/docs-gate.json';
export const BUILT_SITE_REPORT = 'reports/built-site.json';
/** The folder of the Mesh repo the site lives in (`npm --prefix website ...`, edit links). */
export const SITE_FOLDER_IN_REPO = 'website';
