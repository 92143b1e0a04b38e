#!/bin/bash
# Stops Heat alone: exactly the heat-api and heat-engine that heat-up.sh started, by their PIDs in up.sh's pids/
# (each leads its own process group). down.sh stops them too, first, with the rest of the cloud. The packages,
# heat.conf, the heat database and the keystone objects stay. Never pkill/killall.
set -u
RUN="${STACKWRIGHT_CLOUD_DIR:-/var/lib/stackwright-cloud}"
PIDS="$RUN/pids"
for name in heat-api heat-engine; do
  f="$PIDS/$name.pid"
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    pgid=$(ps -o pgid= -p "$pid" | tr -d ' ')
    # signal the group only when the PID still leads it (a recycled PID would not)
    if [ "$pgid" = "$pid" ]; then kill -TERM -- "-$pid"; else kill -TERM "$pid"; fi
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name (pid $pid) ignored TERM for 20 s, sending KILL"
      if [ "$pgid" = "$pid" ]; then kill -KILL -- "-$pid"; else kill -KILL "$pid"; fi
    fi
    echo "stopped $name (pid $pid)"
  fi
  rm -f "$f"
done
