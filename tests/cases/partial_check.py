#!/usr/bin/env python3
"""Partial evidence is unknown, never pass: one case per kind of source,
against real NSD servers on loopback (ports chosen by the kernel).

  resolver down        a zone file says FR; the resolver asked beside it
                       never answers                          -> 19.2.b unknown
  resolver settled     two resolvers, one down, the other answers (same
                       standing)                              -> pass
  resolver disagreeing the zone file and a resolver give addresses of
                       other operators in other countries      -> unknown
  rotation             two resolvers give other addresses of the same
                       operator in the same country            -> pass
  TLS refused          nothing listens on the endpoint's port  -> 10.6.a unknown
  geodb miss           the address is in no database           -> unknown
  geodb disagreement   two databases, two countries, equally specific
                       ranges (a /31 each)                    -> unknown
  geodb settled        two databases, two countries, one a /32 inside the
                       other's /31: the /32 decides           -> pass, said

Usage: partial_check.py SOVCHECK SRCDIR
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile

from testlib import check, finish

SOVCHECK, SRC = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(SRC, "tests", "dns"))
import dnslab  # noqa: E402


def zone(addr):
    return ("$ORIGIN p.example.\n$TTL 60\n@ IN SOA ns1 h 1 7200 3600 1209600 60\n"
            "@ IN NS ns1\nns1 IN A 127.0.0.1\napi IN A %s\n" % addr)


MANIFEST = """sovcheck: 1
service: {name: Partial}
locations:
  data: [{site: A, country: FR, holds: [customer, technical]}]
endpoints:
  - {host: api.p.example, port: %d, role: api, data: customer, tls: %s}
