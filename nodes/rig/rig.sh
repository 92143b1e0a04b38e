#!/usr/bin/env bash
# rig.sh - a cluster's "VMs" as systemd-nspawn containers on one Debian 12 machine whose PID 1 is not systemd
# (the manual tool; the nodes backend does the same work itself, with the same commands). See NOTES.md.
#
#   rig.sh up NAME=ADDR[,ADDR...] ...   boot nodes, e.g. up server_all-1=10.0.10.3/16,10.0.10.4/16 (prefix: /16)
#   rig.sh wait NAME...                 wait for multi-user.target, then for cloud-init
#   rig.sh seed NAME [KEY.pub]          write a sample NoCloud seed (mirror, nginx-light, the CouchDB stand-in)
#   rig.sh git NAME DIR VERSION         serve DIR as git://10.0.255.254/NAME.git with branch and tag VERSION
#   rig.sh exec NAME CMD...             run CMD inside the node
#   rig.sh status                       nodes, state, cloud-init, addresses, memory
#   rig.sh down                         stop every node of this rig, unmount, delete namespaces and cgroups
#
# A seed in $RIG/seed/NAME/{meta-data,user-data} becomes the node's NoCloud seed; a node without one gets no
# cloud-init. The base image is nodes/rig/image.sh's (built when missing).
# Network (no 10.x address ever in the machine's root namespace): netns $NS holds the bridge br0 with
# 10.0.255.254/16, the HTTP server of $RIG/www (package mirror, CouchDB repository) and git daemon of
# $RIG/www/git; each node's netns
# rig-NAME holds eth0 with its addresses, the peer of v-NAME on br0. No route, no NAT: nothing leaves.
# Reach the nodes with: ip netns exec $NS CMD
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RIG=${STACKWRIGHT_RIG_DIR:-/var/lib/stackwright-rig}
NS=${RIG_NS:-rigtest}              # one rig per namespace name; several rigs can run side by side
BR_ADDR=${RIG_BR_ADDR:-10.0.255.254/16}
RUN=$RIG/run/$NS                   # per node: upper/ work/ merged/ pid t0 console.log name
CG=rig/$NS                         # cgroup subtree in both name=systemd and unified

log() { echo "[rig] $*" >&2; }
die() { echo "rig.sh: $*" >&2; exit "${2:-1}"; }

