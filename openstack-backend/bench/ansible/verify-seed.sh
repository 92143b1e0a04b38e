#!/usr/bin/env bash
# Checks a seed cluster made with PREFIX and WORKERS: 3+WORKERS servers ACTIVE with their role addresses, 7
# security groups holding 22 ingress rules, the workers' server group holding exactly the workers. Prints what it
# found and exits 1 on any difference, so a method that leaves something wrong is reported as such.
#
#   bash verify-seed.sh PREFIX WORKERS     (with an openrc sourced)
set -uo pipefail
export PATH=/usr/bin:$PATH
P=$1 W=$2 bad=0
check() { # what expected actual
  if [ "$2" = "$3" ]; then echo "ok    $1: $3"; else echo "WRONG $1: expected $2, found $3"; bad=1; fi; }
servers=$(openstack server list -f value -c Name -c Status -c Networks | grep -E "^$P-(controller|webserver|server_all|worker)-[0-9]+ ")
check "servers ACTIVE" $((3 + W)) "$(grep -c ' ACTIVE ' <<<"$servers")"
want="$P-controller-1 10.0.0.1;$P-webserver-1 10.0.10.3;$P-server_all-1 10.0.11.1,10.0.12.1,10.0.20.1,10.0.30.1"
for i in $(seq "$W"); do want+=";$P-worker-$i 10.0.100.$i"; done
got=$(awk '{n=$1; $1=$2=""; gsub(/[^0-9.,]/, ""); print n, $0}' <<<"$servers" | sort | paste -sd';')
check "addresses" "$(tr ';' '\n' <<<"$want" | sort | paste -sd';')" "$got"
sgs=$(openstack security group list -f value -c ID -c Name | awk -v p="$P-" 'index($2, p) == 1 {print $1}')
check "security groups" 7 "$(wc -w <<<"$sgs")"
rules=0
for g in $sgs; do
  rules=$((rules + $(openstack security group rule list --ingress "$g" -f value -c ID | wc -l)))
done
check "ingress rules" 22 "$rules"
check "ports" $((3 + W)) "$(openstack port list -f value -c Name | grep -c "_$P-")"
members=$(openstack server group show "$P-worker" -f json -c members | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["members"]))')
check "server-group members" "$W" "$members"
exit $bad
