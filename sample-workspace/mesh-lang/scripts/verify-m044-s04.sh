#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Failover on the cluster-proof fixture: two local nodes, primary killed,
# standby promoted.
VERIFY_SLUG=m044-s04
ARTIFACT_DIR=".tmp/m044-s04/verify"
source scripts/lib/verify-common.sh
verify_init

build_cluster_proof() {
  cargo run -q -p meshc -- build scripts/fixtures/clustered/cluster-proof --output "$VERIFY_ROOT/cluster-proof"
}
test_cluster_proof() {
  cargo run -q -p meshc -- test scripts/fixtures/clustered/cluster-proof/tests
}
two_node_failover() {
  cargo test -p meshc --test e2e_m046_s04 -- --nocapture
}

run_phase build-cluster-proof build_cluster_proof
run_phase test-cluster-proof test_cluster_proof
run_phase two-node-failover two_node_failover
verify_finish
