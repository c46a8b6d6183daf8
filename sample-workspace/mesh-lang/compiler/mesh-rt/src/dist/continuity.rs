//! Continuity records for clustered work, plus the role this node plays.

use std::env;

/// `primary` or `standby`.
pub const ROLE_ENV: &str = "MESH_CONTINUITY_ROLE";
/// Monotonic epoch; a standby promoted to primary bumps it.
pub const PROMOTION_EPOCH_ENV: &str = "MESH_CONTINUITY_PROMOTION_EPOCH";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContinuityRole {
    Primary,
    Standby,
}

pub fn role_from_env() -> Result<ContinuityRole, String> {
    match env::var(ROLE_ENV).as_deref() {
        Ok("primary") | Err(_) => Ok(ContinuityRole::Primary),
        Ok("standby") => Ok(ContinuityRole::Standby),
        Ok(other) => Err(format!("{ROLE_ENV} must be primary or standby, got {other}")),
    }
}

pub fn promotion_epoch_from_env() -> u64 {
    env::var(PROMOTION_EPOCH_ENV)
        .ok()
        .and_then(|raw| raw.parse().ok())
        .unwrap_or(0)
}
