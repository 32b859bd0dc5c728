#!/usr/bin/env python3
"""Well-known public addresses against the default database that the
project's setup builds (geodb/build-default.sh, run by `scripts/setup.sh
test` before the test suite). This test requires that database: when it is
missing it fails with a message saying how to build it, it never passes
silently.

The addresses were checked against the data: the default database gives
each the country and ASN below, and the operators publish them as theirs
(AWS ip-ranges.json lists 35.180.0.0/16 and 15.236.0.0/15 for eu-west-3,
Paris; 51.91.0.0/16 is OVHcloud's AS16276; 88.198.0.0/16 and
2a01:4f8::/32 are Hetzner's AS24940; 1.1.1.1 is Cloudflare's AS13335).
"""
import json
import os
import subprocess
import sys

SOVCHECK = os.environ["SOVCHECK"]
DB = os.path.join(os.environ["SOVCHECK_SRCDIR"], "geodb", "data", "sovcheck-default.mmdb")

if not os.path.isfile(DB):
    sys.exit("FAIL: the default database %s is missing: build it with "
             "geodb/build-default.sh (scripts/setup.sh test does it before the tests)" % DB)

CASES = [
    # address, location, asn, operator id, controller, controller country
    ("35.180.1.1", "FR", 16509, "aws", "Amazon.com, Inc.", "US"),
    ("15.236.1.1", "FR", 16509, "aws", "Amazon.com, Inc.", "US"),
    ("51.91.1.1", "FR", 16276, "ovhcloud", "OVH Groupe SA", "FR"),
    ("2001:41d0:1::1", "FR", 16276, "ovhcloud", "OVH Groupe SA", "FR"),
    ("88.198.1.1", "DE", 24940, "hetzner", "Hetzner Online GmbH", "DE"),
    ("2a01:4f8::1", "DE", 24940, "hetzner", "Hetzner Online GmbH", "DE"),
]

p = subprocess.run([SOVCHECK, "lookup", "--json", "--geodb", DB] + [c[0] for c in CASES],
                   capture_output=True, text=True, timeout=120)
bad = []
if p.returncode != 0:
    bad.append("exit %d (%s)" % (p.returncode, p.stderr.strip()))
got = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
if len(got) != len(CASES):
    sys.exit("FAIL: expected %d objects, got %d: %s" % (len(CASES), len(got), p.stdout))
for c, o in zip(CASES, got):
    want = {"subject": c[0], "location": c[1], "asn": c[2], "operator_id": c[3],
            "controller": c[4], "controller_country": c[5]}
    for k, v in want.items():
        if o.get(k) != v:
            bad.append("%s: %s is %r, expected %r" % (c[0], k, o.get(k), v))

# Anycast: Cloudflare's 1.1.1.1 has no single location whatever country the
# database records for it.
p = subprocess.run([SOVCHECK, "lookup", "--json", "--geodb", DB, "1.1.1.1"],
                   capture_output=True, text=True, timeout=120)
o = json.loads(p.stdout)
if not (p.returncode == 0 and o["anycast"] is True and o["location"] is None and
        o["asn"] == 13335 and o["controller"] == "Cloudflare, Inc." and
        o["controller_country"] == "US"):
    bad.append("1.1.1.1: %r (exit %d)" % (o, p.returncode))
for b in bad:
    print("FAIL: " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
