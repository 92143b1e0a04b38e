#!/bin/bash
# Minimal, loopback-only OpenStack (Zed, Debian bookworm packages) for integration tests.
# keystone + glance + placement + nova (FakeDriver) + neutron (ML2, no agents) + mariadb + rabbitmq.
# Idempotent: re-running re-writes config, starts only what is not running, creates only what is missing.
# No systemd: every daemon is a plain background process in its own session; PIDs in $RUN/pids.
set -euo pipefail
# Debian tools only: a pyenv/venv python3 earlier in PATH lacks the OpenStack libraries
export PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH

HERE="$(cd "$(dirname "$0")" && pwd)"
RUN="${STACKWRIGHT_CLOUD_DIR:-/var/lib/stackwright-cloud}"
PIDS="$RUN/pids"; LOGS="$RUN/logs"
mkdir -p "$PIDS" "$LOGS"
PW="${STACKWRIGHT_CLOUD_PASSWORD:-secret}"          # every password (loopback-only test rig)
DB="mysql+pymysql://openstack:$PW@127.0.0.1:3306"
RABBIT="rabbit://guest:guest@127.0.0.1:5672/"   # guest is allowed from loopback only, which is all we use
KS="http://127.0.0.1:5000"
COMPUTE_HOST="${COMPUTE_HOST:-fake-compute-1}"
# several fake hypervisors, so that a strict anti-affinity server group can place several servers (~150 MB each)
COMPUTE_HOSTS="${STACKWRIGHT_CLOUD_COMPUTE_HOSTS:-4}"
KS_BACKEND="${KS_BACKEND:-mysql}"       # mysql | sqlite (sqlite needs --threads 1, see notes)
T_START=$(date +%s.%N)
log() { echo "[up $(date +%T)] $*"; }
since() { /usr/bin/python3 -c "import time;print(round(time.time()-$T_START,1))"; }

########################################################################################
# 1. packages (no daemons get started by postinst: policy-rc.d says no)
########################################################################################
PKGS="keystone glance-api placement-api nova-api nova-conductor nova-scheduler nova-common python3-nova
      neutron-server python3-openstackclient rabbitmq-server mariadb-server uwsgi-core uwsgi-plugin-python3
      python3-pymysql curl"
missing=$(dpkg-query -W -f='${Package} ${Status}\n' $PKGS 2>/dev/null | grep -vc "install ok installed" || true)
if [ "$missing" != "0" ] || ! dpkg -s $PKGS >/dev/null 2>&1; then
  log "installing packages"
  OWN_POLICY=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# stackwright-cloud: keep package scripts from starting daemons\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d; OWN_POLICY=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ] || apt-get update -q
  apt-get install -y -q debconf-utils >/dev/null
  for p in keystone glance nova neutron placement; do
    echo "$p-common $p/configure_db boolean false"
    echo "$p-common $p/configure_rabbit boolean false"
  done | debconf-set-selections || true
  cat <<'EOF' | debconf-set-selections || true
keystone keystone/configure_db boolean false
keystone keystone/create-admin-tenant boolean false
keystone keystone/register-endpoint boolean false
glance-api glance/register-endpoint boolean false
placement-api placement/register-endpoint boolean false
nova-api nova/register-endpoint boolean false
neutron-server neutron/register-endpoint boolean false
EOF
  apt-get install -y -q --no-install-recommends $PKGS
  [ $OWN_POLICY = 1 ] && rm -f /usr/sbin/policy-rc.d
  log "packages installed after $(since)s"
fi

