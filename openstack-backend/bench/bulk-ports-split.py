#!/usr/bin/env python3
"""Is one bulk create of N ports slower than the same ports split into K bulk creates sent at once?

Usage (root or any user that can read the openrc; the loopback cloud running):
    bulk-ports-split.py OPENRC NETWORK BLOCK N K REPETITIONS
e.g. bulk-ports-split.py /var/lib/stackwright-cloud/demo-openrc internal 10.0.77 33 4 3

Alternates the two ways REPETITIONS times each, on the network NETWORK with the addresses BLOCK.1 to BLOCK.N
(a /24 nobody else uses while it runs), and prints one tab-separated row per run: the way, the seconds until every
port exists, and neutron-server's CPU seconds meanwhile (from /proc, when this machine runs it). Every port it made
is deleted after each run, also when a run fails. Sends requests only to the cloud of OPENRC.
"""
import concurrent.futures
import json
import subprocess
import sys
import time
import urllib.request


def openrc(path):
    env = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line.startswith("export ") and "=" in line:
            key, value = line[len("export "):].split("=", 1)
            env[key] = value.strip("\"'")
    return env


class Neutron:
    def __init__(self, rc):
        env = openrc(rc)
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": env["OS_USERNAME"], "password": env["OS_PASSWORD"],
            "domain": {"name": env.get("OS_USER_DOMAIN_NAME", "Default")}}}},
            "scope": {"project": {"name": env["OS_PROJECT_NAME"],
                                  "domain": {"name": env.get("OS_PROJECT_DOMAIN_NAME", "Default")}}}}}
        req = urllib.request.Request(env["OS_AUTH_URL"].rstrip("/") + "/auth/tokens", json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            self.token = r.headers["X-Subject-Token"]
            catalog = json.loads(r.read())["token"]["catalog"]
        network = next(s for s in catalog if s["type"] == "network")
        self.url = next(e["url"] for e in network["endpoints"] if e["interface"] == "public").rstrip("/") + "/v2.0"

    def call(self, method, path, body=None):
        req = urllib.request.Request(self.url + path, json.dumps(body).encode() if body else None, method=method,
                                     headers={"X-Auth-Token": self.token, "Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            text = r.read()
            return json.loads(text) if text else {}


def neutron_cpu_seconds():
    found = subprocess.run(["pgrep", "-f", "-o", "neutron-server"], capture_output=True, text=True).stdout.split()
    if not found:
        return float("nan")
    with open(f"/proc/{found[0]}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100.0  # utime + stime, in clock ticks of 1/100 s


def run(neutron, network_id, subnet_id, block, n, k):
    size = -(-n // k)
    chunks = [list(range(first, min(first + size, n + 1))) for first in range(1, n + 1, size)]
    made = []

    def create(chunk):
        ports = [{"name": f"bulk-split-{i}", "network_id": network_id,
                  "fixed_ips": [{"subnet_id": subnet_id, "ip_address": f"{block}.{i}"}]} for i in chunk]
        answer = neutron.call("POST", "/ports", {"ports": ports})["ports"]
        made.extend(p["id"] for p in answer)

    cpu, start = neutron_cpu_seconds(), time.monotonic()
    try:
        with concurrent.futures.ThreadPoolExecutor(len(chunks)) as pool:
            list(pool.map(create, chunks))
        return time.monotonic() - start, neutron_cpu_seconds() - cpu
    finally:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda i: neutron.call("DELETE", "/ports/" + i), made))


def main(rc, network, block, n, k, repetitions):
    neutron = Neutron(rc)
    net = neutron.call("GET", "/networks?name=" + network)["networks"][0]
    print("way\tports\trequests\tseconds\tneutron_cpu_seconds")
    for _ in range(repetitions):
        for requests in (1, k):
            seconds, cpu = run(neutron, net["id"], net["subnets"][0], block, n, requests)
            print(f"{'one bulk' if requests == 1 else 'split'}\t{n}\t{requests}\t{seconds:.2f}\t{cpu:.1f}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
