#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Docs and retained-proof closeout: wraps S05, rebuilds the docs site, and
# assembles the retained evidence into .tmp/m047-s06/verify.
VERIFY_SLUG=m047-s06
source scripts/lib/verify-common.sh
verify_init

wrap_s05() {
  bash scripts/verify-m047-s05.sh
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
verify_finish "$VERIFY_DIR"
