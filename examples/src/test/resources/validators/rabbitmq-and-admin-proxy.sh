#!/bin/bash
# Boots the rendered RabbitMQ for real, and the controller's rendered nginx in front of it, inside a throwaway
# network, mount and PID namespace (run as: unshare -m -n -p -f --mount-proc --kill-child bash THIS ...), so nothing
# can reach or be reached from outside, and every process dies with this script.
# The rendered 10.0.x.y addresses are rewritten to 127.0.x.y (all of 127/8 is the namespace's own lo).
# Usage: THIS BROKER_ETC_RABBITMQ CONTROLLER_ETC_NGINX APP_USER APP_PASSWORD ADMIN_USER ADMIN_PASSWORD WORKDIR [CONTROLLER_ETC_SSL]
# With CONTROLLER_ETC_SSL (a cluster with TLS), the admin pages are reached over HTTPS by the controller's host name,
# trusting only the cluster CA, and plain HTTP must redirect without asking for the password.
# Prints "CHECK <name> ok|FAILED ..." lines; exits non-zero when any check fails.
set -u
BROKER_ETC=$1; NGINX_ETC=$2; APP_USER=$3; APP_PASS=$4; ADMIN_USER=$5; ADMIN_PASS=$6; W=$7; SSL_ETC=${8:-}
failed=0
check() { if [ "$2" = 0 ]; then echo "CHECK $1 ok${3:+ ($3)}"; else echo "CHECK $1 FAILED${3:+: $3}"; failed=1; fi; }
ms() { echo $(( ($(date +%s%N) - T0) / 1000000 )); }
loopback() { sed -E 's/\b10\.([0-9]+)\.([0-9]+)\.([0-9]+)\b/127.\1.\2.\3/g' "$1" > "$2"; }

ip link set lo up || exit 3
mkdir -p "$W/etc-rabbitmq" "$W/home" "$W/mnesia" "$W/log" "$W/run" "$W/nginx-log"
for f in "$BROKER_ETC"/*; do loopback "$f" "$W/etc-rabbitmq/$(basename "$f")"; done
mount --bind "$W/etc-rabbitmq" /etc/rabbitmq || exit 3
IP=$(sed -nE 's/^listeners\.tcp\.[^=]*= *([0-9.]+):.*/\1/p' /etc/rabbitmq/rabbitmq.conf | head -1)
PORT=$(sed -nE 's/^listeners\.tcp\.[^=]*= *[0-9.]+:([0-9]+).*/\1/p' /etc/rabbitmq/rabbitmq.conf | head -1)
MGMT=$(sed -nE 's/^management\.tcp\.port *= *([0-9]+).*/\1/p' /etc/rabbitmq/rabbitmq.conf)
echo "broker on $IP:$PORT, management on $IP:$MGMT"

