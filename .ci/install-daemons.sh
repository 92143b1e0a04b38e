#!/usr/bin/env bash
# Installs, only when missing, what the tests need besides the loopback OpenStack: Java 17 and Maven, the daemons
# whose own validators prove the rendered files and which the local run starts (nginx, gunicorn, Django, Celery,
# RabbitMQ, dnsmasq, isc-dhcp-server, cloud-init, systemd-analyze, php-fpm; Redis and redis-py for the Redis
# example), Node.js for pouchdb-server, and pouchdb-server itself; for the nodes backend's rig: mmdebstrap (the node
# image), systemd-nspawn, nftables (the security groups), apt-ftparchive (the package mirror), git (the
# application's repository) and socat (the SSH channel's way into the rig's bridge namespace); for the graph verb's
# picture test (examples' TopologyPictureTest): graphviz (dot, ~9 MB installed with its libraries) and chromium
# (headless, to look at the SVG; ~125 MB to download, ~415 MB installed, about 30 s here with --no-install-recommends);
# openssl, which core's OpensslAgreesTest reads the cluster CA's certificates with.
# No daemon is started or left enabled: the tests start their own instances on loopback addresses.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

packages=(openjdk-17-jdk-headless maven curl iproute2 util-linux procps
  nginx gunicorn python3-django python3-celery celery rabbitmq-server erlang-base
  dnsmasq isc-dhcp-server cloud-init systemd php-fpm redis-server python3-redis
  mmdebstrap systemd-container nftables apt-utils git socat
  graphviz chromium openssl)

missing=()
for p in "${packages[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == "install ok installed" ]] || missing+=("$p")
done
# Node.js by command, not by package: a machine may have NodeSource's nodejs, which bundles npm and conflicts
# with Debian's npm package
command -v npm >/dev/null || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  # package scripts must not start nginx, RabbitMQ or dnsmasq as services: they would hold the ports and names
  # the tests use. policy-rc.d exiting 101 tells invoke-rc.d "not allowed"; removed again if we made it.
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# stackwright: keep package scripts from starting daemons\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  trap '[ $own_policy = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get update -q
  fi
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# redis-server's package enables its unit; a machine that boots would then run a Redis on 127.0.0.1:6379 that no
# test wants. The tests start their own (examples' RedisCluster tests), so the unit stays disabled.
if [ -e /etc/systemd/system/multi-user.target.wants/redis-server.service ]; then
  systemctl disable --quiet redis-server.service 2>/dev/null \
    || rm -f /etc/systemd/system/multi-user.target.wants/redis-server.service
fi

bash "$top/core/src/test/local/install-pouchdb.sh"
