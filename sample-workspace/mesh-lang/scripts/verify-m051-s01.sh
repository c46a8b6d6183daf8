#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Maintainer verifier for the shipped Mesher app (see mesher/README.md).
VERIFY_SLUG=m051-s01
source scripts/lib/verify-common.sh
verify_init

build_mesher() {
  cargo run -q -p meshc -- build mesher --output "$VERIFY_ROOT/mesher"
}
mesher_e2e() {
  cargo test -p meshc --test e2e_m051_s01 -- --nocapture
}

run_phase build-mesher build_mesher
run_phase mesher-e2e mesher_e2e
verify_finish
