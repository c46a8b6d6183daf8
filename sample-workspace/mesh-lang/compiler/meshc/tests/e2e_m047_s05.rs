//! S05: the historical clustered Todo subrail, kept on fixtures rather than the public starter.

#[test]
fn todo_read_routes_use_explicit_count() {
    let main = include_str!("../../../examples/todo-postgres/main.mpl");
    assert!(main.contains("HTTP.clustered(1,"));
}
