#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Historical clustered Todo subrail; runs on top of the S04 cutover rail.
VERIFY_SLUG=m047-s05
source scripts/lib/verify-common.sh
verify_init

cutover_rail() {
  bash scripts/verify-m047-s04.sh
}
clustered_todo() {
  cargo test -p meshc --test e2e_m047_s05 -- --nocapture
}

run_phase cutover-rail cutover_rail
run_phase clustered-todo clustered_todo
verify_finish
