/** Where the site keeps its proof-map inputs, relative to the site root. */
export const DEFAULT_RAILS_FILE = 'src/data/rails.yaml';
export const DEFAULT_DOCS_DIR = 'src/content/docs';
/** The rails' own search index, under dist/ and at this URL path (merged into the site's search). */
export const RAIL_SEARCH_BUNDLE = 'pagefind-rails';
