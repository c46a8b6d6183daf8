#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
# Compatibility alias kept so old instructions still work: the real checks
# now live in the M047 cutover rail (M046 closeout).
VERIFY_SLUG=m046-s06
ARTIFACT_ROOT=".tmp/m046-s06"
ARTIFACT_DIR="$ARTIFACT_ROOT/verify"
source scripts/lib/verify-common.sh
verify_init

delegate() {
  "$ROOT_DIR/scripts/verify-m047-s04.sh"
}

run_phase delegate-m047-s04 delegate
verify_finish
