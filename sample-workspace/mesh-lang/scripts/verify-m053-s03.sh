#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
# Hosted packages/public-surface contract: the published docs and package
# listing still tell the same starter story that S01/S02 prove.
usage() {
  cat <<EOF
Usage: bash scripts/verify-m053-s03.sh

Checks the hosted docs and package listing only. It does not replay the
starter rails: for those run bash scripts/verify-m053-s01.sh and then
bash scripts/verify-m053-s02.sh yourself.
EOF
}
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  usage
  exit 0
fi

VERIFY_SLUG=m053-s03
VERIFY_ROOT="${M053_S03_VERIFY_ROOT:-$ROOT_DIR/.tmp/m053-s03/verify}"
ARTIFACT_DIR="$VERIFY_ROOT"
source scripts/lib/verify-common.sh
verify_init

build_docs() {
  npm --prefix website run build
}
check_docs_name_rails() {
  grep -rqs "verify-m053-s01.sh" website/dist && grep -rqs "verify-m053-s02.sh" website/dist
}
check_package_listing() {
  cargo run -q -p meshpkg -- --json search todo-api
}

run_phase build-docs build_docs
run_phase docs-name-rails check_docs_name_rails
run_phase package-listing check_package_listing
echo "note: the failover rail itself is bash scripts/verify-m053-s02.sh; this script does not replay it"
verify_finish
