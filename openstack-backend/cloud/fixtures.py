#!/usr/bin/python3
"""What stackwright's integration tests expect in the loopback cloud, made idempotently as admin.

- the seed's flavours (controller, webserver, server_all, hpc) next to m1.tiny/m1.small;
- quotas for project demo big enough for 33-server benchmarks;
- network `internal` owned by demo: 10.0.0.0/16, gateway 10.0.0.254 (Neutron would take 10.0.0.1, the seed's
  controller), no DHCP, allocation pool 10.0.254.1-250 so every role block stays free for fixed addresses;
- external network `public` (flat, 203.0.113.0/24, documentation range) and a router from `internal` to it, so
  floating IPs can be associated (Neutron refuses one whose port's subnet cannot reach the external network).
  Routers here are database objects only: there is no L3 agent, nothing is routed.

One Python process instead of ~20 `openstack` CLI calls (each costs ~1.5 s of start-up). Reads OS_* (admin).
"""
import openstack

FLAVORS = [  # name, vCPUs, RAM MB, disk GB
    ("controller", 1, 1024, 10),
    ("webserver", 2, 2048, 10),
    ("server_all", 4, 4096, 20),
    ("hpc", 2, 8192, 20),
]

c = openstack.connect()
demo = c.identity.find_project("demo", ignore_missing=False)

for name, vcpus, ram, disk in FLAVORS:
    if c.compute.find_flavor(name) is None:
        c.compute.create_flavor(name=name, vcpus=vcpus, ram=ram, disk=disk, is_public=True)
        print(f"flavour {name} created")

c.set_compute_quotas(demo.id, instances=200, cores=800, ram=2 * 1024 * 1024, key_pairs=200,
                     server_groups=100, server_group_members=200, metadata_items=256)
c.set_network_quotas(demo.id, network=100, subnet=100, port=1000, router=20, floatingip=100,
                     security_group=200, security_group_rule=5000)

internal = c.network.find_network("internal", project_id=demo.id)
if internal is None:
    internal = c.network.create_network(name="internal", project_id=demo.id)
    print("network internal created")
subnet = c.network.find_subnet("internal-v4", network_id=internal.id)
if subnet is None:
    subnet = c.network.create_subnet(
        name="internal-v4", network_id=internal.id, project_id=demo.id, ip_version=4, cidr="10.0.0.0/16",
        gateway_ip="10.0.0.254", is_dhcp_enabled=False,
        allocation_pools=[{"start": "10.0.254.1", "end": "10.0.254.250"}])
    print("subnet internal-v4 created")

public = c.network.find_network("public")
if public is None:
    public = c.network.create_network(name="public", is_router_external=True, is_shared=False,
                                      provider_network_type="flat", provider_physical_network="public")
    print("network public created")
if c.network.find_subnet("public-v4", network_id=public.id) is None:
    c.network.create_subnet(name="public-v4", network_id=public.id, ip_version=4, cidr="203.0.113.0/24",
                            gateway_ip="203.0.113.1", is_dhcp_enabled=False,
                            allocation_pools=[{"start": "203.0.113.10", "end": "203.0.113.250"}])
    print("subnet public-v4 created")

router = c.network.find_router("internal-router", project_id=demo.id)
if router is None:
    router = c.network.create_router(name="internal-router", project_id=demo.id,
                                     external_gateway_info={"network_id": public.id})
    c.network.add_interface_to_router(router, subnet_id=subnet.id)
    print("router internal-router created")
print("fixtures ready: network internal (10.0.0.0/16, gateway 10.0.0.254), external network public,"
      " flavours " + ", ".join(f[0] for f in FLAVORS) + ", quotas raised for demo")
