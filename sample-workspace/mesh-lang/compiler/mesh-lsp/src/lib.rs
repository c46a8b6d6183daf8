//! Language server for editors.
//! (Sample stand-in: the real crate lives at compiler/mesh-lsp.)