########################################################################################
# helpers
########################################################################################
running() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }
# start NAME USER CMD... : own session (pgid == pid), stdout/err to $LOGS/NAME.log
start() {
  local name=$1 user=$2; shift 2
  if running "$name"; then log "$name already running (pid $(cat "$PIDS/$name.pid"))"; return 0; fi
  if [ "$user" = root ]; then
    setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  else
    setsid setpriv --reuid="$user" --regid="$user" --init-groups env HOME="$(getent passwd "$user" | cut -d: -f6)" "$@" \
      >>"$LOGS/$name.log" 2>&1 </dev/null &
  fi
  echo $! > "$PIDS/$name.pid"
  echo "$name" >> "$PIDS/.order"
  log "started $name pid $!"
}
wait_port() { # name port timeout
  local i
  for ((i=0; i<${3:-60}*5; i++)); do
    (exec 3<>/dev/tcp/127.0.0.1/$2) 2>/dev/null && return 0
    running "$1" || { log "$1 died, tail of log:"; tail -30 "$LOGS/$1.log"; return 1; }
    sleep 0.2
  done
  log "timeout waiting for $1 on :$2"; tail -30 "$LOGS/$1.log"; return 1
}
wait_http() { # name url timeout
  local i
  for ((i=0; i<${3:-60}*5; i++)); do
    curl -s -o /dev/null --max-time 2 "$2" && return 0
    running "$1" || { log "$1 died, tail of log:"; tail -30 "$LOGS/$1.log"; return 1; }
    sleep 0.2
  done
  log "timeout waiting for $1 at $2"; tail -30 "$LOGS/$1.log"; return 1
}
ini() { # file: stdin content -> file (keeps one .stackwright-orig copy of the packaged file)
  [ -f "$1" ] && [ ! -f "$1.stackwright-orig" ] && cp -p "$1" "$1.stackwright-orig"
  mkdir -p "$(dirname "$1")"; cat > "$1"
}

########################################################################################
# 2. mariadb + rabbitmq
########################################################################################
cat > /etc/mysql/mariadb.conf.d/99-stackwright-cloud.cnf <<'EOF'
[mysqld]
bind-address = 127.0.0.1
skip-name-resolve
max_connections = 1000
innodb_buffer_pool_size = 64M
performance_schema = OFF
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
EOF
install -d -o mysql -g root /run/mysqld
start mariadb root /usr/sbin/mariadbd --user=mysql --pid-file=/run/mysqld/stackwright-cloud.pid
wait_port mariadb 3306 60
for i in $(seq 50); do mariadb -e 'select 1' >/dev/null 2>&1 && break; sleep 0.2; done
{
  for d in glance placement nova_api nova nova_cell0 neutron keystone; do echo "CREATE DATABASE IF NOT EXISTS $d;"; done
  echo "CREATE USER IF NOT EXISTS 'openstack'@'127.0.0.1' IDENTIFIED BY '$PW';"
  for d in glance placement nova_api nova nova_cell0 neutron keystone; do echo "GRANT ALL PRIVILEGES ON $d.* TO 'openstack'@'127.0.0.1';"; done
} | mariadb

# rabbitmq: epmd and the broker bound to 127.0.0.1, node rabbit@localhost.
# Non-default epmd/dist ports so that we never share an epmd with some other Erlang node on this
# machine (another epmd on *:4369 makes ours fail and rabbit then dies with dist_port_already_used).
EPMD_PORT=${EPMD_PORT:-4371}
export RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=5672 \
       ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$EPMD_PORT RABBITMQ_DIST_PORT=25679 \
       RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
       RABBITMQ_LOG_BASE="$LOGS" RABBITMQ_MNESIA_BASE=/var/lib/rabbitmq/mnesia
chown rabbitmq "$LOGS" 2>/dev/null || true; chmod 0777 "$LOGS"
start epmd rabbitmq /usr/bin/epmd -address 127.0.0.1 -port $EPMD_PORT
wait_port epmd $EPMD_PORT 20
start rabbitmq rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server
wait_port rabbitmq 5672 120

