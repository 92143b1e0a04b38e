#!/usr/bin/env python3
"""Neutron's requests between two moments, from neutron-server's log: count and summed time per kind of request.

Usage: neutron-requests.py LOG 'YYYY-MM-DD HH:MM:SS' 'YYYY-MM-DD HH:MM:SS'
(the loopback cloud's log is /var/lib/stackwright-cloud/logs/neutron-app.log; its times are UTC).
Ids in paths are folded to ID and query values dropped, so that, say, every port's binding update is one line.
The summed time is wall time inside neutron-server, which overlaps when requests wait for each other.
Each line also names the caller by the first 8 characters of its user id (`openstack user list` as admin tells
them apart). Nova calls Neutron both with the user's token (nova-api checking a boot's ports and networks) and as
the service user of its nova.conf [neutron] section (the loopback cloud's is `neutron`).
"""
import collections
import re
import sys

LINE = re.compile(r'^(\S+ \S+) .*\[\S+ req-\S+ (\w+) .*"(\w+) (\S+) HTTP/1\.1" status: (\d+).*time: ([\d.]+)')
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def main(log, start, end):
    count, seconds = collections.Counter(), collections.Counter()
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if not m or not (start <= m.group(1)[:19] <= end):
                continue
            user, method, target, took = m.group(2)[:8], m.group(3), m.group(4), float(m.group(6))
            path, _, query = target.partition("?")
            keys = sorted({k.split("=")[0] for k in query.split("&") if k and not k.startswith("fields")})
            kind = f"{user}  {method} {UUID.sub('ID', path)}" + (f" ?{','.join(keys)}" if keys else "")
            count[kind] += 1
            seconds[kind] += took
    print(f"{'requests':>8} {'seconds':>8}  {'caller':8}  request")
    for kind, n in sorted(count.items(), key=lambda kv: -kv[1]):
        print(f"{n:8d} {seconds[kind]:8.1f}  {kind}")
    print(f"{sum(count.values()):8d} {sum(seconds.values()):8.1f}  in all")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
