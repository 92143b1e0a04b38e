#!/usr/bin/env bash
# Deletes what seed-by-hand.sh PREFIX made: servers (waited for), ports, server group, groups, keypair.
set -uo pipefail
export PATH=/usr/bin:$PATH
[ $# = 1 ] || { echo "usage: $0 PREFIX (with an openrc sourced)" >&2; exit 2; }
P=$1
# ids of the resources named PREFIX-... or port.N.NN_PREFIX-...
ids() { openstack "$@" -f value -c ID -c Name | awk -v p="$P-" 'index($2, p) == 1 || index($2, "_" p) {print $1}'; }
servers=$(ids server list)
[ -n "$servers" ] && openstack server delete --wait $servers
ports=$(ids port list)
[ -n "$ports" ] && openstack port delete $ports
groups=$(ids server group list)
[ -n "$groups" ] && openstack server group delete $groups
sgs=$(ids security group list)
[ -n "$sgs" ] && openstack security group delete $sgs
openstack keypair delete "$P-key" 2>/dev/null
exit 0
