//! Turns Mesh source text into tokens.
//! (Sample stand-in: the real crate lives at compiler/mesh-lexer.)