########################################################################################
# 3. keystone (uwsgi, 1 process x 8 threads) on 127.0.0.1:5000
########################################################################################
# KS_BACKEND=sqlite does NOT work under load: with --threads > 1 "SQLite objects created in a thread can
# only be used in that same thread" + uwsgi worker segfaults; with more processes or even 1x1
# "database is locked" during the bootstrap below. Kept only to reproduce; MariaDB is the default.
if [ "$KS_BACKEND" = sqlite ]; then KS_DB="sqlite:////var/lib/keystone/keystone.sqlite"; KS_WORKERS="--processes 1 --threads 1"
else KS_DB="$DB/keystone"; KS_WORKERS="--processes 1 --threads 8"; fi
ini /etc/keystone/keystone.conf <<EOF
[DEFAULT]
log_file = $LOGS/keystone-app.log
[database]
connection = $KS_DB
[token]
provider = fernet
[fernet_tokens]
key_repository = /etc/keystone/fernet-keys/
[credential]
key_repository = /etc/keystone/credential-keys/
[cache]
# in-process cache (one uwsgi worker => consistent): token validation drops from ~0.7 s to a few ms
enabled = true
backend = oslo_cache.dict
EOF
install -d /var/lib/keystone
keystone-manage db_sync
[ -f /etc/keystone/fernet-keys/0 ] || keystone-manage fernet_setup --keystone-user root --keystone-group root
[ -f /etc/keystone/credential-keys/0 ] || keystone-manage credential_setup --keystone-user root --keystone-group root
keystone-manage bootstrap --bootstrap-password "$PW" \
  --bootstrap-admin-url "$KS/v3/" --bootstrap-internal-url "$KS/v3/" --bootstrap-public-url "$KS/v3/" \
  --bootstrap-region-id RegionOne >/dev/null
# --http-socket speaks HTTP/1.1 but closes the socket after each response; without an explicit
# "Connection: close" clients (python-requests, Java) reuse the dead socket => ECONNRESET on POSTs.
UWSGI_COMMON="--plugins python3 --master --die-on-term --lazy-apps --need-app --enable-threads --buffer-size 65535 --thunder-lock"
UWSGI_COMMON="$UWSGI_COMMON --add-header Connection:close"
start keystone root uwsgi $UWSGI_COMMON --http-socket 127.0.0.1:5000 $KS_WORKERS \
  --wsgi-file /usr/bin/keystone-wsgi-public --procname-prefix keystone-
wait_http keystone "$KS/v3" 60

export OS_AUTH_URL="$KS/v3" OS_IDENTITY_API_VERSION=3 OS_USERNAME=admin OS_PASSWORD="$PW" \
       OS_PROJECT_NAME=admin OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne \
       OS_INTERFACE=public
openrc() { # user: the openrc file of that user in the project of the same name, one export per line as Horizon writes
  cat > "$RUN/$1-openrc" <<EOF
export OS_AUTH_URL=$KS/v3
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=$1
export OS_PASSWORD=$PW
export OS_PROJECT_NAME=$1
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export OS_INTERFACE=public
EOF
}
openrc admin
openrc demo

# projects, users, roles, services, endpoints: one python process (the CLI costs ~2 s per call)
/usr/bin/python3 - "$PW" <<'PYEOF'
import sys
from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client
pw = sys.argv[1]
s = session.Session(auth=v3.Password(auth_url="http://127.0.0.1:5000/v3", username="admin", password=pw,
        project_name="admin", user_domain_name="Default", project_domain_name="Default"))
ks = client.Client(session=s, interface="public")
dom = ks.domains.find(name="Default")
def project(name):
    l = ks.projects.list(name=name, domain=dom)
    return l[0] if l else ks.projects.create(name=name, domain=dom)
def user(name):
    l = ks.users.list(name=name, domain=dom)
    if l:
        return l[0]
    return ks.users.create(name=name, domain=dom, password=pw)
def role(name):
    l = ks.roles.list(name=name)
    return l[0] if l else ks.roles.create(name=name)
def grant(r, u, p):
    try:
        ks.roles.check(role=r, user=u, project=p)
    except Exception:
        ks.roles.grant(role=r, user=u, project=p)
