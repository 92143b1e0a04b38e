#!/usr/bin/env bash
# The rig's node base image and the package repositories the nodes install from (see NOTES.md).
#
#   image.sh build   builds what is missing or stale, prints the rootfs path (reuses it when the key is unchanged)
#   image.sh path    prints the current rootfs path without building; exit 1 when there is none for this key
#   image.sh key     prints the key: a short hash of the package lists and this script
#   image.sh check   fails when a built-in service installs a package that mirror.packages lacks
#
# Layout under $STACKWRIGHT_RIG_DIR (default /var/lib/stackwright-rig):
#   images/<key>/rootfs      the base image (read-only lower layer of every node's overlay)
#   images/<key>/debian      flat apt repository: deb [trusted=yes] http://10.0.255.254/debian ./
#   images/<key>/couchdb     signed repository of the CouchDB stand-in, flat and as dists/bookworm/main
#   images/current -> <key>  the newest complete build; www/debian and www/couchdb point into it
#   cache/                   .deb cache shared by builds (downloads only; dpkg dominates the build time)
# Needs root (mmdebstrap --mode=root) and Debian's mirrors (the build runs in the machine's own namespace).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
self=$here/$(basename "${BASH_SOURCE[0]}")
RIG=${STACKWRIGHT_RIG_DIR:-/var/lib/stackwright-rig}
SUITE=bookworm
DEBIAN_SOURCES=("deb http://deb.debian.org/debian $SUITE main"
  "deb http://deb.debian.org/debian $SUITE-updates main"
  "deb http://deb.debian.org/debian-security $SUITE-security main")

log() { echo "[image $(date +%T)] $*" >&2; }
die() { echo "image.sh: $*" >&2; exit "${2:-1}"; }

# One package name a line, '#' comments and blanks dropped.
packages() { sed -e 's/#.*//' -e 's/[[:space:]]//g' "$here/$1" | grep -v '^$'; }

key() {
  cat "$self" "$here/base.packages" "$here/mirror.packages" | sha256sum | cut -c1-12
}

