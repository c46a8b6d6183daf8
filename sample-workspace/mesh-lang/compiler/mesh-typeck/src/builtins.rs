//! Names every program sees without an import (sample stand-in, trimmed). Each runtime entry
//! point is also registered under a flat name, `<module>_<function>`, that MIR lowering maps to
//! its runtime symbol.

use crate::env::TypeEnv;
use crate::ty::{Scheme, Ty};

pub fn register_builtins(env: &mut TypeEnv) {
    env.insert("println".into(), Scheme::mono(Ty::fun(vec![Ty::string()], Ty::Tuple(vec![]))));
    env.insert("print".into(), Scheme::mono(Ty::fun(vec![Ty::string()], Ty::Tuple(vec![]))));

    env.insert("string_length".into(), Scheme::mono(Ty::fun(vec![Ty::string()], Ty::int())));
    env.insert("string_to_lower".into(), Scheme::mono(Ty::fun(vec![Ty::string()], Ty::string())));
    env.insert("io_eprintln".into(), Scheme::mono(Ty::fun(vec![Ty::string()], Ty::Tuple(vec![]))));

    let router_t = Ty::Con(crate::ty::TyCon::new("Router"));
    env.insert(
        "http_serve_tls".into(),
        Scheme::mono(Ty::fun(vec![router_t, Ty::int(), Ty::string(), Ty::string()], Ty::Tuple(vec![]))),
    );
    env.insert(
        "ws_serve_tls".into(),
        Scheme::mono(Ty::fun(vec![Ty::int(), Ty::string(), Ty::string()], Ty::Tuple(vec![]))),
    );
}
