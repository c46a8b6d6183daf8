#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
# Retained backend-only proof replay: forces a restart mid-job and checks the
# runtime recovers the job. On failure, prints the retained recovery markers.
VERIFY_SLUG=m051-s02
ARTIFACT_ROOT=".tmp/m051-s02"
ARTIFACT_DIR="$ARTIFACT_ROOT/verify"
source scripts/lib/verify-common.sh
verify_init
BUNDLE="$(new_proof_bundle)"
RECOVERY_FILE="$BUNDLE/recovery-status.json"

on_verify_failure() {
  echo "[m051-s02] recovery markers from $RECOVERY_FILE:" >&2
  local marker value
  for marker in restart_count last_exit_reason recovered_jobs last_recovery_at \
    last_recovery_job_id last_recovery_count recovery_active; do
    value="$(sed -n "s/.*\"${marker}\": *\([^,}]*\).*/\1/p" "$RECOVERY_FILE" 2>/dev/null | head -n 1 || true)"
    printf '  %s=%s\n' "$marker" "${value:-<missing>}" >&2
  done
}

backend_replay() {
  MESH_PROOF_RECOVERY_FILE="$RECOVERY_FILE" cargo test -p meshc --test e2e_m051_s02 -- --nocapture
}

run_phase backend-replay backend_replay
verify_finish "$BUNDLE"