# The stand-in's repository has a stamp of its own: changing the stand-in rebuilds it (seconds), not the image.
standin_key() { cat "$here"/couchdb-standin/* | sha256sum | cut -c1-12; }

path() {
  local d
  d=$RIG/images/$(key)
  [ -e "$d/complete" ] || { echo "image.sh: no image for key $(key) under $RIG/images: run 'image.sh build'" >&2; return 1; }
  [ "$(cat "$d/couchdb/stamp" 2>/dev/null)" = "$(standin_key)" ] ||
    { echo "image.sh: the CouchDB stand-in repository of $d is stale: run 'image.sh build'" >&2; return 1; }
  echo "$d/rootfs"
}

# Every package a built-in service installs must be installable from the mirror. The services' descriptors say which
# (read by BuiltInPackages against core's compiled classes, compiled first when missing or older than their sources);
# any packages.add("x") still left in NodePlan.java is checked too. couchdb comes from the CouchDB stand-in instead.
check() {
  local root=$here/../.. missing=() p names
  local classes=$root/core/target/classes reader=$root/nodes/src/test/java/dev/stackwright/nodes/BuiltInPackages.java
  local plan=$root/core/src/main/java/dev/stackwright/render/NodePlan.java
  local stamp=$classes/dev/stackwright/services/BuiltInServices.class
  [ -f "$reader" ] || die "check: $reader not found (run from a stackwright checkout)"
  if [ ! -f "$stamp" ] || [ -n "$(find "$root/core/src/main/java/dev/stackwright/services" \
      "$root/core/src/main/java/dev/stackwright/model" -name '*.java' -newer "$stamp" | head -1)" ]; then
    mvn -B -ntp -o -q -f "$root/pom.xml" -pl core compile >&2 \
      || die "check: core's classes are missing or stale and do not compile here; run 'mvn -o -pl core compile' first"
  fi
  names=$(java -cp "$classes" "$reader") || die "check: reading the services' packages failed"
  [ -f "$plan" ] && names+=$'\n'$(grep -o 'packages\.add("[^"]*")' "$plan" | sed 's/.*("\(.*\)")/\1/' || true)
  for p in $(echo "$names" | sort -u); do
    [ "$p" = couchdb ] && continue
    packages mirror.packages | grep -qx "$p" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] || die "the built-in services install ${missing[*]}, which $here/mirror.packages lacks: add them"
}

build() {
  check
  local k d
  k=$(key); d=$RIG/images/$k
  mkdir -p "$RIG/images" "$RIG/cache" "$RIG/www"
  # one build at a time (CI and a test may both ask); the second one waits and reuses the first one's result
  exec 9>"$RIG/images/.lock"
  flock -w 1800 9 || die "another image build holds $RIG/images/.lock for over 30 min"
  if [ ! -e "$d/complete" ]; then
    local t0=$SECONDS
    rm -rf "$d.tmp"; mkdir -p "$d.tmp/debs"
    rootfs "$d.tmp"
    log "base image and downloads: $((SECONDS - t0)) s"
    mirror "$d.tmp/debs" "$d.tmp/debian"
    rm -rf "$d.tmp/debs"
    echo "$k" > "$d.tmp/complete"
    mv "$d.tmp" "$d"
    log "built $k in $((SECONDS - t0)) s: rootfs $(du -sh "$d/rootfs" | cut -f1), debian $(du -sh "$d/debian" | cut -f1)"
  fi
  if [ "$(cat "$d/couchdb/stamp" 2>/dev/null)" != "$(standin_key)" ]; then
    rm -rf "$d/couchdb.tmp"
    bash "$here/couchdb-standin/build.sh" "$d/couchdb.tmp" "$SUITE" >&2
    standin_key > "$d/couchdb.tmp/stamp"
    rm -rf "$d/couchdb"; mv "$d/couchdb.tmp" "$d/couchdb"
  fi
  publish "$k"
  prune "$k"
  echo "$d/rootfs"
}

# mmdebstrap the base; in the same run download (not install) the mirror's packages against that base, so the
# mirror holds exactly what a node of this image needs, recommends included (a node's apt installs them).
rootfs() {
  local out=$1 include
  include=$(packages base.packages | paste -sd,)
  # TRAP: mmdebstrap empties /var/cache/apt/archives at its end: sync-out keeps the .debs (for the mirror and
  # for the next build's cache). Each package alone as well as all together: an alternative (a | b) may resolve
  # differently when a node installs one role's packages only.
  local fetch='set -e; export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --download-only -o APT::Install-Recommends=true '"$(packages mirror.packages | paste -sd' ')"' >/dev/null
    for p in '"$(packages mirror.packages | paste -sd' ')"'; do
      apt-get install -y -q --download-only -o APT::Install-Recommends=true "$p" >/dev/null
    done'
  nice -n 10 mmdebstrap --variant=minbase --mode=root --include="$include" --skip=essential/unlink \
    --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
    --setup-hook="sync-in $RIG/cache /var/cache/apt/archives/" \
    --customize-hook="chroot \"\$1\" sh -c '$fetch'" \
    --customize-hook="sync-out /var/cache/apt/archives $out/debs" \
    --customize-hook="\"$self\" customize \"\$1\"" \
    "$SUITE" "$out/rootfs" "${DEBIAN_SOURCES[@]}" >&2
}

# Only the newest version of each package goes into the mirror and stays in the cache (the cache may hold
# versions an older build downloaded).
mirror() {
  local debs=$1 out=$2
  newest "$debs"
  rm -f "$RIG/cache"/*.deb
  cp -l "$debs"/*.deb "$RIG/cache/" 2>/dev/null || cp "$debs"/*.deb "$RIG/cache/"
  mkdir -p "$out"
  mv "$debs"/*.deb "$out/"
  (cd "$out" && apt-ftparchive packages . > Packages && gzip -9kf Packages &&
    apt-ftparchive -o APT::FTPArchive::Release::Suite="$SUITE" -o APT::FTPArchive::Release::Origin=stackwright-rig \
      -o APT::FTPArchive::Release::Label="stackwright rig mirror" release . > Release)
  log "mirror: $(ls "$out"/*.deb | wc -l) packages, $(du -sh "$out" | cut -f1)"
}

newest() {
  local dir=$1 f name ver keep
  declare -A best=()
  for f in "$dir"/*.deb; do
    name=$(basename "$f"); name=${name%%_*}
    keep=${best[$name]:-}
    if [ -z "$keep" ]; then best[$name]=$f; continue; fi
    ver=$(dpkg-deb -f "$f" Version)
    if dpkg --compare-versions "$ver" gt "$(dpkg-deb -f "$keep" Version)"; then rm -f "$keep"; best[$name]=$f
    else rm -f "$f"; fi
  done
}

# The recipe's customisation (traps 5 and 6) plus: no apt source and no services the node did not ask for.
customize() {
  local r=$1 u
  # TRAP 5: the host's hostname and resolver are copied in; openssh-server bakes one set of host keys that
  # every node would share -> removed, and sshd makes its own keys on first start.
  rm -f "$r"/etc/hostname "$r"/etc/ssh/ssh_host_*
  printf "127.0.0.1 localhost\n::1 localhost ip6-localhost\n" > "$r"/etc/hosts
  rm -f "$r"/etc/resolv.conf; : > "$r"/etc/resolv.conf
  mkdir -p "$r"/etc/systemd/system/ssh.service.d
  printf "[Service]\nExecStartPre=\nExecStartPre=/usr/bin/ssh-keygen -A\nExecStartPre=/usr/sbin/sshd -t\n" \
    > "$r"/etc/systemd/system/ssh.service.d/rig.conf
  # TRAP 6: NoCloud only; eth0 is configured from outside; no 'locales' package; sudo needs the host name.
  printf "datasource_list: [ NoCloud, None ]\nnetwork: {config: disabled}\nlocale: C.UTF-8\nmanage_etc_hosts: true\n" \
    > "$r"/etc/cloud/cloud.cfg.d/90-rig.cfg
  # Debian's servers are unreachable from a node: the image names no apt source, the user-data sets the mirror
  # (a node without that setting fails at 'packages:' at once instead of timing out on deb.debian.org).
  : > "$r"/etc/apt/sources.list
  rm -f "$r"/etc/apt/sources.list.d/*
  # Timers and units that only cost time in a throwaway node (console-getty: the console is read-only), and
  # what the base's packages enable but no role asks for.
  for u in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service console-getty.service \
    fstrim.timer dpkg-db-backup.timer systemd-pstore.service systemd-networkd.service systemd-networkd-wait-online.service systemd-timesyncd.service \
    remote-fs.target getty@tty1.service; do
    ln -sf /dev/null "$r"/etc/systemd/system/$u
  done
  # a stale machine-id would be shared by every node: systemd makes one per boot when the file is empty
  : > "$r"/etc/machine-id
}

# www/debian and www/couchdb follow images/current, switched only once a build is complete.
publish() {
  local k=$1
  ln -sfn "$k" "$RIG/images/current.new" && mv -T "$RIG/images/current.new" "$RIG/images/current"
  ln -sfn ../images/current/debian "$RIG/www/debian"
  ln -sfn ../images/current/couchdb "$RIG/www/couchdb"
}

# Older builds go, unless a node's overlay still uses them as its lower layer.
prune() {
  local k=$1 old
  for old in "$RIG"/images/*/; do
    old=${old%/}
    case "$(basename "$old")" in "$k"|current) continue ;; esac
    if grep -q "lowerdir=$old/rootfs" /proc/mounts; then log "keeping $old: a node still runs on it"; continue; fi
    rm -rf "$old"
  done
}

cmd=${1:-}
case "$cmd" in
  build) [ "$(id -u)" = 0 ] || die "building the image needs root (mmdebstrap --mode=root): run with sudo" 2
    build ;;
  path) path ;;
  key) key ;;
  check) check ;;
  customize) customize "$2" ;;
  *) sed -n '2,16p' "$self" >&2; exit 1 ;;
esac
