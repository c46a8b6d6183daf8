#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() {
  cat <<'USAGE'
Usage: bash scripts/verify-m043-s04-fly.sh [--help|-h]

Inspects an already deployed cluster-proof reference app on Fly without
changing it: app status and config, recent logs, and read-only HTTP probes.
It never submits work and never changes which node is primary.

Environment:
  CLUSTER_PROOF_FLY_APP      Fly app name (required for a live run)
  CLUSTER_PROOF_BASE_URL     public base URL of that app (required for a live run)
  CLUSTER_PROOF_REQUEST_KEY  existing continuity request key to look up (optional)

Results: .tmp/m043-s04/fly/
USAGE
}

case "${1:-}" in
  --help | -h)
    usage
    exit 0
    ;;
  "") ;;
  *)
    usage >&2
    exit 2
    ;;
esac

VERIFY_SLUG=m043-s04
ARTIFACT_DIR=".tmp/m043-s04/fly"
source scripts/lib/verify-common.sh
verify_init
INPUTS="$VERIFY_DIR/inputs.env"

read_inputs() {
  python3 - "$INPUTS" <<'PY'
import os
import sys

required = ("CLUSTER_PROOF_FLY_APP", "CLUSTER_PROOF_BASE_URL")
missing = [name for name in required if not os.environ.get(name)]
if missing:
    sys.exit("missing required environment: " + ", ".join(missing))

with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("app=%s\n" % os.environ["CLUSTER_PROOF_FLY_APP"])
    out.write("base_url=%s\n" % os.environ["CLUSTER_PROOF_BASE_URL"].rstrip("/"))
    out.write("request_key=%s\n" % os.environ.get("CLUSTER_PROOF_REQUEST_KEY", ""))
PY
}

input() {
  sed -n "s/^$1=//p" "$INPUTS"
}

fly_status() {
  flyctl status --app "$(input app)" --json >"$VERIFY_DIR/status.json"
}
fly_config() {
  flyctl config show --app "$(input app)" >"$VERIFY_DIR/config.json"
}
fly_logs() {
  flyctl logs --app "$(input app)" --no-tail >"$VERIFY_DIR/logs.txt"
}
http_probe() {
  python3 - "$(input base_url)" "$(input request_key)" <<'PY'
import sys
import urllib.request

base_url, request_key = sys.argv[1], sys.argv[2]
paths = ["/health"]
if request_key:
    paths.append("/continuity/" + request_key)
for path in paths:
    # GET only: this rail must not create work or change authority.
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        print(path, response.status)
        if response.status != 200:
            sys.exit(1)
PY
}

run_phase read-inputs read_inputs
run_phase fly-status fly_status
run_phase fly-config fly_config
run_phase fly-logs fly_logs
run_phase http-probe http_probe
verify_finish
