//! Builds the syntax tree from the token stream.
//! (Sample stand-in: the real crate lives at compiler/mesh-parser.)
