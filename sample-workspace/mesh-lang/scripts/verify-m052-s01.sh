#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Operator CLI: argument handling of `meshc cluster status|continuity|diagnostics`.
VERIFY_SLUG=m052-s01
source scripts/lib/verify-common.sh
verify_init

cluster_cli() {
  cargo test -p meshc --test e2e_cluster_cli -- --nocapture
}
help_text() {
  cargo run -q -p meshc -- cluster continuity --help
}

run_phase cluster-cli cluster_cli
run_phase help-text help_text
verify_finish
