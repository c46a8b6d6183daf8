#!/usr/bin/env bash
# Landing-site check: the product landing page still names the Mesher runbook.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
test -f mesher/README.md
echo "[landing-surface] ok"
