#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Clustered scaffold: `meshc init --clustered` output builds and its tests pass.
VERIFY_SLUG=m049-s02
source scripts/lib/verify-common.sh
verify_init

scaffold_contract() {
  cargo test -p meshc --test e2e_clustered_init -- --nocapture
}

run_phase scaffold-contract scaffold_contract
verify_finish
