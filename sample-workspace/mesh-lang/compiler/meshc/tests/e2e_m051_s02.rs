//! M051 S02: backend-only replay with job recovery after a forced restart.

const RECOVERY_MARKERS: [&str; 7] = [
    "restart_count",
    "last_exit_reason",
    "recovered_jobs",
    "last_recovery_at",
    "last_recovery_job_id",
    "last_recovery_count",
    "recovery_active",
];

#[test]
fn recovery_markers_are_distinct() {
    let mut sorted = RECOVERY_MARKERS.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), RECOVERY_MARKERS.len());
}