# TRAP: nspawn refuses '_' in machine names (server_all-1): machines, namespaces and directories take a
# sanitised name; a veth name has at most 15 characters, so a long one is hashed.
machine() { printf '%s' "$1" | tr -c 'A-Za-z0-9-' '-' | cut -c1-60; }
veth() {
  local v=v-$1
  [ ${#v} -le 15 ] || v=v-$(printf '%s' "$1" | md5sum | cut -c1-10)
  echo "$v"
}

rootfs() { "$here/image.sh" path 2>/dev/null || "$here/image.sh" build; }

ensure_bridge() {
  ip netns list | grep -qw "^$NS" && return 0
  ip netns add "$NS"
  ip -n "$NS" link set lo up
  ip -n "$NS" link add br0 type bridge
  ip -n "$NS" addr add "$BR_ADDR" dev br0
  ip -n "$NS" link set br0 up
  serve
}

# The mirror, the CouchDB repository and git repositories over HTTP on the bridge address, inside $NS only.
serve() {
  mkdir -p "$RUN" "$RIG/www"
  setsid ip netns exec "$NS" python3 -m http.server 80 --bind "${BR_ADDR%/*}" --directory "$RIG/www" \
    </dev/null >"$RUN/http.log" 2>&1 &
  echo $! > "$RUN/http.pid"
  # git's dumb HTTP cannot serve 'git clone --depth 1' (what the user-data runs): git daemon serves git:// too
  mkdir -p "$RIG/www/git"
  setsid ip netns exec "$NS" git daemon --reuseaddr --listen="${BR_ADDR%/*}" --base-path="$RIG/www/git" \
    --export-all --informative-errors "$RIG/www/git" </dev/null >"$RUN/git.log" 2>&1 &
  echo $! > "$RUN/git.pid"
  local i
  for i in $(seq 1 40); do
    ip netns exec "$NS" curl -fsS -o /dev/null "http://${BR_ADDR%/*}/debian/Release" 2>/dev/null && return 0
    sleep 0.25
  done
  die "the HTTP server on ${BR_ADDR%/*}:80 in $NS did not answer within 10 s: see $RUN/http.log"
}

# PID (host view) of the node's PID 1: the descendant of nspawn whose innermost NSpid is 1.
leader() {
  local m sup p
  m=$(machine "$1")
  sup=$(cat "$RUN/$m/pid" 2>/dev/null) || return 1
  for p in $(pgrep -P "$sup"); do
    if awk '/^NSpid:/{exit !($NF==1)}' /proc/$p/status 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

up_one() {
  local n=${1%%=*} addrs=${1#*=} m d a root
  [ "$n" != "$1" ] && [ -n "$addrs" ] || die "up: '$1' is not NAME=ADDR[,ADDR...]; write e.g. db-1=10.0.12.1/16"
  m=$(machine "$n"); d=$RUN/$m
  if [ -e "$d/name" ] && [ "$(cat "$d/name")" != "$n" ]; then
    die "up: $n and $(cat "$d/name") both become machine $m: rename one"
  fi
  [ -e "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null && { log "$n already running"; return; }
  root=$(rootfs)
  mkdir -p "$d"/{upper,work,merged}; echo "$n" > "$d/name"
  ip netns add "rig-$m"
  ip -n "$NS" link add "$(veth "$m")" type veth peer name eth0 netns "rig-$m"
  ip -n "$NS" link set "$(veth "$m")" master br0 up
  ip -n "rig-$m" link set lo up
  # every address of the node's roles is on eth0 before boot (cloud-init's network config is off)
  for a in ${addrs//,/ }; do
    [[ $a == */* ]] || a=$a/16
    ip -n "rig-$m" addr add "$a" dev eth0
  done
  ip -n "rig-$m" link set eth0 up
  mount -t overlay "rig-$NS-$m" -o "lowerdir=$root,upperdir=$d/upper,workdir=$d/work" "$d/merged"
  if [ -d "$RIG/seed/$n" ]; then
    mkdir -p "$d/merged/var/lib/cloud/seed/nocloud"
    cp "$RIG/seed/$n"/* "$d/merged/var/lib/cloud/seed/nocloud/"
  else
    touch "$d/merged/etc/cloud/cloud-init.disabled"   # else it runs as DataSourceNone: 8-10 s for nothing
  fi
  boot "$n" "$m" "$d"
  log "$n: machine $m, nspawn pid $(cat "$d/pid"), $addrs"
}

boot() {
  local n=$1 m=$2 d=$3
  # TRAP: --keep-unit makes payload/ and supervisor/ cgroups inside nspawn's current cgroup: each node gets its
  # own in both hierarchies, or all nodes share one (and litter the machine's cgroup root).
  mkdir -p "/sys/fs/cgroup/systemd/$CG/$m" "/sys/fs/cgroup/unified/$CG/$m"
  # TRAP: without --register=no nspawn wants machined, without --keep-unit a scope from PID 1 over D-Bus: both
  # die with "Failed to open system bus" here. The pure cgroup2 view boots without the hybrid's symlink errors.
  # dnsmasq (the controller) needs CAP_NET_ADMIN. The console is read-only: nothing reads a getty.
  setsid bash -c '
      echo $$ > /sys/fs/cgroup/systemd/'"$CG/$m"'/cgroup.procs
      echo $$ > /sys/fs/cgroup/unified/'"$CG/$m"'/cgroup.procs
      export SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=${SYSTEMD_NSPAWN_UNIFIED_HIERARCHY-1}
      exec nice -n 10 systemd-nspawn --boot --directory="$0" --machine="$1" \
        --register=no --keep-unit --capability=CAP_NET_ADMIN \
        --network-namespace-path=/run/netns/rig-"$1" \
        --console=read-only --link-journal=no \
        --resolv-conf=off --timezone=off' \
      "$d/merged" "$m" </dev/null >"$d/console.log" 2>&1 &
  echo $! > "$d/pid"
  date +%s.%N > "$d/t0"
}

wait_one() {
  local n=$1 m p i st t
  m=$(machine "$n")
  for i in $(seq 1 240); do p=$(leader "$n") && break; sleep 0.25; done
  [ -n "${p:-}" ] || die "$n: no node PID 1 after 60 s: see $RUN/$m/console.log"
  # TRAP: 'is-system-running --wait' returns at once before the node's bus exists: poll (at most 120 s)
  for i in $(seq 1 240); do
    st=$(nsenter -t "$p" -a systemctl is-system-running 2>/dev/null || true)
    case "$st" in running|degraded|maintenance|stopping) break ;; esac
    sleep 0.5
  done
  t=$(awk -v a="$(cat "$RUN/$m/t0")" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  log "$n: system $st after ${t}s (wall, from nspawn start)"
  if [ ! -e "$RUN/$m/merged/etc/cloud/cloud-init.disabled" ]; then
    nsenter -t "$p" -a timeout 600 cloud-init status --wait >/dev/null 2>&1 || true
    t=$(awk -v a="$(cat "$RUN/$m/t0")" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
    log "$n: cloud-init finished after ${t}s"
    nsenter -t "$p" -a cloud-init status --long || true
  fi
}

# A sample seed: the mirror as the only apt source, nginx-light from it, and the CouchDB stand-in installed the
# way the user-data installs CouchDB (key, signed-by list, apt-get install), each step all-or-nothing.
seed() {
  local n=$1 key=${2:-$RIG/id_ed25519.pub} pub web=http://${BR_ADDR%/*}
  [ -f "$key" ] || ssh-keygen -q -t ed25519 -N '' -C rig -f "${key%.pub}"
  pub=$(cat "$key"); mkdir -p "$RIG/seed/$n"
  printf 'instance-id: rig-%s-%s\nlocal-hostname: %s\n' "$(machine "$n")" "$(date +%s)" "$(machine "$n")" \
    > "$RIG/seed/$n/meta-data"
  cat > "$RIG/seed/$n/user-data" <<EOF
#cloud-config
disable_root: false            # Debian's default blocks root key login with a "login as debian" command=
ssh_authorized_keys: [ "$pub" ]
apt:
  preserve_sources_list: false
  sources_list: |
    deb [trusted=yes] $web/debian ./
package_update: true
packages: [ nginx-light, gnupg ]
write_files:
  - path: /opt/couchdb/etc/local.ini
    permissions: "0600"
    content: |
      [chttpd]
      bind_address = 0.0.0.0
      port = 5984
      [admins]
      admin = rig-sample
runcmd:
  - [ bash, -c, 'set -euo pipefail; curl -fsSL $web/couchdb/keys.asc -o /tmp/couchdb.asc && gpg --dearmor --yes -o /usr/share/keyrings/couchdb-archive-keyring.gpg /tmp/couchdb.asc' ]
  - [ bash, -c, 'echo "deb [signed-by=/usr/share/keyrings/couchdb-archive-keyring.gpg] $web/couchdb bookworm main" > /etc/apt/sources.list.d/couchdb.list' ]
  - [ bash, -c, 'set -euo pipefail; apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confold couchdb' ]
  - [ bash, -c, 'chown couchdb:couchdb /opt/couchdb/etc/local.ini && systemctl enable couchdb && systemctl restart couchdb' ]
EOF
  log "seed for $n in $RIG/seed/$n"
}

# A bare repository served over git's "dumb" HTTP protocol (static files: update-server-info keeps them current).
git_repo() {
  local name=$1 src=$2 version=$3 bare=$RIG/www/git/$1.git work
  [ -d "$src" ] || die "git: $src is not a directory"
  work=$(mktemp -d)
  cp -a "$src/." "$work/"
  rm -rf "$work/.git"
  git -C "$work" init -q -b "$version"
  git -C "$work" add -A
  git -C "$work" -c user.name=stackwright-rig -c user.email=rig@stackwright.invalid commit -q -m "$name $version"
  git -C "$work" tag -f "$version" >/dev/null
  rm -rf "$bare"; mkdir -p "$(dirname "$bare")"
  git clone -q --bare "$work" "$bare"
  git -C "$bare" update-server-info
  rm -rf "$work"
  log "git: git://${BR_ADDR%/*}/$name.git or http://${BR_ADDR%/*}/git/$name.git (branch and tag $version)"
}

exec_in() { local n=$1 p; shift; p=$(leader "$n") || die "exec: $n is not running"; nsenter -t "$p" -a "$@"; }

pss() {  # PSS (kB) of every process in the node's cgroup: its fair share of pages shared with other nodes
  local m=$1 tot=0 p r
  for p in $(find "/sys/fs/cgroup/unified/$CG/$m/payload" -name cgroup.procs -exec cat {} + 2>/dev/null); do
    r=$(awk '/^Pss:/{print $2}' /proc/$p/smaps_rollup 2>/dev/null || echo 0); tot=$((tot + ${r:-0}))
  done
  echo "$tot"
}

status() {
  local d n m p
  for d in "$RUN"/*/; do
    [ -e "$d/name" ] || continue
    n=$(cat "$d/name"); m=$(machine "$n")
    p=$(leader "$n" 2>/dev/null) || { echo "$n: down"; continue; }
    echo "$n: machine=$m state=$(nsenter -t "$p" -a systemctl is-system-running 2>/dev/null)" \
      "cloud-init=$(nsenter -t "$p" -a cloud-init status 2>/dev/null | awk '{print $2}')" \
      "addr=$(ip -n "rig-$m" -br -4 addr show eth0 | awk '{$1=$2=""; print $0}' | xargs | tr ' ' ,)" \
      "pss=$(pss "$m")kB"
  done
}

stop_node() {
  local d=$1 m p i
  m=$(basename "$d")
  if [ -e "$d/pid" ] && p=$(cat "$d/pid") && kill -0 "$p" 2>/dev/null; then
    # SIGTERM to nspawn = a clean poweroff of the node (units stopped, file systems synced), then nspawn exits
    kill -TERM "$p"
    for i in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$p" 2>/dev/null && { log "$m: nspawn $p ignores TERM after 30 s, KILL"; kill -KILL "$p"; sleep 1; }
  fi
  if mountpoint -q "$d/merged"; then umount "$d/merged" || umount -l "$d/merged"; fi
  # TRAP: /run is not a tmpfs: nspawn refuses to remove its propagate directory
  rm -rf "/run/systemd/nspawn/propagate/$m"
  ip netns del "rig-$m" 2>/dev/null || true
  [ "${KEEP_UPPER:-0}" = 1 ] || rm -rf "$d"
}

down() {
  local d h f
  for d in "$RUN"/*/; do [ -d "$d" ] && stop_node "${d%/}"; done
  for f in http git; do
    # the whole process group setsid made: git daemon runs its work in a child of its own
    if [ -e "$RUN/$f.pid" ]; then kill -TERM -- "-$(cat "$RUN/$f.pid")" 2>/dev/null || true; rm -f "$RUN/$f.pid"; fi
  done
  for h in systemd unified; do
    [ -d "/sys/fs/cgroup/$h/$CG" ] && find "/sys/fs/cgroup/$h/$CG" -depth -type d -exec rmdir {} \; 2>/dev/null
    rmdir "/sys/fs/cgroup/$h/rig" 2>/dev/null || true
  done
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$RUN"
  # TRAP: 'ip netns add' leaves /run/netns bind-mounted, nspawn leaves /run/systemd/nspawn: removed when unused
  if [ -d /run/netns ] && [ -z "$(ls -A /run/netns)" ]; then umount /run/netns 2>/dev/null || true; rmdir /run/netns; fi
  pgrep -x systemd-nspawn >/dev/null || rm -rf /run/systemd/nspawn
  log "down ($NS)"
}

[ "$(id -u)" = 0 ] || die "the rig needs root (namespaces, mounts, cgroups): run with sudo" 2
cmd=${1:-}; shift || true
case "$cmd" in
  up) ensure_bridge; for a in "$@"; do up_one "$a"; done ;;
  wait) for n in "$@"; do wait_one "$n"; done ;;
  seed) seed "$@" ;;
  git) [ $# -eq 3 ] || die "usage: rig.sh git NAME DIR VERSION"; git_repo "$@" ;;
  exec) exec_in "$@" ;;
  status) status ;;
  down) down ;;
  *) sed -n '2,16p' "$0" >&2; exit 1 ;;
esac
