//! `meshc init --clustered <name>` writes a package-only manifest plus main.mpl and work.mpl.

const EXPECTED_FILES: [&str; 4] = ["mesh.toml", "main.mpl", "work.mpl", "README.md"];

#[test]
fn clustered_scaffold_lists_expected_files() {
    assert!(EXPECTED_FILES.contains(&"work.mpl"));
    assert!(!EXPECTED_FILES.iter().any(|f| f.ends_with(".sql")));
}
