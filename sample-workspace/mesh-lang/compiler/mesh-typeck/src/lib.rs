//! Type inference and diagnostics.
//! (Sample stand-in: the real crate lives at compiler/mesh-typeck.)