service_p, demo_p = project("service"), project("demo")
admin_r, member_r, reader_r = role("admin"), role("member"), role("reader")
grant(member_r, user("demo"), demo_p)
service_r = role("service")
for n in ("glance", "placement", "nova", "neutron"):
    grant(admin_r, user(n), service_p)
    grant(service_r, user(n), service_p)
grant(admin_r, ks.users.list(name="admin", domain=dom)[0], demo_p)   # admin can also act in demo
for name, typ, url in (("glance", "image", "http://127.0.0.1:9292"),
                       ("placement", "placement", "http://127.0.0.1:8778"),
                       ("nova", "compute", "http://127.0.0.1:8774/v2.1"),
                       ("neutron", "network", "http://127.0.0.1:9696")):
    l = ks.services.list(type=typ)
    svc = l[0] if l else ks.services.create(name=name, type=typ)
    have = {e.interface for e in ks.endpoints.list(service=svc)}
    for itf in ("public", "internal", "admin"):
        if itf not in have:
            ks.endpoints.create(service=svc, url=url, interface=itf, region="RegionOne")
print("keystone: projects/users/roles/endpoints ok")
PYEOF

authtoken() { cat <<EOF
[keystone_authtoken]
www_authenticate_uri = $KS
auth_url = $KS
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $PW
EOF
}

########################################################################################
# 4. glance (eventlet glance-api, workers=0 => single process) on 127.0.0.1:9292
########################################################################################
ini /etc/glance/glance-api.conf <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9292
workers = 0
log_file = $LOGS/glance-app.log
enabled_backends = fs:file
[database]
connection = $DB/glance
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = /var/lib/glance/images/
[os_glance_staging_store]
filesystem_store_datadir = /var/lib/glance/staging/
[os_glance_tasks_store]
filesystem_store_datadir = /var/lib/glance/tasks_work_dir/
[paste_deploy]
flavor = keystone
[oslo_concurrency]
lock_path = /var/lib/glance/lock
$(authtoken glance)
EOF
install -d /var/lib/glance/images /var/lib/glance/staging /var/lib/glance/tasks_work_dir /var/lib/glance/lock
glance-manage db_sync >>"$LOGS/glance-manage.log" 2>&1
start glance root glance-api --config-file /etc/glance/glance-api.conf

########################################################################################
# 5. placement (uwsgi) on 127.0.0.1:8778
########################################################################################
ini /etc/placement/placement.conf <<EOF
[DEFAULT]
log_file = $LOGS/placement-app.log
[api]
auth_strategy = keystone
[placement_database]
connection = $DB/placement
$(authtoken placement)
EOF
placement-manage db sync
start placement root uwsgi $UWSGI_COMMON --http-socket 127.0.0.1:8778 --processes 1 --threads 8 \
  --wsgi-file /usr/bin/placement-api --procname-prefix placement-

########################################################################################
# 6. neutron-server (ML2, fakebind mech driver, no agents) on 127.0.0.1:9696
########################################################################################
# register our tiny mechanism driver as an entry point (stevedore only loads entry points);
# it is copied to $RUN/fakebind and reaches neutron through PYTHONPATH, nothing goes into the system python
install -d "$RUN/fakebind/stackwright_fakebind-0.1.dist-info"
cp "$HERE/fakebind/fakebind_mech.py" "$RUN/fakebind/"
printf 'Metadata-Version: 2.1\nName: stackwright-fakebind\nVersion: 0.1\n' > "$RUN/fakebind/stackwright_fakebind-0.1.dist-info/METADATA"
printf '[neutron.ml2.mechanism_drivers]\nfakebind = fakebind_mech:FakeBindMechanismDriver\n' \
  > "$RUN/fakebind/stackwright_fakebind-0.1.dist-info/entry_points.txt"
