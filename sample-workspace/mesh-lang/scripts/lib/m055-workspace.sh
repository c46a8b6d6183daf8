# shellcheck shell=bash
# Where the product repo (hyperpush-mono) sits in the two-repo workspace.
#
# m055_resolve_hyperpush_root prints its root: M055_HYPERPUSH_ROOT when set, else the
# sibling folder ../hyperpush-mono beside this checkout. It fails when neither exists.

m055_resolve_hyperpush_root() {
  local language_root candidate
  language_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [[ -n "${M055_HYPERPUSH_ROOT:-}" ]]; then
    candidate="$M055_HYPERPUSH_ROOT"
  else
    candidate="$language_root/../hyperpush-mono"
  fi
  if [[ ! -d "$candidate" ]]; then
    echo "hyperpush-mono not found at $candidate; set M055_HYPERPUSH_ROOT to its checkout" >&2
    return 1
  fi
  (cd "$candidate" && pwd)
}
