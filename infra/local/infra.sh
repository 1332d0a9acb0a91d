#!/usr/bin/env bash
# Starts, stops and reports the three local servers: npm run infra:up|infra:down|infra:status|infra:logs
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
servers=(kafka ferretdb jaeger)

run_each() {
  local verb="$1" rc=0 s
  for s in "${servers[@]}"; do "$here/$s/$s.sh" "$verb" || rc=1; done
  return $rc
}

# one up/down at a time (parallel test runs may all try to start the servers)
lock_dir="${TRADEPILOT_INFRA_DIR:-$here/../../.infra}"
lock() { mkdir -p "$lock_dir"; exec 9>"$lock_dir/.lock"; flock 9; }

case "${1:-}" in
  build) run_each build ;;
  up)
    # builds first, one at a time (two cores), then starts all three and waits for each
    lock
    run_each build || exit 1
    run_each start || exit 1
    run_each status ;;
  down) lock; run_each stop ;;
  status) run_each status ;;
  logs)
    for s in "${servers[@]}"; do echo "== $s"; "$here/$s/$s.sh" logs; done ;;
  *) echo "usage: $0 build|up|down|status|logs" >&2; exit 2 ;;
esac
