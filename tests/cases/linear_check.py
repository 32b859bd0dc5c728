#!/usr/bin/env python3
"""Output size is linear in the number of names behind one load balancer:
N names resolving to the same 16 addresses, then 2N. Each finding cites its
own evidence (its DNS answer and each address's facts), not the answers of
every other name sharing the addresses, so doubling N doubles the files —
it used to multiply findings.json by about four. Sizes, not times: the
benchmark bench/one-balancer.sh times it.

Usage: linear_check.py SOVCHECK SRCDIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

from testlib import check, finish

SOVCHECK = sys.argv[1]


def run(tmp, n):
    d = os.path.join(tmp, str(n))
    os.mkdir(d)
    zone = ["$ORIGIN lb.example.", "$TTL 60", "@ IN SOA ns1 h 1 7200 3600 1209600 60",
            "@ IN NS ns1", "ns1 IN A 192.0.2.1"]
    zone += ["lb IN A 192.0.2.%d" % (10 + k) for k in range(16)]
    man = ["sovcheck: 1", "service: {name: One Balancer}", "endpoints:"]
    for i in range(n):
        zone.append("h%d IN CNAME lb" % i)
        man.append("  - {host: h%d.lb.example, role: api, data: customer, tls: false}" % i)
    man.append("sources: {zones: [lb.zone]}")
    with open(os.path.join(d, "lb.zone"), "w") as f:
        f.write("\n".join(zone) + "\n")
    with open(os.path.join(d, "s.yaml"), "w") as f:
        f.write("\n".join(man) + "\n")
    with open(os.path.join(d, "geo.csv"), "w") as f:
        f.write("192.0.2.0,192.0.2.255,FR\n")
    subprocess.run([SOVCHECK, "geodb", "build", "--csv", os.path.join(d, "geo.csv"), "-o",
                    os.path.join(d, "g.mmdb")], check=True, stdout=subprocess.DEVNULL)
    out = os.path.join(d, "out")
    p = subprocess.run([SOVCHECK, "check", os.path.join(d, "s.yaml"), "--offline", "--geodb",
                        os.path.join(d, "g.mmdb"), "--date", "2026-11-22", "-o", out, "-q",
                        "--format", "json,evidence"], capture_output=True, text=True)
    return p.returncode, {f: os.path.getsize(os.path.join(out, f))
                          for f in ("findings.json", "evidence.json")}


def main():
    tmp = tempfile.mkdtemp(prefix="sc-linear-")
    try:
        rc1, a = run(tmp, 200)
        rc2, b = run(tmp, 400)
        check(rc1 in (1, 2) and rc2 in (1, 2), "both runs complete (exit %d, %d)" % (rc1, rc2))
        for f in a:
            r = b[f] / a[f]
            check(r < 2.15, "%s: 200 names %d bytes, 400 names %d bytes: x%.2f (linear)"
                  % (f, a[f], b[f], r))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
