//! Lowers typed MIR to LLVM IR and links native binaries.
//! (Sample stand-in: the real crate lives at compiler/mesh-codegen.)
