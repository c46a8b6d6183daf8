#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
# Docs and retained-proof closeout: wraps S05, rebuilds the docs site, and
# assembles the retained evidence into .tmp/m047-s06/verify.
VERIFY_SLUG=m047-s06
ARTIFACT_ROOT=".tmp/m047-s06"
ARTIFACT_DIR="$ARTIFACT_ROOT/verify"
source scripts/lib/verify-common.sh
verify_init

wrap_s05() {
  run_expect_success m047-s05-replay m047-s05-replay no 3600 bash scripts/verify-m047-s05.sh
}
check_retained_names() {
  # The retained logs must name the rails they replayed; this only searches text.
  grep -Eq 'scripts/verify-m047-s04\.sh|scripts/verify-m047-s05\.sh' "$VERIFY_DIR/full-contract.log"
}
write_manifest() {
  python3 - "$VERIFY_DIR/manifest.json" <<'PY'
import json
import sys

replayed = [
    "scripts/verify-m047-s05.sh",
    "scripts/verify-m047-s04.sh",
]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"replayed": replayed}, out)
PY
}
rebuild_docs() {
  npm --prefix website run build
}
assemble_bundle() {
  rm -rf "$VERIFY_DIR/retained" && mkdir -p "$VERIFY_DIR/retained"
  cp -R .tmp/m047-s04/verify "$VERIFY_DIR/retained/m047-s04"
  cp -R .tmp/m047-s05/verify "$VERIFY_DIR/retained/m047-s05"
}

run_phase wrap-s05 wrap_s05
run_phase rebuild-docs rebuild_docs
run_phase assemble-bundle assemble_bundle
run_phase retained-names check_retained_names
run_phase manifest write_manifest
verify_finish "$VERIFY_DIR"
