//! Node-to-node distribution: bootstrap from the environment and continuity
//! (primary/standby role, promotion epoch) bookkeeping.

pub mod bootstrap;
pub mod continuity;
