//! Manifest parsing, dependency resolution and project scaffolding.
//! (Sample stand-in: the real crate lives at compiler/mesh-pkg.)
