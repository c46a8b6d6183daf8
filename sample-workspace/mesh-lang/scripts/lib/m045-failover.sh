# shellcheck shell=bash
# Shared by the M045 failover-only subrail: the failover work itself is the M044 rail's.
replay_m044_failover() {
  bash "$ROOT_DIR/scripts/verify-m044-s04.sh"
}