"""


def main():
    lab = dnslab.Lab(prefix="sc-partial-")
    tmp = tempfile.mkdtemp(prefix="sc-partial-run-")
    black = None
    try:
        # Three authoritative servers with different views of api.p.example.
        ports = {}
        for name, addr in (("a", "127.0.0.1"), ("b", "127.0.0.7"), ("c", "127.0.0.2"),
                           ("m", "127.0.0.5")):
            ports[name] = dnslab.free_port()
            srv = lab.nsd("nsd-" + name, {"p.example": zone(addr)},
                          ["127.0.0.1@%d" % ports[name]])
            lab.wait_ready(srv, "127.0.0.1", ports[name], "api.p.example")
        # A resolver that never answers: a UDP socket nobody reads.
        black = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        black.bind(("127.0.0.1", 0))
        down = black.getsockname()[1]

        def write(name, text):
            path = os.path.join(tmp, name)
            with open(path, "w") as f:
                f.write(text)
            return path

        zfile = write("p.zone", zone("127.0.0.1"))
        write("geo.csv", "127.0.0.1,127.0.0.2,FR\n127.0.0.7,127.0.0.7,DE\n")
        write("asn.csv", "127.0.0.1,127.0.0.2,16276,OVH SAS\n127.0.0.7,127.0.0.7,24940,"
                         "Hetzner Online GmbH\n")
        write("geo2.csv", "127.0.0.1,127.0.0.1,BE\n")       # a /32 inside geo.csv's range
        write("geo3.csv", "127.0.0.0,127.0.0.1,BE\n")       # as large as geo.csv's (2)
        geodb = os.path.join(tmp, "t.mmdb")
        geodb2 = os.path.join(tmp, "t2.mmdb")
        geodb3 = os.path.join(tmp, "t3.mmdb")
        subprocess.run([SOVCHECK, "geodb", "build", "--csv", os.path.join(tmp, "geo.csv"),
                        "--csv", os.path.join(tmp, "asn.csv"), "-o", geodb], check=True,
                       stdout=subprocess.DEVNULL)
        for name, out in (("geo2.csv", geodb2), ("geo3.csv", geodb3)):
            subprocess.run([SOVCHECK, "geodb", "build", "--csv", os.path.join(tmp, name),
                            "-o", out], check=True, stdout=subprocess.DEVNULL)
        closed = dnslab.free_port()   # nothing will listen there
        plain = write("plain.yaml", MANIFEST % (443, "false"))
        tls = write("tls.yaml", MANIFEST % (closed, "true"))

        def finding(manifest, req, args, label):
            out = os.path.join(tmp, "out-" + label)
            p = subprocess.run([SOVCHECK, "check", manifest, "--date", "2026-11-22", "-o", out,
                                "-q", "--timeout", "20", "--no-progress"] + args,
                               capture_output=True, text=True, timeout=120)
            try:
                with open(os.path.join(out, "findings.json")) as f:
                    doc = json.load(f)
            except OSError:
                print("  %s: no findings.json (exit %d): %s" % (label, p.returncode,
                                                                p.stderr.strip()[:300]))
                return None
            for r in doc["requirements"]:
                if r["id"] == req:
                    for f in r["findings"]:
                        if f["subject"] == "api.p.example":
                            return f
            return None

        res = lambda name: "127.0.0.1:%d" % ports[name]
        f = finding(plain, "19.2.b", ["--zone", zfile, "--resolver", "127.0.0.1:%d" % down,
                                      "--geodb", geodb], "down")
        check(f is not None and f["verdict"] == "unknown" and "partial" in f["reason"] and
              ("127.0.0.1:%d" % down) in f["reason"],
              "resolver down beside a zone file: unknown, naming the resolver (%s)"
              % (f and f["reason"][:200]))
        f = finding(plain, "19.2.b", ["--resolver", "127.0.0.1:%d" % down, "--resolver",
                                      res("a"), "--geodb", geodb], "settled")
        check(f is not None and f["verdict"] == "pass",
              "one resolver down, another of the same standing answers: pass (%s)"
              % (f and f["reason"][:200]))
        f = finding(plain, "19.2.b", ["--zone", zfile, "--resolver", res("b"),
                                      "--geodb", geodb], "disagree")
        check(f is not None and f["verdict"] == "unknown" and "disagree" in f["reason"],
              "zone file and resolver disagree on country and operator: unknown (%s)"
              % (f and f["reason"][:200]))
        f = finding(plain, "19.2.b", ["--resolver", res("a"), "--resolver", res("c"),
                                      "--geodb", geodb], "rotation")
        check(f is not None and f["verdict"] == "pass",
              "other addresses of the same operator in the same country: pass (%s)"
              % (f and f["reason"][:200]))
        f = finding(plain, "19.6.c", ["--zone", zfile, "--resolver", "127.0.0.1:%d" % down,
                                      "--geodb", geodb], "down-control")
        check(f is not None and f["verdict"] == "unknown" and "not all known" in f["reason"],
              "resolver down: 19.6.c says the operators are not all known (%s)"
              % (f and f["reason"][:200]))
        f = finding(tls, "10.6.a", ["--resolver", res("a"), "--geodb", geodb], "refused")
        check(f is not None and f["verdict"] == "unknown" and "connect_refused" in f["reason"],
              "TLS refused: 10.6.a unknown with the reason (%s)" % (f and f["reason"][:200]))
        f = finding(plain, "19.2.b", ["--resolver", res("m"), "--geodb", geodb], "miss")
        check(f is not None and f["verdict"] == "unknown" and "no geolocation database knows"
              in f["reason"], "geodb miss: unknown (%s)" % (f and f["reason"][:200]))
        f = finding(plain, "19.2.b", ["--resolver", res("a"), "--geodb", geodb, "--geodb",
                                      geodb3], "geo-disagree")
        check(f is not None and f["verdict"] == "unknown" and "t.mmdb: FR (/31)" in f["reason"]
              and "t3.mmdb: BE (/31)" in f["reason"],
              "geodb disagreement: unknown, both answers named (%s)" % (f and f["reason"][:200]))
        f = finding(plain, "19.2.b", ["--resolver", res("a"), "--geodb", geodb, "--geodb",
                                      geodb2], "geo-settled")
        check(f is not None and f["verdict"] == "pass" and
              "BE from t2.mmdb (/32) over FR from t.mmdb (/31)" in f["reason"],
              "geodb settled by the more specific: pass, said (%s)" % (f and f["reason"][:300]))
        # ... and said in French in the compliance report
        fr = ""
        try:
            with open(os.path.join(tmp, "out-geo-settled", "compliance.fr.md"),
                      encoding="utf-8") as fh:
                fr = fh.read()
        except OSError:
            pass
        check("Belgique d'après t2.mmdb (/32) plutôt que France d'après t.mmdb (/31)" in fr,
              "the settling is written in French in the compliance report")
    finally:
        if black is not None:
            black.close()
        lab.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
