#!/usr/bin/env bash
# Makes the project-local, patched copies that seed-by-ansible.sh runs with, leaving the system install untouched
# (README.md says why each patch is needed). Idempotent: the copies are remade only when missing or when the
# installed versions changed. Prints the two directories to put on ANSIBLE_COLLECTIONS_PATH and PYTHONPATH.
#
#   bash patch-collection.sh    ->  .patched/collections  .patched/sdk
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/.patched
sys=/usr/lib/python3/dist-packages
col=$sys/ansible_collections/openstack/cloud
[ -d "$col" ] && [ -d "$sys/openstack" ] || {
  echo "patch-collection.sh: no openstack.cloud collection or openstacksdk under $sys; run install-ansible.sh" >&2
  exit 1; }
stamp="$(dpkg-query -W -f '${Version}' ansible) $(dpkg-query -W -f '${Version}' python3-openstacksdk) v2"
if [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then echo "$out/collections $out/sdk"; exit 0; fi

# patch FILE OLD NEW: replaces the one line OLD by NEW and fails if OLD is not there exactly once
patch() {
  local n; n=$(grep -cxF -- "$2" "$1" || true)
  [ "$n" = 1 ] || { echo "patch-collection.sh: expected the line '$2' once in $1, found it $n times;" \
    "this patch is for collection 1.10.0 with openstacksdk 0.101 only" >&2; exit 1; }
  OLD=$2 NEW=$3 /usr/bin/python3 - "$1" <<'PY'
import os, sys
p = sys.argv[1]; s = open(p).read().split("\n")
s = [os.environ["NEW"] if l == os.environ["OLD"] else l for l in s]
open(p, "w").write("\n".join(s))
PY
}
rm -rf "$out"; mkdir -p "$out/collections/ansible_collections/openstack" "$out/sdk"
cp -a "$col" "$out/collections/ansible_collections/openstack/cloud"
cp -a "$sys/openstack" "$out/sdk/openstack"
c=$out/collections/ansible_collections/openstack/cloud/plugins

# 1. the collection refuses every openstacksdk newer than 0.98.999 before doing anything
patch "$c/module_utils/openstack.py" \
  "MAXIMUM_SDK_VERSION = '0.98.999'" \
  "MAXIMUM_SDK_VERSION = '0.101.999'"
# 2. the server module hands the SDK's Server resource to exit_json, whose no_log filter rebuilds it key by key
#    and fails on 'volumes' (KeyError) after the server was created: return it as a plain dict
patch "$c/modules/server.py" \
  "            changed=changed, server=server, id=server.id, openstack=hostvars)" \
  "            changed=changed, server=server.to_dict(computed=False), id=server.id, openstack=hostvars)"
# 3. openstacksdk 0.101's Connection.create_server puts the scheduler hints into a dict it never sends, so a
#    server asked into a server group is created outside it (silently): send them with the request
patch "$out/sdk/openstack/cloud/_compute.py" \
  "            server_json['os:scheduler_hints'] = hints" \
  "            kwargs['scheduler_hints'] = hints"
find "$out" -name __pycache__ -prune -exec rm -rf {} +
# Ansible runs modules without writing bytecode: compile the copied SDK once, or every module call compiles it
/usr/bin/python3 -m compileall -q "$out/sdk" >/dev/null
echo "$stamp" > "$out/stamp"
echo "$out/collections $out/sdk"
