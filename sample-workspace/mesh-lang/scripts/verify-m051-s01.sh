#!/usr/bin/env bash
# Compatibility wrapper: the Mesher maintainer rail now lives in the product repo
# (hyperpush-mono). This runs that repo's replay; its results stay there, under
# $HYPERPUSH_ROOT/.tmp/m051-s01/verify.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/m055-workspace.sh

HYPERPUSH_ROOT="$(m055_resolve_hyperpush_root)"
DELEGATED_VERIFIER="$HYPERPUSH_ROOT/mesher/scripts/verify-maintainer-surface.sh"
VERIFY_DIR="$HYPERPUSH_ROOT/.tmp/m051-s01/verify"

echo "[m051-s01] delegating to $DELEGATED_VERIFIER"
bash "$DELEGATED_VERIFIER"
echo "[m051-s01] results: $VERIFY_DIR"
