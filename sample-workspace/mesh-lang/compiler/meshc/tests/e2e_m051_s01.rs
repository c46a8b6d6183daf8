//! M051 S01: the maintained Mesher app builds and answers its health route.

#[test]
fn mesher_package_is_present() {
    let manifest = include_str!("../../../mesher/mesh.toml");
    assert!(manifest.contains("name = \"mesher\""));
}
