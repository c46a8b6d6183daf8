//! Spans, interned names and other types every compiler stage shares.
//! (Sample stand-in: the real crate lives at compiler/mesh-common.)
