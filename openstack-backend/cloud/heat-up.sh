#!/bin/bash
# Heat (Debian 12's heat-api + heat-engine, Zed) on the loopback cloud of up.sh, which runs this script last:
# heat-api (eventlet, one process) on 127.0.0.1:8004, one heat-engine. Adopted from the workplace's measured recipe
# (shared/recipes/heat); the project owns this copy.
# Idempotent: when both run with this heat.conf and the API answers, it does nothing (~0.1 s); otherwise it installs
# what is missing, creates the `heat` database and the keystone objects that are missing, writes heat.conf, and
# starts what is not running. The PIDs go to up.sh's pids/ and .order, so down.sh stops Heat first;
# heat-down.sh stops Heat alone.
set -euo pipefail
# Debian tools only: a pyenv/venv python3 earlier in PATH lacks the OpenStack libraries
export PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH

RUN="${STACKWRIGHT_CLOUD_DIR:-/var/lib/stackwright-cloud}"
PIDS="$RUN/pids"; LOGS="$RUN/logs"
mkdir -p "$PIDS" "$LOGS"
PW="${STACKWRIGHT_CLOUD_PASSWORD:-secret}"          # up.sh's convention: every password is $PW
KS="http://127.0.0.1:5000"
T_START=$(date +%s.%N)
log() { echo "[heat-up $(date +%T)] $*"; }
since() { /usr/bin/python3 -c "import time;print(round(time.time()-$T_START,1))"; }
running() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

# heat.conf, whole. TRAPS (from the recipe): num_engine_workers defaults to max(4, cores) forked engines of
# ~120 MiB each, [heat_api] workers=0 to one per core; without heat_metadata_server_url a server with the default
# user_data_format (HEAT_CFNTOOLS) fails looking for a cloudformation endpoint we do not run (RAW works either way)
heat_conf() { cat <<EOF
[DEFAULT]
transport_url = rabbit://guest:guest@127.0.0.1:5672/
log_dir = $LOGS
debug = ${STACKWRIGHT_CLOUD_DEBUG:-false}
num_engine_workers = 1
region_name_for_services = RegionOne
# 32 characters: encrypts the parameters and credentials Heat keeps in its database
auth_encryption_key = stackwright-loopback-heat-key-32
heat_stack_user_role = heat_stack_user
stack_user_domain_name = heat
stack_domain_admin = heat_domain_admin
stack_domain_admin_password = $PW
heat_metadata_server_url = http://127.0.0.1:8000
heat_waitcondition_server_url = http://127.0.0.1:8000/v1/waitcondition
[heat_api]
bind_host = 127.0.0.1
bind_port = 8004
workers = 1
[database]
connection = mysql+pymysql://openstack:$PW@127.0.0.1:3306/heat
[oslo_messaging_notifications]
driver = noop
[oslo_concurrency]
lock_path = /var/lib/heat/lock
[keystone_authtoken]
www_authenticate_uri = $KS
auth_url = $KS
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = heat
password = $PW
[trustee]
auth_type = password
auth_url = $KS
username = heat
password = $PW
user_domain_name = Default
[clients_keystone]
auth_uri = $KS
[clients]
endpoint_type = public
EOF
}

# the cheap re-run: both running, with this very config, and the API answering
if running heat-api && running heat-engine && [ -f /etc/heat/heat.conf ] && heat_conf | cmp -s - /etc/heat/heat.conf \
    && curl -s -o /dev/null --max-time 2 http://127.0.0.1:8004/; then
  log "heat already running (heat-api pid $(cat "$PIDS/heat-api.pid"), heat-engine pid $(cat "$PIDS/heat-engine.pid"))"
  exit 0
fi

########################################################################################
# 1. packages (no daemon started by a postinst)
########################################################################################
PKGS="heat-api heat-engine python3-heatclient"
if ! dpkg -s $PKGS >/dev/null 2>&1; then
  log "installing $PKGS"
  export DEBIAN_FRONTEND=noninteractive
  # TRAP: the postinsts run `invoke-rc.d heat-api start`, which would start uwsgi with 8 processes x 32 threads on
  # every interface at :8004; a policy-rc.d that exits 101 makes invoke-rc.d refuse (ours only when none exists)
  OWN_POLICY=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# stackwright-cloud: keep package scripts from starting daemons\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d; OWN_POLICY=1
  fi
  # TRAP: heat-common's debconf could configure the database, rabbit and keystone, and heat-api's register an
  # endpoint on the default route's address in region "regionOne": all default to false; say so, we do it below
  cat <<'EOF' | debconf-set-selections
heat-common heat/configure_db boolean false
heat-common heat/configure_rabbit boolean false
heat-common heat/configure_ksat boolean false
heat-common heat/configure_with_debconf boolean false
heat-api heat/configure_api-endpoint boolean false
EOF
  [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ] || apt-get update -q
  apt-get install -y -q --no-install-recommends $PKGS
  [ $OWN_POLICY = 1 ] && rm -f /usr/sbin/policy-rc.d
  log "packages installed after $(since)s"
fi

