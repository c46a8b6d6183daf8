#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Compatibility check for the Production Backend Proof page: the files it
# points readers at must exist. It replays no rail itself. The Mesher runbook
# lives in the product repo now (hyperpush-mono), so it is not checked here.
test -f examples/todo-postgres/README.md
test -f examples/todo-sqlite/README.md
echo "next: bash scripts/verify-m051-s01.sh (Mesher app) and bash scripts/verify-m051-s02.sh (backend-only replay)"
echo "production proof surface: ok"
