/**
 * The shell variables a rail script keeps its own repo's root in, as the gate reads scripts
 * (gate/relations/roots.ts) and as rails.yaml may not redefine them (rails/schema.ts).
 */
export const SELF_VARIABLES = ['ROOT_DIR', 'REPO_ROOT', 'REPO_DIR', 'PROJECT_ROOT', 'MESH_ROOT'];

/**
 * Names rails.yaml's `rootVars` may not take: the variables above (a product repo claiming
 * `$ROOT_DIR` would make every Mesh script a product-repo script) and the gate's own
 * `MESH_REPO_ROOT`.
 */
export const RESERVED_ROOT_VARIABLES: readonly string[] = [...SELF_VARIABLES, 'MESH_REPO_ROOT'];
