#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
# Failover proof for the staged PostgreSQL starter: replays S01 first, then
# kills the primary, promotes the standby and checks continuity survived.
: "${DATABASE_URL:?verify-m053-s02 needs DATABASE_URL set to a disposable PostgreSQL database}"

VERIFY_SLUG=m053-s02
ARTIFACT_ROOT=".tmp/m053-s02"
ARTIFACT_DIR="$ARTIFACT_ROOT/verify"
source scripts/lib/verify-common.sh
verify_init
BUNDLE="$(new_proof_bundle)"

run_nested_m053_s01_contract() {
  local label="$1" phase="$2" seconds="$3"
  shift 3
  run_expect_success "$label" "$phase" no "$seconds" "$@"
}
replay_staged_deploy() {
  run_nested_m053_s01_contract m053-s01-contract m053-s01-contract 3600 \
    bash scripts/verify-m053-s01.sh
}
failover() {
  cargo test -p meshc --test e2e_m053_s02 -- --nocapture
}
retain_bundle() {
  cp -R .tmp/m053-s01/verify "$BUNDLE/staged-deploy"
  # Keep the exact S01 script that was replayed next to its results.
  cp "$ROOT_DIR/scripts/verify-m053-s01.sh" "$BUNDLE/"
}

run_phase replay-staged-deploy replay_staged_deploy
run_phase failover failover
run_phase retain-bundle retain_bundle
verify_finish "$BUNDLE"
