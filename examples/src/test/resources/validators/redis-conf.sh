#!/bin/bash
# Starts the real redis-server with a rendered redis.conf, unchanged, inside a throwaway network, mount and PID
# namespace (run as: unshare -m -n -p -f --mount-proc --kill-child bash THIS ...): the conf's bind address exists only
# on the namespace's own lo, nothing can reach or be reached from outside, and every process dies with this script.
# /var/lib/redis, /var/log/redis and /run are private tmpfs, so the host's Redis files are untouched.
# Usage: THIS REDIS_CONF WORKDIR
# Prints "CHECK <name> ok|FAILED ..." lines and "CONFIG <name> <value>" for what Redis took from the file; exits
# non-zero when any check fails. A conf with "requirepass" is checked to refuse a client without the password
# (NOAUTH) and answer one with it; the password is given to redis-cli in its environment, never on a command line.
set -u
CONF=$1; W=$2
failed=0
check() { if [ "$2" = 0 ]; then echo "CHECK $1 ok${3:+ ($3)}"; else echo "CHECK $1 FAILED${3:+: $3}"; failed=1; fi; }

BIND=$(sed -nE 's/^bind +([0-9.]+).*/\1/p' "$CONF" | head -1)
PORT=$(sed -nE 's/^port +([0-9]+).*/\1/p' "$CONF" | head -1)
PASSWORD=$(sed -nE 's/^requirepass +([^ ]+).*/\1/p' "$CONF" | head -1)
[ -n "$BIND" ] && [ -n "$PORT" ] || { echo "CHECK conf-names-bind-and-port FAILED: no 'bind' or 'port' line"; exit 1; }
ip link set lo up || exit 3
ip addr add "$BIND/32" dev lo || exit 3
for d in /var/lib/redis /var/log/redis /run; do
  [ -d "$d" ] || { echo "CHECK $d-exists FAILED: the redis-server package makes it"; exit 3; }
  mount -t tmpfs tmpfs "$d" || exit 3
done
mkdir -p /run/redis

redis-server "$CONF" > "$W/server.out" 2>&1 &
SERVER=$!
up=1
for i in $(seq 1 100); do
  kill -0 $SERVER 2>/dev/null || break
  if (exec 3<>/dev/tcp/$BIND/$PORT) 2>/dev/null; then up=0; break; fi
  sleep 0.1
done
check redis-starts $up "on $BIND:$PORT"
if [ $up != 0 ]; then
  cat "$W/server.out"; tail -20 /var/log/redis/redis-server.log 2>/dev/null
  exit 1
fi
CLI="redis-cli -h $BIND -p $PORT"
if [ -n "$PASSWORD" ]; then
  out=$(env -u REDISCLI_AUTH $CLI ping 2>&1); case "$out" in NOAUTH*) r=0 ;; *) r=1 ;; esac
  check no-password-refused $r "$out"
  export REDISCLI_AUTH=$PASSWORD
fi
# redis-cli connects from $BIND, an address that is not loopback: the way an app server's connection looks.
out=$($CLI ping 2>&1); [ "$out" = PONG ]; check ping-from-a-cluster-address $? "$out"
for name in bind port protected-mode maxmemory maxmemory-policy save appendonly dir logfile supervised; do
  echo "CONFIG $name $($CLI config get "$name" | sed -n 2p)"
done
(exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; [ $? != 0 ]; check not-on-loopback $? "a connection to 127.0.0.1:$PORT"
$CLI shutdown nosave > /dev/null 2>&1
gone=1
for i in $(seq 1 50); do kill -0 $SERVER 2>/dev/null || { gone=0; break; }; sleep 0.1; done
check redis-stops $gone
exit $failed
