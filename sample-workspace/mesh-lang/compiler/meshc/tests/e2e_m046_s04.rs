//! M046 S04: package build plus automatic startup of declared work.

#[test]
fn startup_work_is_named_after_module_and_function() {
    let (module, function) = ("Work", "add");
    assert_eq!(format!("{module}.{function}"), "Work.add");
}
