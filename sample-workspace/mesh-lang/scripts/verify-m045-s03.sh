#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Historical failover-only subrail; the work is done by the M044 S04 rail.
VERIFY_SLUG=m045-s03
source scripts/lib/verify-common.sh
verify_init

failover_subrail() {
  bash scripts/verify-m044-s04.sh
}

run_phase failover-subrail failover_subrail
verify_finish
