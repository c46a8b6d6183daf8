#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
# Historical clustered Todo subrail; runs on top of the S04 cutover rail.
VERIFY_SLUG=m047-s05
ARTIFACT_ROOT=".tmp/m047-s05"
ARTIFACT_DIR="$ARTIFACT_ROOT/verify"
source scripts/lib/verify-common.sh
verify_init

S04_VERIFIER="$ROOT_DIR/scripts/verify-m047-s04.sh"

cutover_rail() {
  bash "$S04_VERIFIER"
}
clustered_todo() {
  cargo test -p meshc --test e2e_m047_s05 -- --nocapture
}

run_phase cutover-rail cutover_rail
run_phase clustered-todo clustered_todo
verify_finish
