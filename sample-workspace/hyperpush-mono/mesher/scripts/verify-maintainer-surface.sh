#!/usr/bin/env bash
# Mesher maintainer replay: builds Mesher with the Mesh toolchain and checks the app surface.
# Run from the product repo's root; results go to .tmp/m051-s01/verify/ in this repo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

VERIFY_DIR=".tmp/m051-s01/verify"
mkdir -p "$VERIFY_DIR"
printf 'running\n' >"$VERIFY_DIR/status.txt"
: >"$VERIFY_DIR/phase-report.txt"

phase() {
  local name="$1"
  shift
  printf '%s\n' "$name" >"$VERIFY_DIR/current-phase.txt"
  if "$@" >>"$VERIFY_DIR/full-contract.log" 2>&1; then
    printf '%s\tpassed\n' "$name" >>"$VERIFY_DIR/phase-report.txt"
  else
    printf '%s\tfailed\n' "$name" >>"$VERIFY_DIR/phase-report.txt"
    printf 'failed\n' >"$VERIFY_DIR/status.txt"
    exit 1
  fi
}

phase build-mesher meshc build mesher --output "$VERIFY_DIR/mesher"
phase runbook-present test -f mesher/README.md
printf 'complete\n' >"$VERIFY_DIR/current-phase.txt"
printf 'ok\n' >"$VERIFY_DIR/status.txt"
