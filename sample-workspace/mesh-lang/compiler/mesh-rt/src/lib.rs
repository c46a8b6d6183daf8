//! The Mesh runtime: scheduler, actors, distribution and database access.
//! (Sample stand-in: only the modules the docs refer to are sketched here.)

pub mod db;
pub mod dist;
