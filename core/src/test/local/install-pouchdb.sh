#!/usr/bin/env bash
# Installs pouchdb-server, the CouchDB HTTP API stand-in that the local backend runs for the database role
# (CouchDB itself is not packaged for Debian 12). Idempotent: does nothing when the pinned version is already there.
#
#   bash core/src/test/local/install-pouchdb.sh [DIR]
#
# DIR defaults to $STACKWRIGHT_POUCHDB_HOME, else /var/cache/stackwright/pouchdb-server as root and
# ~/.cache/stackwright/pouchdb-server otherwise: outside the git tree, where the local backend looks for it.
# Takes about 80 s the first time (npm, ~350 packages, ~60 MB). npm skips the install scripts of leveldown;
# it ships prebuilt binaries for linux-x64, so nothing is compiled.
set -euo pipefail
version=4.2.0
if [ $# -ge 1 ]; then
  dir=$1
elif [ -n "${STACKWRIGHT_POUCHDB_HOME:-}" ]; then
  dir=$STACKWRIGHT_POUCHDB_HOME
elif [ "$(id -u)" = 0 ]; then
  dir=/var/cache/stackwright/pouchdb-server
else
  dir=${XDG_CACHE_HOME:-$HOME/.cache}/stackwright/pouchdb-server
fi
bin=$dir/node_modules/.bin/pouchdb-server
installed() {
  [ -x "$bin" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/pouchdb-server/package.json" 2>/dev/null
}
if installed; then
  echo "pouchdb-server $version already in $dir"
  exit 0
fi
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
  else
    echo "npm is missing: run 'sudo apt-get install -y npm' first" >&2
    exit 2
  fi
fi
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"name":"stackwright-pouchdb-server","private":true}' > package.json
npm install --no-audit --no-fund --loglevel=error "pouchdb-server@$version" >&2
installed || { echo "pouchdb-server $version did not install into $dir" >&2; exit 1; }
echo "pouchdb-server $version installed in $dir"
