#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
# Authoritative M047 cutover rail: clustered work is declared in source
# (@cluster) and stays route-free; the manifest carries no cluster section.
VERIFY_SLUG=m047-s04
ARTIFACT_ROOT=".tmp/m047-s04"
ARTIFACT_DIR="$ARTIFACT_ROOT/verify"
source scripts/lib/verify-common.sh
verify_init

build_tiny_cluster() {
  cargo run -q -p meshc -- build scripts/fixtures/clustered/tiny-cluster
}
test_tiny_cluster() {
  cargo run -q -p meshc -- test scripts/fixtures/clustered/tiny-cluster/tests
}
source_first_contract() {
  cargo test -p meshc --test e2e_m047_s04 -- --nocapture
}

run_phase build-tiny-cluster build_tiny_cluster
run_phase test-tiny-cluster test_tiny_cluster
run_phase source-first-contract source_first_contract
verify_finish
