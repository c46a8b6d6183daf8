//! `meshc cluster status|continuity|diagnostics` argument handling.

#[test]
fn operator_order_is_status_continuity_diagnostics() {
    let order = ["status", "continuity", "continuity <key>", "diagnostics"];
    assert_eq!(order.first(), Some(&"status"));
    assert_eq!(order.last(), Some(&"diagnostics"));
}
