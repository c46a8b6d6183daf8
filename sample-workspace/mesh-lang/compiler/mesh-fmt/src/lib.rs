//! Source formatter behind meshc fmt.
//! (Sample stand-in: the real crate lives at compiler/mesh-fmt.)
