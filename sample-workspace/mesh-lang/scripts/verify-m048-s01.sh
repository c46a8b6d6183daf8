#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Formatter stability: every fixture is already formatted.
VERIFY_SLUG=m048-s01
source scripts/lib/verify-common.sh
verify_init

fmt_check() {
  cargo run -q -p meshc -- fmt --check scripts/fixtures
}

run_phase fmt-check fmt_check
verify_finish
