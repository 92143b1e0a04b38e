#!/bin/bash
# RSS (and PSS where readable) per service started by up.sh: sums every process in the service's process group
HERE="$(cd "$(dirname "$0")" && pwd)"; PIDS="${STACKWRIGHT_CLOUD_DIR:-/var/lib/stackwright-cloud}/pids"
tr=0; tp=0
printf "%-16s %5s %9s %9s\n" service procs RSS_MiB PSS_MiB
for f in "$PIDS"/*.pid; do
  n=$(basename "$f" .pid); p=$(cat "$f"); kill -0 "$p" 2>/dev/null || continue
  pids=$(ps -o pid= -g "$p"); r=0; s=0; c=0
  for q in $pids; do
    c=$((c+1)); r=$((r + $(awk '/^VmRSS/{print $2}' /proc/$q/status 2>/dev/null || echo 0)))
    s=$((s + $(awk '/^Pss:/{print $2}' /proc/$q/smaps_rollup 2>/dev/null || echo 0)))
  done
  printf "%-16s %5d %9.1f %9.1f\n" "$n" "$c" "$(awk "BEGIN{print $r/1024}")" "$(awk "BEGIN{print $s/1024}")"
  tr=$((tr+r)); tp=$((tp+s))
done
printf "%-16s %5s %9.1f %9.1f\n" TOTAL "" "$(awk "BEGIN{print $tr/1024}")" "$(awk "BEGIN{print $tp/1024}")"