export PYTHONPATH="$RUN/fakebind${PYTHONPATH:+:$PYTHONPATH}"

ini /etc/neutron/neutron.conf <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9696
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
transport_url = $RABBIT
api_workers = 0
rpc_workers = 0
rpc_state_report_workers = 0
dhcp_agent_notification = false
allow_overlapping_ips = true
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
log_file = $LOGS/neutron-app.log
debug = ${STACKWRIGHT_CLOUD_DEBUG:-false}
${STACKWRIGHT_CLOUD_DEBUG:+default_log_levels = keystonemiddleware=DEBUG,keystoneauth=DEBUG,amqp=WARN,sqlalchemy=WARN,oslo.messaging=INFO,oslo_messaging=INFO,urllib3.connectionpool=WARN,stevedore=WARN,oslo_policy=INFO}
state_path = /var/lib/neutron
[agent]
root_helper = /bin/false
[database]
connection = $DB/neutron
[oslo_concurrency]
lock_path = /var/lib/neutron/lock
[nova]
auth_url = $KS
auth_type = password
project_domain_name = Default
user_domain_name = Default
region_name = RegionOne
project_name = service
username = nova
password = $PW
$(authtoken neutron)
EOF
ini /etc/neutron/plugins/ml2/ml2_conf.ini <<EOF
[ml2]
type_drivers = flat,vlan,vxlan
tenant_network_types = vxlan
mechanism_drivers = fakebind
extension_drivers = port_security
[ml2_type_vxlan]
vni_ranges = 1:10000
[ml2_type_vlan]
network_vlan_ranges = physnet1
[ml2_type_flat]
flat_networks = *
[securitygroup]
enable_security_group = true
firewall_driver = noop
EOF
install -d /var/lib/neutron/lock
NEUTRON_CONF="--config-file /etc/neutron/neutron.conf --config-file /etc/neutron/plugins/ml2/ml2_conf.ini"
neutron-db-manage $NEUTRON_CONF upgrade heads >>"$LOGS/neutron-db-manage.log" 2>&1
start neutron root neutron-server $NEUTRON_CONF

########################################################################################
# 7. nova: api (eventlet, 1 worker), conductor, scheduler, compute (fake.FakeDriver)
########################################################################################
ini /etc/nova/nova.conf <<EOF
[DEFAULT]
host = $COMPUTE_HOST
my_ip = 127.0.0.1
compute_driver = fake.FakeDriver
transport_url = $RABBIT
enabled_apis = osapi_compute
osapi_compute_listen = 127.0.0.1
osapi_compute_listen_port = 8774
osapi_compute_workers = 1
state_path = /var/lib/nova
log_dir = $LOGS
debug = ${STACKWRIGHT_CLOUD_DEBUG:-false}
${STACKWRIGHT_CLOUD_DEBUG:+default_log_levels = keystonemiddleware=DEBUG,keystoneauth=DEBUG,amqp=WARN,sqlalchemy=WARN,oslo.messaging=INFO,oslo_messaging=INFO,urllib3.connectionpool=WARN,stevedore=WARN,oslo_policy=INFO}
vif_plugging_is_fatal = false
vif_plugging_timeout = 0
[api]
auth_strategy = keystone
[api_database]
connection = $DB/nova_api
[database]
connection = $DB/nova
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 5
[wsgi]
api_paste_config = /etc/nova/api-paste.ini
[oslo_concurrency]
lock_path = /var/lib/nova/lock
[vnc]
enabled = false
[glance]
valid_interfaces = public
[neutron]
auth_url = $KS
auth_type = password
project_domain_name = Default
user_domain_name = Default
region_name = RegionOne
project_name = service
username = neutron
password = $PW
valid_interfaces = public
[placement]
auth_url = $KS/v3
auth_type = password
project_domain_name = Default
user_domain_name = Default
region_name = RegionOne
project_name = service
username = placement
password = $PW
valid_interfaces = public
[oslo_messaging_notifications]
driver = noop
$(authtoken nova)
EOF
install -d /var/lib/nova/lock /var/lib/nova/instances
nova-manage api_db sync
cells=$(nova-manage cell_v2 list_cells 2>/dev/null || true)
grep -q ' cell0 ' <<<"$cells" || nova-manage cell_v2 map_cell0 --database_connection "$DB/nova_cell0"
grep -q ' cell1 ' <<<"$cells" || nova-manage cell_v2 create_cell --name cell1
nova-manage db sync
install -d "$RUN/bin"
cat > "$RUN/bin/nova-compute" <<'EOF'
#!/usr/bin/python3
# nova-compute entry point without the nova-compute package (which drags in libvirt/qemu)
import sys
from nova.cmd.compute import main
sys.exit(main())
EOF
chmod +x "$RUN/bin/nova-compute"
start nova-conductor root nova-conductor --config-file /etc/nova/nova.conf
start nova-scheduler root nova-scheduler --config-file /etc/nova/nova.conf
start nova-api root nova-api --config-file /etc/nova/nova.conf

