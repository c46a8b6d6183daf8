//! Type inference (sample stand-in, trimmed: only the standard-library table and the
//! qualified-name lookup that consults it, in the shape the real crate uses).

use std::collections::HashMap;

use crate::ty::{Scheme, Ty, TyCon, TyVar};

/// The standard library as the type checker sees it: module name -> function name -> type.
fn stdlib_modules() -> HashMap<String, HashMap<String, Scheme>> {
    let mut modules: HashMap<String, HashMap<String, Scheme>> = HashMap::new();

    // String
    let mut string_mod = HashMap::new();
    string_mod.insert(
        "length".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string()], Ty::int())),
    );
    string_mod.insert(
        "to_lower".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string()], Ty::string())),
    );
    string_mod.insert(
        "to_upper".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string()], Ty::string())),
    );
    string_mod.insert(
        "split".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string(), Ty::string()], Ty::list(Ty::string()))),
    );
    modules.insert("String".to_string(), string_mod);

    // IO: reading a line and writing to stderr (printing is the flat `println`)
    let mut io_mod = HashMap::new();
    io_mod.insert(
        "read_line".to_string(),
        Scheme::mono(Ty::fun(vec![], Ty::result(Ty::string(), Ty::string()))),
    );
    io_mod.insert(
        "eprintln".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string()], Ty::Tuple(vec![]))),
    );
    modules.insert("IO".to_string(), io_mod);

    // Math: a constant beside the functions
    let mut math_mod = HashMap::new();
    math_mod.insert("pi".to_string(), Scheme::mono(Ty::float()));
    math_mod.insert(
        "pow".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::float(), Ty::float()], Ty::float())),
    );
    modules.insert("Math".to_string(), math_mod);

    // JSON, and Json: a copy whose `encode` takes any value
    let json_t = Ty::Con(TyCon::new("Json"));
    let mut json_mod = HashMap::new();
    json_mod.insert(
        "parse".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string()], Ty::result(json_t.clone(), Ty::string()))),
    );
    json_mod.insert(
        "encode".to_string(),
        Scheme::mono(Ty::fun(vec![json_t.clone()], Ty::string())),
    );
    modules.insert("JSON".to_string(), json_mod.clone());
    let any_value = TyVar(7001);
    let mut json_alias = json_mod;
    json_alias.insert(
        "encode".to_string(),
        Scheme {
            vars: vec![any_value],
            ty: Ty::fun(vec![Ty::Var(any_value)], Ty::string()),
        },
    );
    json_alias.insert(
        "get".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string(), Ty::string()], Ty::string())),
    );
    modules.insert("Json".to_string(), json_alias);

    // Pg: SQL helpers, several registered over one literal list
    let ptr_t = Ty::Con(TyCon::new("Ptr"));
    let mut pg_mod = HashMap::new();
    for cast in ["jsonb", "text", "uuid"] {
        pg_mod.insert(
            cast.to_string(),
            Scheme::mono(Ty::fun(vec![ptr_t.clone()], ptr_t.clone())),
        );
    }
    for search in ["to_tsvector", "plainto_tsquery"] {
        pg_mod.insert(
            search.to_string(),
            Scheme::mono(Ty::fun(vec![Ty::string(), ptr_t.clone()], ptr_t.clone())),
        );
    }
    modules.insert("Pg".to_string(), pg_mod);

    // Ws: the TLS server is only a flat builtin (builtins.rs), not a member of this map
    let mut ws_mod = HashMap::new();
    ws_mod.insert(
        "send".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::int(), Ty::string()], Ty::int())),
    );
    modules.insert("Ws".to_string(), ws_mod);

    // Node: spawn and spawn_link take any arguments, so infer_field_access answers them
    let mut node_mod = HashMap::new();
    node_mod.insert(
        "start".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string(), Ty::string()], Ty::int())),
    );
    node_mod.insert(
        "start_from_env".to_string(),
        Scheme::mono(Ty::fun(
            vec![],
            Ty::result(Ty::Con(TyCon::new("BootstrapStatus")), Ty::string()),
        )),
    );
    node_mod.insert(
        "connect".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string()], Ty::int())),
    );
    node_mod.insert("self".to_string(), Scheme::mono(Ty::fun(vec![], Ty::string())));
    node_mod.insert(
        "list".to_string(),
        Scheme::mono(Ty::fun(vec![], Ty::list(Ty::string()))),
    );
    node_mod.insert(
        "monitor".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string()], Ty::int())),
    );
    modules.insert("Node".to_string(), node_mod);

    // Global: the cluster-wide name registry
    {
        let mut global_mod = HashMap::new();
        global_mod.insert(
            "register".to_string(),
            Scheme::mono(Ty::fun(vec![Ty::string(), Ty::int()], Ty::int())),
        );
        global_mod.insert(
            "whereis".to_string(),
            Scheme::mono(Ty::fun(vec![Ty::string()], Ty::int())),
        );
        global_mod.insert(
            "unregister".to_string(),
            Scheme::mono(Ty::fun(vec![Ty::string()], Ty::int())),
        );
        modules.insert("Global".to_string(), global_mod);
    }

    // Iter: lazy pipelines over a collection
    let iter_t = TyVar(7100);
    let iterator_t = Ty::Con(TyCon::new("ListIterator"));
    let mut iter_mod = HashMap::new();
    iter_mod.insert(
        "from".to_string(),
        Scheme {
            vars: vec![iter_t],
            ty: Ty::fun(vec![Ty::list(Ty::Var(iter_t))], iterator_t.clone()),
        },
    );
    iter_mod.insert(
        "filter".to_string(),
        Scheme::mono(Ty::fun(vec![iterator_t.clone(), Ty::fun(vec![Ty::int()], Ty::bool())], iterator_t.clone())),
    );
    iter_mod.insert(
        "count".to_string(),
        Scheme::mono(Ty::fun(vec![iterator_t.clone()], Ty::int())),
    );
    modules.insert("Iter".to_string(), iter_mod);

    // Continuity: `promote` is refused by infer_field_access (promotion is automatic)
    let mut continuity_mod = HashMap::new();
    continuity_mod.insert(
        "status".to_string(),
        Scheme::mono(Ty::fun(vec![Ty::string()], Ty::string())),
    );
    modules.insert("Continuity".to_string(), continuity_mod);

    modules
}

