# shellcheck shell=bash
# Bookkeeping shared by the scripts/verify-*.sh rails of this sample.
#
# A rail sets VERIFY_SLUG (e.g. m053-s01) and usually ARTIFACT_DIR, sources this
# file, calls verify_init, runs its phases with run_phase, and ends with
# verify_finish. Results land in ARTIFACT_DIR (default .tmp/<slug>/verify/):
#   status.txt          running | ok | failed
#   current-phase.txt   init, then the phase in progress (or the one that failed), then complete
#   phase-report.txt    one "<phase>\t<passed|failed>" line per phase
#   full-contract.log   combined output of every phase
#   latest-proof-bundle.txt  path of the proof bundle this run kept, if any

: "${VERIFY_SLUG:?set VERIFY_SLUG before sourcing verify-common.sh}"
VERIFY_ROOT="${ARTIFACT_ROOT:-.tmp/${VERIFY_SLUG}}"
VERIFY_DIR="${ARTIFACT_DIR:-${VERIFY_ROOT}/verify}"

verify_init() {
  mkdir -p "$VERIFY_DIR"
  printf 'running\n' >"$VERIFY_DIR/status.txt"
  printf 'init\n' >"$VERIFY_DIR/current-phase.txt"
  : >"$VERIFY_DIR/phase-report.txt"
  : >"$VERIFY_DIR/full-contract.log"
}

run_phase() {
  local phase="$1"
  shift
  printf '%s\n' "$phase" >"$VERIFY_DIR/current-phase.txt"
  echo "==> [${VERIFY_SLUG}] ${phase}"
  if "$@" >>"$VERIFY_DIR/full-contract.log" 2>&1; then
    printf '%s\tpassed\n' "$phase" >>"$VERIFY_DIR/phase-report.txt"
  else
    printf '%s\tfailed\n' "$phase" >>"$VERIFY_DIR/phase-report.txt"
    printf 'failed\n' >"$VERIFY_DIR/status.txt"
    echo "[${VERIFY_SLUG}] phase '${phase}' failed; log: $VERIFY_DIR/full-contract.log" >&2
    if declare -F on_verify_failure >/dev/null; then
      on_verify_failure "$phase"
    fi
    exit 1
  fi
}

# Creates a fresh, timestamped proof bundle directory and prints its path.
new_proof_bundle() {
  local bundle
  bundle="${VERIFY_ROOT}/proof-bundles/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$bundle"
  printf '%s\n' "$bundle"
}

verify_finish() {
  if [[ -n "${1:-}" ]]; then
    printf '%s\n' "$1" >"$VERIFY_DIR/latest-proof-bundle.txt"
  fi
  printf 'complete\n' >"$VERIFY_DIR/current-phase.txt"
  printf 'ok\n' >"$VERIFY_DIR/status.txt"
  echo "[${VERIFY_SLUG}] ok"
}

# run_expect_success <label> <phase> <allow-failure yes|no> <timeout-seconds> <command...>
# Runs a nested command (often another rail) with a timeout and logs it under <label>.
run_expect_success() {
  local label="$1" phase="$2" allow_failure="$3" seconds="$4"
  shift 4
  echo "==> [${VERIFY_SLUG}] ${phase}: ${label}"
  if ! timeout "$seconds" "$@" >>"$VERIFY_DIR/${label}.log" 2>&1; then
    [[ "$allow_failure" == yes ]] || return 1
  fi
}