wait_http glance http://127.0.0.1:9292/ 120
wait_http placement http://127.0.0.1:8778/ 120
wait_http neutron http://127.0.0.1:9696/ 120
start nova-compute root "$RUN/bin/nova-compute" --config-file /etc/nova/nova.conf
# the other fake hypervisors: the same nova.conf plus a file that only renames the host
for ((n=2; n<=COMPUTE_HOSTS; n++)); do
  printf '[DEFAULT]\nhost = fake-compute-%d\n' "$n" > "$RUN/nova-compute-$n.conf"
  start "nova-compute-$n" root "$RUN/bin/nova-compute" --config-file /etc/nova/nova.conf --config-file "$RUN/nova-compute-$n.conf"
done
wait_http nova-api http://127.0.0.1:8774/ 120

########################################################################################
# 8. test fixtures: flavor, image (admin); wait until the fake compute is in placement
########################################################################################
for i in $(seq 120); do
  # no `grep -q` on a pipe: it exits at the first match, the writer gets SIGPIPE, and pipefail fails the test
  [ "$(openstack compute service list --service nova-compute -f value -c State 2>/dev/null | grep -c up)" -ge 1 ] && break; sleep 1
done
nova-manage cell_v2 discover_hosts >/dev/null
openstack flavor show m1.tiny >/dev/null 2>&1 || openstack flavor create --id 1 --vcpus 1 --ram 512 --disk 1 m1.tiny >/dev/null
openstack flavor show m1.small >/dev/null 2>&1 || openstack flavor create --id 2 --vcpus 1 --ram 2048 --disk 20 m1.small >/dev/null
# debian-12 is what the seed boots; debian-9.2 (the seed's notes' image) is there to be refused by its properties
head -c 4096 /dev/zero > "$RUN/fake-image.raw"
for image in debian-12:12 debian-9.2:9; do
  if ! openstack image show "${image%%:*}" >/dev/null 2>&1; then
    openstack image create --disk-format raw --container-format bare --public --file "$RUN/fake-image.raw" \
      --property os_distro=debian --property os_version="${image##*:}" "${image%%:*}" >/dev/null
  fi
done
for i in $(seq 120); do
  [ "$(openstack hypervisor list -f value -c "Hypervisor Hostname" 2>/dev/null | grep -c '^fake-compute-')" -ge "$COMPUTE_HOSTS" ] && break
  sleep 1; nova-manage cell_v2 discover_hosts >/dev/null 2>&1 || true
done
log "control plane up after $(since)s"

########################################################################################
# 9. what stackwright's tests expect: the seed's flavours, raised quotas, network internal, external network public; Heat
########################################################################################
/usr/bin/python3 "$HERE/fixtures.py"; bash "$HERE/heat-up.sh"
log "ready after $(since)s: source $RUN/demo-openrc (or admin-openrc)"