/// Names that read as modules in `Module.function`.
const STDLIB_MODULE_NAMES: &[&str] = &[
    "String",
    "IO",
    "Math",
    "JSON",
    "Json",
    "Pg",
    "Ws",
    "Node",
    "Global",
    "Iter",
    "Continuity",
];

fn is_stdlib_module(name: &str) -> bool {
    STDLIB_MODULE_NAMES.contains(&name)
}

/// `HTTP.clustered(...)` wraps a route handler; it is checked where routes are registered.
fn is_http_clustered_callee(base_name: &str, field_name: &str) -> bool {
    base_name == "HTTP" && field_name == "clustered"
}

/// `base.field`: a qualified function first, then a field of a value.
fn infer_field_access(ctx: &mut InferCtx, base_name: String, field_name: String) -> Result<Ty, TypeError> {
    if base_name == "Continuity" && field_name == "promote" {
        let err = TypeError::ManualContinuityPromotionDisabled;
        ctx.errors.push(err.clone());
        return Err(err);
    }

    if is_stdlib_module(&base_name) {
        let modules = stdlib_modules();
        if let Some(exports) = modules.get(&base_name) {
            if let Some(scheme) = exports.get(&field_name) {
                return Ok(ctx.instantiate(scheme));
            }
        }
    }

    // Any number of arguments: the call site decides.
    if base_name == "Node" && (field_name == "spawn" || field_name == "spawn_link") {
        return Ok(ctx.fresh_var());
    }

    // Functions the compiler derives for the program's own types.
    if field_name == "from_json" {
        if let Some(ty) = derived_from_json(ctx, &base_name) {
            return Ok(ty);
        }
    }
    if field_name == "__table__"
        || field_name == "__fields__"
        || (field_name.starts_with("__") && field_name.ends_with("_col__"))
    {
        if let Some(ty) = derived_schema_fn(ctx, &base_name, &field_name) {
            return Ok(ty);
        }
    }

    infer_value_field(ctx, base_name, field_name)
}
