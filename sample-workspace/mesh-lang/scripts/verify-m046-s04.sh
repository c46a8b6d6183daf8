#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Compatibility alias kept so old instructions still work: the real checks
# now live in the M047 cutover rail.
VERIFY_SLUG=m046-s04
source scripts/lib/verify-common.sh
verify_init

delegate() {
  bash scripts/verify-m047-s04.sh
}

run_phase delegate-m047-s04 delegate
verify_finish
