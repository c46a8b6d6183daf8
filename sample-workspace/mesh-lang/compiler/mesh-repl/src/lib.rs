//! Interactive JIT-backed REPL behind meshc repl.
//! (Sample stand-in: the real crate lives at compiler/mesh-repl.)
