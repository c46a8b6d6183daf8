#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
# Staged deploy proof for the generated PostgreSQL Todo starter.
: "${DATABASE_URL:?verify-m053-s01 needs DATABASE_URL set to a disposable PostgreSQL database}"

VERIFY_SLUG=m053-s01
ARTIFACT_ROOT=".tmp/m053-s01"
ARTIFACT_DIR="$ARTIFACT_ROOT/verify"
source scripts/lib/verify-common.sh
verify_init
WORK="$VERIFY_ROOT/work"
BUNDLE="$(new_proof_bundle)"

generate_starter() {
  rm -rf "$WORK" && mkdir -p "$WORK"
  (cd "$WORK" && cargo run -q --manifest-path ../../../Cargo.toml -p meshc -- init --template todo-api --db postgres todo_starter)
}
build_starter() {
  cargo run -q -p meshc -- build "$WORK/todo_starter" --output "$BUNDLE/todo_starter"
}
apply_migrations() {
  cargo run -q -p meshc -- migrate up "$WORK/todo_starter"
}
staged_deploy() {
  cargo test -p meshc --test e2e_m053_s01 -- --nocapture
}

run_phase generate-starter generate_starter
run_phase build-starter build_starter
run_phase apply-migrations apply_migrations
run_phase staged-deploy staged_deploy
verify_finish "$BUNDLE"
