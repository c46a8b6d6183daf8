#!/usr/bin/env bash
# This repo's own entry point for the M051 S01 rail: the Mesher maintainer replay.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash mesher/scripts/verify-maintainer-surface.sh
