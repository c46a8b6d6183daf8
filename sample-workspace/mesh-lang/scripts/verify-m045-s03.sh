#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
# Historical failover-only subrail; the work is done by the M044 S04 rail.
VERIFY_SLUG=m045-s03
ARTIFACT_ROOT=".tmp/m045-s03"
ARTIFACT_DIR="$ARTIFACT_ROOT/verify"
source scripts/lib/verify-common.sh
verify_init

source scripts/lib/m045-failover.sh

failover_subrail() {
  replay_m044_failover
}

run_phase failover-subrail failover_subrail
verify_finish
