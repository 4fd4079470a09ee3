#!/usr/bin/env bash
# The check behind the README's test-time statement: clones the committed
# state of this repository afresh, RUNS times in a row, and runs the test
# command in each clone while a second CPU-bound process keeps one core busy,
# as a shared CI machine would. Prints each run's result and duration; fails
# when a run fails or takes longer than MAX_MINUTES.
#   bash scripts/check-fresh-clone.sh [RUNS=3] [MAX_MINUTES=8]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
max_seconds=$(( ${2:-8} * 60 ))
work="$(mktemp -d)"

sh -c 'while :; do :; done' &
busy=$!
trap 'kill $busy 2>/dev/null' EXIT
echo "$(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); one kept busy (pid $busy)"

failed=0
for run in $(seq 1 "$runs"); do
  clone="$work/run-$run"
  git clone -q "$ROOT" "$clone"
  start=$(date +%s)
  (cd "$clone" && bash .ci/run) > "$clone.log" 2>&1
  status=$?
  seconds=$(( $(date +%s) - start ))
  summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$clone.log" | tail -1)"
  echo "run $run: exit $status, ${summary:-no summary}, $((seconds / 60)) min $((seconds % 60)) s (log $clone.log)"
  if [ "$status" != 0 ] || [ "$seconds" -gt "$max_seconds" ]; then
    failed=1
  fi
done
exit $failed
