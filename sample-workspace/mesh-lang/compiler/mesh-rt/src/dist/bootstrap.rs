//! `Node.start_from_env()` support. The runtime reads its cluster identity from
//! the process environment; the variable names are kept as constants so the
//! operator docs and this module agree on one spelling.

use std::env;

/// Shared secret every node in the cluster must present during the handshake.
pub const COOKIE_ENV: &str = "MESH_CLUSTER_COOKIE";
/// Explicit node identity, `name@host:port`.
pub const NODE_NAME_ENV: &str = "MESH_NODE_NAME";
/// Host name (or DNS name) used to discover peers.
pub const DISCOVERY_SEED_ENV: &str = "MESH_DISCOVERY_SEED";
/// TCP port the node listens on for cluster traffic.
pub const CLUSTER_PORT_ENV: &str = "MESH_CLUSTER_PORT";

pub const DEFAULT_CLUSTER_PORT: u16 = 4370;

#[derive(Debug, Clone)]
pub struct BootstrapConfig {
    pub cookie: String,
    pub node_name: Option<String>,
    pub discovery_seed: Option<String>,
    pub cluster_port: u16,
}

/// Returns `Ok(None)` when no cookie is set: the program then runs standalone.
pub fn config_from_env() -> Result<Option<BootstrapConfig>, String> {
    let Ok(cookie) = env::var(COOKIE_ENV) else {
        return Ok(None);
    };
    let cluster_port = match env::var(CLUSTER_PORT_ENV) {
        Ok(raw) => raw
            .parse()
            .map_err(|_| format!("{CLUSTER_PORT_ENV} is not a port number: {raw}"))?,
        Err(_) => DEFAULT_CLUSTER_PORT,
    };
    Ok(Some(BootstrapConfig {
        cookie,
        node_name: env::var(NODE_NAME_ENV).ok(),
        discovery_seed: env::var(DISCOVERY_SEED_ENV).ok(),
        cluster_port,
    }))
}
