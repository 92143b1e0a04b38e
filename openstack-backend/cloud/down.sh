#!/bin/bash
# Stops exactly the processes up.sh started, newest first, by the PIDs in $RUN/pids.
# Each was started with setsid, so it leads its own process group (pgid == pid): we signal
# that group (the service plus the workers it forked), and only after checking that the
# PID still leads a group (a recycled PID would not). Never pkill/killall.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
RUN="${STACKWRIGHT_CLOUD_DIR:-/var/lib/stackwright-cloud}"
PIDS="$RUN/pids"
PURGE=0; [ "${1:-}" = "--purge" ] && PURGE=1
DBS="glance placement nova_api nova nova_cell0 neutron keystone heat"

[ -f "$PIDS/.order" ] || { echo "nothing to stop"; exit 0; }

stop_one() {
  local name=$1 f="$PIDS/$1.pid" pid pgid i
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if ! kill -0 "$pid" 2>/dev/null; then rm -f "$f"; return 0; fi
  pgid=$(ps -o pgid= -p "$pid" | tr -d ' ')
  if [ "$pgid" = "$pid" ]; then
    kill -TERM -- "-$pid" 2>/dev/null
  else
    kill -TERM "$pid" 2>/dev/null
  fi
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name (pid $pid) ignored TERM for 20 s, sending KILL"
    if [ "$pgid" = "$pid" ]; then kill -KILL -- "-$pid" 2>/dev/null; else kill -KILL "$pid" 2>/dev/null; fi
  fi
  # group members that outlived the leader (e.g. forked workers)
  if [ "$pgid" = "$pid" ] && ps -o pid= -g "$pid" >/dev/null 2>&1; then
    sleep 1; kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  echo "stopped $name (pid $pid)"
  rm -f "$f"
}

# reverse start order, each name once; mariadb last, so that --purge can drop the databases
# once no service holds a transaction (DROP DATABASE waits forever on metadata locks otherwise)
tac "$PIDS/.order" | awk '!seen[$0]++' | grep -vx mariadb | while read -r name; do stop_one "$name"; done
if [ $PURGE = 1 ] && [ -f "$PIDS/mariadb.pid" ] && kill -0 "$(cat "$PIDS/mariadb.pid")" 2>/dev/null; then
  for d in $DBS; do timeout 60 mariadb -e "DROP DATABASE IF EXISTS $d;"; done && echo "dropped databases: $DBS"
fi
stop_one mariadb
rm -f "$PIDS/.order"

if [ $PURGE = 1 ]; then
  # state that up.sh created; packages and their files stay
  rm -rf /var/lib/rabbitmq/mnesia/rabbit@localhost /var/lib/rabbitmq/mnesia/rabbit@localhost-* \
         /etc/keystone/fernet-keys /etc/keystone/credential-keys /var/lib/keystone/keystone.sqlite \
         /var/lib/glance/images/* /var/lib/nova/instances/* "$RUN/logs" "$RUN/fake-image.raw" "$RUN/fakebind" "$RUN/bin" "$RUN"/nova-compute-*.conf
  echo "purged state"
fi
