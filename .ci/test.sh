#!/usr/bin/env bash
# Runs every test of stackwright on this machine, after installing and starting what the tests need:
#   1. Java 17, Maven and the daemons whose validators check the rendered files (.ci/install-daemons.sh);
#   2. the nodes backend's base image and package mirror (nodes/rig/image.sh; ~30-110 s when missing or stale);
#   3. a real OpenStack on 127.0.0.1 (openstack-backend/cloud/up.sh; ~2.5 min from nothing, ~1 min when installed);
#   4. mvn verify, with the cloud's credentials in STACKWRIGHT_CLOUD_RC.
# Needs root: packages, namespaces for the validators, and the cloud's daemons. Extra arguments go to Maven.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
phase() { echo "[test $(date +%T)] $*"; }

if [ "$(id -u)" != 0 ]; then
  echo "The tests install packages and start a loopback OpenStack, which needs root. Run: sudo bash .ci/test.sh" \
    "(or, as root: bash .ci/test.sh)" >&2
  exit 2
fi

phase "installing what the tests need"
bash "$here/install-daemons.sh"

phase "node base image and package mirror of the nodes backend (built when missing or stale)"
if rootfs=$(bash "$top/nodes/rig/image.sh" path 2>/dev/null); then
  phase "node image up to date: $rootfs"
else
  t0=$SECONDS
  rootfs=$(bash "$top/nodes/rig/image.sh" build)
  phase "node image built in $((SECONDS - t0)) s: $rootfs"
fi

phase "starting the loopback OpenStack (when not running)"
cloud_dir=${STACKWRIGHT_CLOUD_DIR:-/var/lib/stackwright-cloud}
export STACKWRIGHT_CLOUD_DIR=$cloud_dir
bash "$top/openstack-backend/cloud/up.sh"
export STACKWRIGHT_CLOUD_RC=$cloud_dir/demo-openrc
export STACKWRIGHT_CLOUD_ADMIN_RC=$cloud_dir/admin-openrc

phase "running the tests"
cd "$top"
# Debian's java first: a JDK elsewhere on PATH may not be 17
export PATH=/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/bin:$PATH
status=0
mvn -B -ntp verify "$@" || status=$?
phase "mvn verify exited with $status"
exit $status
