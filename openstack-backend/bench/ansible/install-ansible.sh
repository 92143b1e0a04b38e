#!/usr/bin/env bash
# Installs what seed-by-ansible.sh runs: Debian 12's ansible 7.7 (ansible-core 2.14, with the openstack.cloud
# collection 1.10.0) and the openstacksdk it uses (0.101, usually already there with the openstack CLI). Needs
# root. Then patch-collection.sh makes the project-local patched copies; seed-by-ansible.sh calls it itself.
set -euo pipefail
if dpkg -s ansible python3-openstacksdk >/dev/null 2>&1; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y ansible python3-openstacksdk || { apt-get update && apt-get install -y ansible python3-openstacksdk; }