export HOME=$W/home RABBITMQ_CONFIG_FILE=/etc/rabbitmq/rabbitmq.conf RABBITMQ_ADVANCED_CONFIG_FILE=$W/advanced.config
export RABBITMQ_CONF_ENV_FILE=$W/rabbitmq-env.conf RABBITMQ_MNESIA_BASE=$W/mnesia RABBITMQ_LOG_BASE=$W/log
export RABBITMQ_PID_FILE=$W/run/rabbit.pid RABBITMQ_ENABLED_PLUGINS_FILE=/etc/rabbitmq/enabled_plugins
export RABBITMQ_USE_LONGNAME=true RABBITMQ_NODENAME=rabbit@$IP RABBITMQ_DIST_PORT=25672
export ERL_EPMD_ADDRESS=$IP ERL_EPMD_PORT=4369 ERL_CRASH_DUMP=$W/erl_crash.dump
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {${IP//./,}}"
CTL="/usr/lib/rabbitmq/bin/rabbitmqctl -n $RABBITMQ_NODENAME --longnames"
T0=$(date +%s%N)
epmd -address "$IP" -port 4369 > "$W/log/epmd.out" 2>&1 &
/usr/lib/rabbitmq/bin/rabbitmq-server > "$W/log/server.out" 2>&1 &
SERVER=$!
up=1
for i in $(seq 1 900); do
  kill -0 $SERVER 2>/dev/null || break
  if (exec 3<>/dev/tcp/$IP/$PORT) 2>/dev/null; then up=0; break; fi
  sleep 0.1
done
check rabbitmq-boots $up "AMQP on $IP:$PORT after $(ms) ms"
if [ $up != 0 ]; then tail -30 "$W/log/server.out"; exit 1; fi
$CTL await_startup --timeout 60 > "$W/log/await.out" 2>&1; check rabbitmq-await-startup $? "after $(ms) ms"
out=$($CTL authenticate_user "$APP_USER" "$APP_PASS" 2>&1); check "definitions-app-user-authenticates" $? "$(tail -1 <<<"$out")"
out=$($CTL authenticate_user "$ADMIN_USER" "$ADMIN_PASS" 2>&1); check "definitions-admin-authenticates" $? "$(tail -1 <<<"$out")"
out=$($CTL list_permissions -p "$APP_USER" --silent 2>&1)
grep -q "^$APP_USER" <<<"$out"; check "definitions-app-vhost-and-permissions" $? "$(tr '\n\t' '; ' <<<"$out")"
code=$(curl -s -o "$W/overview.json" -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASS" "http://$IP:$MGMT/rabbitmq/api/overview")
[ "$code" = 200 ]; check "management-under-path-prefix" $? "GET /rabbitmq/api/overview -> $code"

# A node booted with definitions gets no default vhost "/"; add one (here only) to see "%2F" arrive intact.
$CTL add_vhost / > /dev/null 2>&1; check add-default-vhost-for-the-test $?

# The controller's nginx in front of it: basic auth with the rendered htpasswd, then RabbitMQ's own auth with the
# same header, and the %2F of the default vhost passed through intact.
cp -rL /etc/nginx "$W/etc-nginx"
for f in $(cd "$NGINX_ETC" && find . -type f); do mkdir -p "$W/etc-nginx/$(dirname "$f")"; loopback "$NGINX_ETC/$f" "$W/etc-nginx/$f"; done
mount --bind "$W/etc-nginx" /etc/nginx && mount -t tmpfs tmpfs /run && mount --bind "$W/nginx-log" /var/log/nginx || exit 3
SITE=/etc/nginx/sites-enabled/stackwright-controller.conf
LISTEN=$(sed -nE 's/^ *listen ([0-9.]+:[0-9]+);.*/\1/p' $SITE | head -1)
if [ -n "$SSL_ETC" ]; then
  cp -rL /etc/ssl "$W/etc-ssl" && cp -a "$SSL_ETC/." "$W/etc-ssl/" && mount --bind "$W/etc-ssl" /etc/ssl || exit 3
  PLAIN=$LISTEN
  LISTEN=$(sed -nE 's/^ *listen ([0-9.]+:[0-9]+) ssl.*/\1/p' $SITE | head -1)
fi
nginx > "$W/log/nginx.out" 2>&1; check controller-nginx-starts $? "on $LISTEN"
for i in $(seq 1 50); do (exec 3<>/dev/tcp/${LISTEN%:*}/${LISTEN#*:}) 2>/dev/null && break; sleep 0.1; done
if [ -n "$SSL_ETC" ]; then
  # The certificate names the controller's 10.0.0.1 and host name, not this namespace's 127.0.0.1: reach it by name.
  RESOLVE="controller-1:${LISTEN#*:}:${LISTEN%:*}"
  curl() { command curl --cacert /etc/ssl/stackwright/ca.crt --resolve "$RESOLVE" "$@"; }
  out=$(command curl -s -D - -o /dev/null "http://$PLAIN/rabbitmq/")
  grep -q '^HTTP/1.1 301' <<<"$out" && ! grep -qi '^WWW-Authenticate' <<<"$out"
  check "admin-pages-over-http-redirect-without-asking-the-password" $? "$(head -1 <<<"$out" | tr -d '\r')"
  LISTEN=controller-1:${LISTEN#*:}
  SCHEME=https
else
  SCHEME=http
fi
code=$(curl -s -o /dev/null -w '%{http_code}' "$SCHEME://$LISTEN/rabbitmq/api/overview")
[ "$code" = 401 ]; check "admin-pages-need-the-password" $? "without it -> $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN_USER:wrong-password" "$SCHEME://$LISTEN/rabbitmq/")
[ "$code" = 401 ]; check "admin-pages-refuse-a-wrong-password" $? "-> $code"
code=$(curl -s -o "$W/vhost.json" -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASS" "$SCHEME://$LISTEN/rabbitmq/api/vhosts/%2F")
grep -q '"name":"/"' "$W/vhost.json"; check "proxy-keeps-%2F-intact" $(( $? + (code != 200) )) "GET /rabbitmq/api/vhosts/%2F -> $code $(head -c 120 "$W/vhost.json")"
code=$(curl -s -o "$W/vhost-app.json" -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASS" "$SCHEME://$LISTEN/rabbitmq/api/vhosts/$APP_USER")
[ "$code" = 200 ]; check "proxy-reaches-the-app-vhost" $? "-> $code"
code=$(curl -s -o "$W/ui.html" -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASS" "$SCHEME://$LISTEN/rabbitmq/")
grep -qi 'rabbitmq' "$W/ui.html"; check "proxy-serves-the-management-ui" $(( $? + (code != 200) )) "GET /rabbitmq/ -> $code"
nginx -s stop 2>/dev/null

$CTL stop > /dev/null 2>&1 || kill -TERM "$(cat "$RABBITMQ_PID_FILE" 2>/dev/null)" 2>/dev/null
wait $SERVER 2>/dev/null
echo "stopped after $(ms) ms"
exit $failed