########################################################################################
# 2. database: MariaDB's `heat`, granted to up.sh's database user (root reaches MariaDB through its socket)
########################################################################################
mariadb <<EOF
CREATE DATABASE IF NOT EXISTS heat;
CREATE USER IF NOT EXISTS 'openstack'@'127.0.0.1' IDENTIFIED BY '$PW';
GRANT ALL PRIVILEGES ON heat.* TO 'openstack'@'127.0.0.1';
EOF

########################################################################################
# 3. keystone, in one python process (the CLI costs ~2 s per call): user heat (admin + service in project service),
#    role heat_stack_user, domain heat with its admin heat_domain_admin, service orchestration and its endpoints.
#    TRAP: Heat makes a project per stack in domain heat and deletes it with the stack: the domain settings matter
########################################################################################
/usr/bin/python3 - "$PW" <<'PYEOF'
import sys
from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client
pw = sys.argv[1]
s = session.Session(auth=v3.Password(auth_url="http://127.0.0.1:5000/v3", username="admin", password=pw,
        project_name="admin", user_domain_name="Default", project_domain_name="Default"))
ks = client.Client(session=s, interface="public")
def one(found, make):
    return found[0] if found else make()
default = ks.domains.find(name="Default")
heat_domain = one(ks.domains.list(name="heat"),
                  lambda: ks.domains.create(name="heat", description="Heat stack projects and users"))
def user(name, domain):
    return one(ks.users.list(name=name, domain=domain), lambda: ks.users.create(name=name, domain=domain, password=pw))
def role(name):
    return one(ks.roles.list(name=name), lambda: ks.roles.create(name=name))
def grant(r, u, **target):
    try:
        ks.roles.check(role=r, user=u, **target)
    except Exception:
        ks.roles.grant(role=r, user=u, **target)
service_p = ks.projects.list(name="service", domain=default)[0]
heat = user("heat", default)
grant(role("admin"), heat, project=service_p)
grant(role("service"), heat, project=service_p)
role("heat_stack_user")
grant(role("admin"), user("heat_domain_admin", heat_domain), domain=heat_domain)
svc = one(ks.services.list(type="orchestration"), lambda: ks.services.create(name="heat", type="orchestration"))
have = {e.interface for e in ks.endpoints.list(service=svc)}
for itf in ("public", "internal", "admin"):
    if itf not in have:
        ks.endpoints.create(service=svc, url="http://127.0.0.1:8004/v1/%(tenant_id)s", interface=itf,
                            region="RegionOne")
print("keystone: heat's user, roles, domain and endpoints ok")
PYEOF

########################################################################################
# 4. heat.conf (the packaged one kept once as heat.conf.stackwright-orig), schema; a changed config restarts Heat
########################################################################################
[ -f /etc/heat/heat.conf.stackwright-orig ] || cp -p /etc/heat/heat.conf /etc/heat/heat.conf.stackwright-orig
if ! heat_conf | cmp -s - /etc/heat/heat.conf; then
  bash "$(dirname "$0")/heat-down.sh"
  heat_conf > /etc/heat/heat.conf
fi
chown root:heat /etc/heat/heat.conf; chmod 0640 /etc/heat/heat.conf
install -d /var/lib/heat/lock
heat-manage db_sync >>"$LOGS/heat-manage.log" 2>&1
log "database, keystone and heat.conf ok after $(since)s"

########################################################################################
# 5. heat-engine and heat-api as up.sh starts its services: own session (pgid == pid), pid file, .order for down.sh
########################################################################################
start() {
  local name=$1; shift
  if running "$name"; then log "$name already running (pid $(cat "$PIDS/$name.pid"))"; return 0; fi
  # oslo.log writes $LOGS/NAME.log (log_dir + program name); what it does not catch goes to NAME.stdout.log
  setsid "$@" >>"$LOGS/$name.stdout.log" 2>&1 </dev/null &
  echo $! > "$PIDS/$name.pid"
  echo "$name" >> "$PIDS/.order"
  log "started $name pid $!"
}
died() { log "$1 died:"; tail -30 "$LOGS/$1.stdout.log" "$LOGS/$1.log" 2>/dev/null; exit 1; }
t_engine=$(date -u +'%F %T')
running heat-engine && t_engine=$(date -u -d "@$(stat -c %Y "$PIDS/heat-engine.pid")" +'%F %T')
start heat-engine heat-engine --config-file /etc/heat/heat.conf
start heat-api heat-api --config-file /etc/heat/heat.conf
for i in $(seq 300); do
  curl -s -o /dev/null --max-time 2 http://127.0.0.1:8004/ && break
  running heat-api || died heat-api
  [ "$i" = 300 ] && { log "heat-api did not answer on :8004 within 60 s"; died heat-api; }
  sleep 0.2
done
# The engine takes stacks once it has registered in heat.service. TRAP: a stopped engine's row still looks alive
# for a while, so only a row written since this engine started counts (UTC, as Heat writes them)
for i in $(seq 120); do
  [ "$(mariadb -N -e "SELECT COUNT(*) FROM heat.service WHERE deleted_at IS NULL
        AND COALESCE(updated_at, created_at) >= '$t_engine'")" -ge 1 ] && break
  running heat-engine || died heat-engine
  [ "$i" = 120 ] && { log "heat-engine did not register within 60 s"; died heat-engine; }
  sleep 0.5
done
log "heat ready after $(since)s"
