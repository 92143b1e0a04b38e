#!/usr/bin/env bash
# Method (b) of the speed benchmark (docs/benchmarks.md): the seed cluster made by an Ansible playbook with the
# openstack.cloud collection, one module call per resource, each server waited for until ACTIVE -- the same
# resources as seed-by-hand.sh (ansible/seed.yml). Debian 12's ansible 7.7 ships collection 1.10.0, which does not
# run with Debian's openstacksdk 0.101 as shipped: this runs a project-local patched copy (ansible/README.md).
#
#   bash openstack-backend/bench/seed-by-ansible.sh PREFIX WORKERS PUBLIC_KEY_FILE     (with an openrc sourced)
#
# SEED_ANSIBLE_SDK=system runs with the system's unpatched openstacksdk: the workers then land outside their
# server group (the SDK drops the scheduler hint), as a user who made only the two collection patches gets.
set -euo pipefail
export PATH=/usr/bin:$PATH   # Debian's ansible and python3, not a pyenv shim
[ $# = 3 ] || { echo "usage: $0 PREFIX WORKERS PUBLIC_KEY_FILE (with an openrc sourced)" >&2; exit 2; }
P=$1 W=$2 KEY=$3
[[ $W =~ ^[0-9]+$ ]] || { echo "$0: WORKERS must be a whole number, got '$W'" >&2; exit 2; }
[ -r "$KEY" ] || { echo "$0: cannot read the public key file '$KEY'" >&2; exit 2; }
[ -n "${OS_AUTH_URL:-}" ] || { echo "$0: no OS_AUTH_URL: source an openrc first" >&2; exit 2; }
command -v ansible-playbook >/dev/null || { echo "$0: no ansible-playbook: run ansible/install-ansible.sh" >&2; exit 2; }
here=$(cd "$(dirname "$0")/ansible" && pwd)
read -r collections sdk < <(bash "$here/patch-collection.sh")
export ANSIBLE_COLLECTIONS_PATH=$collections ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
[ "${SEED_ANSIBLE_SDK:-patched}" = system ] || export PYTHONPATH=$sdk${PYTHONPATH:+:$PYTHONPATH}
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false ANSIBLE_RETRY_FILES_ENABLED=false
ansible-playbook -i localhost, -c local "$here/seed.yml" \
  -e "prefix=$P workers=$W pubkey_file=$(realpath "$KEY") ansible_python_interpreter=/usr/bin/python3"
