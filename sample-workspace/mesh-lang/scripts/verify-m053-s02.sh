#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Failover proof for the staged PostgreSQL starter: replays S01 first, then
# kills the primary, promotes the standby and checks continuity survived.
: "${DATABASE_URL:?verify-m053-s02 needs DATABASE_URL set to a disposable PostgreSQL database}"

VERIFY_SLUG=m053-s02
source scripts/lib/verify-common.sh
verify_init
BUNDLE="$(new_proof_bundle)"

replay_staged_deploy() {
  bash scripts/verify-m053-s01.sh
}
failover() {
  cargo test -p meshc --test e2e_m053_s02 -- --nocapture
}
retain_bundle() {
  cp -R .tmp/m053-s01/verify "$BUNDLE/staged-deploy"
}

run_phase replay-staged-deploy replay_staged_deploy
run_phase failover failover
run_phase retain-bundle retain_bundle
verify_finish "$BUNDLE"
