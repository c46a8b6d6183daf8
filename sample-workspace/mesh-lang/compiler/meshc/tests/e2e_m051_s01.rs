//! M051 S01: meshc builds a Mesher-shaped package. Mesher itself now lives in the product
//! repo (hyperpush-mono); its maintainer replay runs there.

#[test]
fn builds_a_mesher_shaped_package() {
    let manifest = "[package]\nname = \"mesher\"\nversion = \"0.3.0\"\n";
    assert!(manifest.contains("name = \"mesher\""));
}
