#!/usr/bin/env python3
"""seed.py BUILDDIR — write the initial seed inputs of the fuzz targets into
tests/fuzz/corpus-TARGET (only files that are not there yet), from the
project's own files: the shipped policies and registry, the demo service,
the unit fixture, and DNS packets built here. The fuzzers grow the corpora
from these (run-fuzz.sh); the corpora are then minimised (--merge) and
replayed by the suite.

Seeds are named seed-*, so that a minimised corpus can still be told apart
from what the fuzzer found."""
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))


def put(target, name, data):
    d = os.path.join(HERE, "corpus-" + target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    p = os.path.join(d, "seed-" + name)
    if not os.path.exists(p):
        with open(p, "wb") as f:
            f.write(data)


def read(*parts):
    with open(os.path.join(TOP, *parts), "rb") as f:
        return f.read()


def fixture(name):
    """A string constant of tests/unit/fixture-data.h."""
    text = read("tests", "unit", "fixture-data.h").decode()
    m = re.search(r"static const char %s\[\] =\n(.*?);\n" % name, text, re.S)
    if not m:
        sys.exit("seed.py: %s not in fixture-data.h" % name)
    body = m.group(1)
    body = re.sub(r'FX_SOURCE\("([^"]*)"\)',
                  lambda mm: '"    sources: [{url: https://example.test/%s, fact: test fixture, '
                  'covers: [name, country, parent, asns, suffixes], reviewed: 2026-11-01}]\\n"'
                  % mm.group(1), body)
    out = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', body))
    return out.encode().decode("unicode_escape")


def registry_chunks():
    """Each shipped registry file, cut into pieces of three entities."""
    reg = os.path.join(TOP, "geodb", "registry")
    for fn in sorted(os.listdir(reg)):
        if not fn.endswith(".yaml"):
            continue
        text = read("geodb", "registry", fn).decode()
        head, _, rest = text.partition("entities:\n")
        ents = re.split(r"(?m)^(?=  - id: )", rest)
        ents = [e for e in ents if e.strip()]
        for i in range(0, min(len(ents), 12), 3):
            put("registry", "%s-%d" % (fn[:-5], i),
                "sovcheck-registry: 1\nentities:\n" + "".join(ents[i:i + 3]))
    put("registry", "fixture", fixture("fx_registry"))
    # holders: every key, a controlling holder, shares near the limits
    put("registry", "holders",
        "sovcheck-registry: 1\nentities:\n"
        "  - id: a\n    name: A\n    country: LU\n    control: private\n"
        "    holders:\n      - {name: X, country: BY, controlling: true, as_of: 2025-01-01}\n"
        "      - {name: Y, country: FR, capital: 49.99, voting: 0}\n"
        "    sources: [{url: https://example.org/a, fact: f, covers: [name, country, control, "
        "holders], reviewed: 2026-11-01}]\n"
        "  - id: b\n    name: B\n    country: FR\n    parent: a\n"
        "    holders: [{name: Z, capital: 100.5}, {name: W}]\n"
        "    sources: [{url: https://example.org/b, fact: f, covers: [name, country, parent, "
        "holders], reviewed: 2026-11-01}]\n")
    # holdings over time: sequential, overlapping, reversed
    put("registry", "holders-dated",
        "sovcheck-registry: 1\nentities:\n"
        "  - id: a\n    name: A\n    country: FR\n    control: private\n"
        "    holders:\n      - {name: X, country: FR, capital: 60, until: 2025-10-01}\n"
        "      - {name: Y, country: US, capital: 60, from: 2025-10-01}\n"
        "      - {name: Z, voting: 51, from: 2026-01-01, until: 2025-01-01}\n"
        "    sources: [{url: https://example.org/a, fact: f, covers: [name, country, control, "
        "holders], reviewed: 2026-11-01}]\n")


def name_wire(n):
    out = b""
    for label in n.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def rr(owner, rtype, rdata, ttl=300):
    return name_wire(owner) + struct.pack(">HHIH", rtype, 1, ttl, len(rdata)) + rdata


def packet(qid, qname, qtype, answers, rcode=0, authority=()):
    hdr = struct.pack(">HHHHHH", qid, 0x8180 | rcode, 1, len(answers), len(authority), 0)
    q = name_wire(qname) + struct.pack(">HH", qtype, 1)
    return hdr + q + b"".join(answers) + b"".join(authority)


def framed(first, pkts):
    out = bytes([first])
    for p in pkts:
        out += struct.pack(">H", len(p)) + p
    return out


def dns_seeds():
    A, NS, CNAME, MX, AAAA = 1, 2, 5, 15, 28
    q = "www.example.test"
    a = lambda n, ip: rr(n, A, bytes(int(x) for x in ip.split(".")))
    cname = lambda n, t: rr(n, CNAME, name_wire(t))
    put("dns", "a", framed(0, [packet(1, q, A, [a(q, "192.0.2.10")])]))
    put("dns", "a-two", framed(0, [packet(2, q, A, [a(q, "192.0.2.10"), a(q, "192.0.2.11")])]))
    put("dns", "cname-chain", framed(0, [packet(3, q, A, [cname(q, "edge.cdn.test"),
                                                        cname("edge.cdn.test", "e1.cdn.test"),
                                                        a("e1.cdn.test", "203.0.113.5")])]))
    put("dns", "cname-follow", framed(0, [packet(4, q, A, [cname(q, "edge.cdn.test")]),
                                          packet(5, "edge.cdn.test", A,
                                                 [a("edge.cdn.test", "203.0.113.5")])]))
    put("dns", "cname-loop", framed(0, [packet(6, q, A, [cname(q, "b.example.test"),
                                                       cname("b.example.test", q)])]))
    put("dns", "nxdomain", framed(0, [packet(7, q, A, [], rcode=3)]))
    put("dns", "servfail", framed(0, [packet(8, q, A, [], rcode=2)]))
    put("dns", "aaaa", framed(2, [packet(9, q, AAAA, [rr(q, AAAA, bytes.fromhex(
        "20010db8000000000000000000000001"))])]))
    put("dns", "ns", framed(4, [packet(10, q, NS, [rr(q, NS, name_wire("ns1.example.net")),
                                                  rr(q, NS, name_wire("ns2.example.net"))])]))
    put("dns", "mx", framed(6, [packet(11, q, MX, [rr(q, MX, struct.pack(">H", 10) +
                                                     name_wire("mx.mailco.net"))])]))
    put("dns", "wrong-question", framed(0, [packet(12, "other.test", A, [a(q, "192.0.2.1")])]))
    zone = fixture("fx_zone_shop").replace("shop.example", "example.test")
    zone += "a IN CNAME www\nmail IN A 192.0.2.25\nmail IN AAAA 2001:db8::25\n"
    put("dns", "zone", b"\x01" + zone.encode())
    put("dns", "zone-net", b"\x01" + fixture("fx_zone_net").encode())


def geodb_seeds(sov):
    put("geodb", "csv-country", b"\x00" + fixture("fx_geo_csv").encode())
    put("geodb", "csv-asn", b"\x00" + fixture("fx_asn_csv").encode())
    put("geodb", "csv-v6", b"\x00" + b"2001:db8::,2001:db8::ffff,DE\n10.0.0.0,10.255.255.255,NL\n")
    put("geodb", "geofeed", b"\x01" + b"# geofeed\n192.0.2.0/24,FR,FR-75,Paris,\n"
        b"2001:db8::/32,DE,,,\n198.51.100.0/25,US,US-CA,,\n")
    with tempfile.TemporaryDirectory() as t:
        csv = os.path.join(t, "g.csv")
        with open(csv, "w") as f:
            f.write(fixture("fx_geo_csv"))
        out = os.path.join(t, "g.mmdb")
        subprocess.run([sov, "geodb", "build", "--csv", csv, "-o", out], check=True,
                       stdout=subprocess.DEVNULL)
        with open(out, "rb") as f:
            put("geodb", "mmdb", b"\x02" + f.read())


def x509_seeds():
    certs = os.path.join(TOP, "examples", "acme-storage", "certs")
    for fn in sorted(os.listdir(certs))[:4]:
        put("x509", fn[:-4], read("examples", "acme-storage", "certs", fn))
    put("x509", "roots", read("examples", "acme-storage", "trust", "demo-roots.pem"))
    pem = read("examples", "acme-storage", "certs", sorted(os.listdir(certs))[0]).decode()
    b64 = pem.split("-----BEGIN CERTIFICATE-----")[1].split("-----END CERTIFICATE-----")[0]
    import base64
    put("x509", "der", base64.b64decode("".join(b64.split())))


def bundle_seeds(sov):
    with tempfile.TemporaryDirectory() as t:
        csv = os.path.join(t, "g.csv")
        with open(csv, "w") as f:
            f.write("0.0.0.0,255.255.255.255,FR\n")
        geo = os.path.join(t, "g.mmdb")
        subprocess.run([sov, "geodb", "build", "--csv", csv, "-o", geo], check=True,
                       stdout=subprocess.DEVNULL)
        # The demo's provider with two of its endpoints (one over TLS, its
        # chain from the demo's files): small, so that the fuzzer can grow it.
        demo = os.path.join(TOP, "examples", "acme-storage")
        text = read("examples", "acme-storage", "service.yaml").decode()
        head = text.split("\nendpoints:")[0]
        man = os.path.join(demo, ".fuzz-seed.yaml")
        with open(man, "w") as f:
            f.write(head + """
endpoints:
  - {host: console.acme-cloud.example, role: console, data: customer}
  - {host: status.acme-cloud.example, role: web, data: metadata, tls: false}
domains: [acme-cloud.example]
sources:
  zones: [zones/acme-cloud.example.zone]
  chains: certs/
  trust: [trust/demo-roots.pem]
""")
        try:
            # From the demo's directory, so that the bundle names the
            # manifest by a relative path.
            out = os.path.join(t, "demo")
            subprocess.run([sov, "check", os.path.basename(man), "--offline", "--geodb", geo,
                            "--date", "2026-11-22", "-o", out], cwd=demo,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            os.unlink(man)
        # seed-demo-two and seed-fixture are bundles of schema 1, written
        # before schema 2 and kept: the loader still reads them.
        with open(os.path.join(out, "evidence.json"), "rb") as f:
            demo2 = f.read()
        put("bundle", "schema2-demo-two", demo2)
        bundle_v2_seeds(json.loads(demo2))
        d = os.path.join(t, "fx")
        os.makedirs(d)
        for fn, const in (("service.yaml", "fx_manifest"), ("shop.zone", "fx_zone_shop"),
                          ("net.zone", "fx_zone_net")):
            with open(os.path.join(d, fn), "w") as f:
                f.write(fixture(const))
        out = os.path.join(t, "fx-out")
        subprocess.run([sov, "check", "service.yaml", "--offline", "--geodb",
                        geo, "--date", "2026-11-22", "-o", out], cwd=d,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(out, "evidence.json"), "rb") as f:
            put("bundle", "schema2-fixture", f.read())


def bundle_v2_seeds(doc):
    """Schema-2 bundles whose certificate table and chains disagree (the
    fuzz target recomputes their digests): a chain naming a certificate
    the table lacks, a certificate under another's key, one no chain
    names, positions of from_store beyond the chain."""
    def variant(name, edit):
        d = json.loads(json.dumps(doc))
        d.pop("integrity", None)
        edit(d)
        put("bundle", "schema2-" + name, json.dumps(d, indent=1))
    keys = sorted(doc["certificates"])
    def missing(d):
        d["certificates"].pop(d["tls"][0]["capture"]["chain"][0])
    def swapped(d):
        a, b = d["certificates"][keys[0]], d["certificates"][keys[-1]]
        a["der"], b["der"] = b["der"], a["der"]
    def unused(d):
        d["tls"][0]["capture"]["chain"] = []
        d["tls"][0]["capture"]["from_store"] = []
    def store(d):
        d["tls"][0]["capture"]["from_store"] = [1, 0, 99]
    for name, edit in (("missing-certificate", missing), ("certificate-not-its-key", swapped),
                       ("certificate-unused", unused), ("from-store-beyond", store)):
        variant(name, edit)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sov = os.path.join(os.path.abspath(sys.argv[1]), "cmd", "sovcheck")
    put("pack", "secnumcloud", read("policies", "secnumcloud-3.2.yaml"))
    put("pack", "declared-only", read("tests", "cases", "0003-declared-only-pack-passes",
                                      "pack.yaml"))
    put("laws", "shipped", read("policies", "laws.yaml"))
    registry_chunks()
    dns_seeds()
    geodb_seeds(sov)
    x509_seeds()
    bundle_seeds(sov)
    for t in ("bundle", "registry", "pack", "laws", "geodb", "dns", "x509"):
        print("corpus-%s: %d inputs" % (t, len(os.listdir(os.path.join(HERE, "corpus-" + t)))))


main()
