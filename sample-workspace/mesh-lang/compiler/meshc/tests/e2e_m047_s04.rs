//! S04: source-first, route-free clustered work (`@cluster` in source, nothing in mesh.toml).

#[test]
fn manifest_has_no_cluster_section() {
    let manifest = include_str!("../../../scripts/fixtures/clustered/tiny-cluster/mesh.toml");
    assert!(!manifest.contains("[cluster]"));
}

#[test]
fn work_is_declared_in_source() {
    let work = include_str!("../../../scripts/fixtures/clustered/tiny-cluster/work.mpl");
    assert!(work.contains("@cluster pub fn add()"));
}
