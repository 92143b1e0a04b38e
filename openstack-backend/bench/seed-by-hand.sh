#!/usr/bin/env bash
# The seed's own method, as its notes start it: one `openstack` CLI call per resource, written by hand, run one
# after the other, each server waited for until ACTIVE. The baseline stackwright is measured against
# (docs/benchmarks.md). Creates the same resources as `stackwright apply` of the seed with W workers: 7 security
# groups and their 22 rules, a keypair, the workers' server group, one port per VM with its fixed addresses, and
# the servers.
#
#   bash openstack-backend/bench/seed-by-hand.sh PREFIX WORKERS PUBLIC_KEY_FILE     (with an openrc sourced)
#
# SEED_SHIFT=N moves every role's /24 up by N (the controller at 10.0.N.1, the workers in 10.0.(100+N)), so that a
# run does not meet another run of the seed on the same shared network; 0 unless set.
set -euo pipefail
export PATH=/usr/bin:$PATH   # Debian's openstack CLI, not a pyenv shim
P=$1 W=$2 KEY=$3 S=${SEED_SHIFT:-0}
net() { echo "10.0.$(($1 + S)).$2"; }   # third octet before the shift, last octet
os() { openstack "$@" -f value -c id; }

openstack keypair create --public-key "$KEY" "$P-key" >/dev/null
for g in controller webserver appserver static database broker worker; do
  os security group create "$P-$g" >/dev/null
done
rule() { # group protocol port (cidr | @group)
  local remote=(--remote-ip "$4")
  [[ $4 == @* ]] && remote=(--remote-group "$P-${4#@}")
  openstack security group rule create --ingress --protocol "$2" --dst-port "$3" "${remote[@]}" "$P-$1" >/dev/null
}
rule webserver tcp 80 0.0.0.0/0;   rule webserver tcp 443 0.0.0.0/0
rule controller tcp 80 192.0.2.0/24; rule controller tcp 443 192.0.2.0/24; rule controller tcp 22 192.0.2.0/24
rule controller udp 67 0.0.0.0/0
rule appserver tcp 8000 @webserver; rule appserver tcp 8000 @controller
rule static tcp 80 @webserver
rule broker tcp 5672 @appserver; rule broker tcp 5672 @worker; rule broker tcp 5672 @controller
rule broker tcp 15672 @controller
rule database tcp 5984 @appserver; rule database tcp 5984 @worker
for g in controller webserver appserver static database broker worker; do rule "$g" tcp 22 @controller; done

policy=anti-affinity
[ "$W" -gt 4 ] && policy=soft-anti-affinity   # four hypervisors on the loopback cloud
group=$(openstack --os-compute-api-version 2.15 server group create --policy "$policy" "$P-worker" -f value -c id)

port() { # name group... -- address...
  local name=$1; shift; local args=()
  while [ "$1" != -- ]; do args+=(--security-group "$P-$1"); shift; done; shift
  for a in "$@"; do args+=(--fixed-ip "subnet=internal-v4,ip-address=$a"); done
  os port create --network internal "${args[@]}" "$name"
}
server() { # name flavor port [group]
  openstack server create --flavor "$2" --image debian-12 --port "$3" --key-name "$P-key" \
    ${4:+--hint group=$4} --wait "$1" >/dev/null
}
c=$(port "port.$S.01_$P-controller-1" controller -- "$(net 0 1)")
server "$P-controller-1" controller "$c"
w=$(port "port.$((10 + S)).01_$P-webserver-1" webserver -- "$(net 10 3)")
server "$P-webserver-1" webserver "$w"
a=$(port "port.$((11 + S)).01_$P-server_all-1" appserver static broker database -- "$(net 11 1)" "$(net 12 1)" \
  "$(net 30 1)" "$(net 20 1)")
server "$P-server_all-1" server_all "$a"
for i in $(seq "$W"); do
  n=$(printf %02d "$i")
  p=$(port "port.$((100 + S)).${n}_$P-worker-$i" worker -- "$(net 100 "$i")")
  server "$P-worker-$i" hpc "$p" "$group"
done
