#!/usr/bin/env python3
"""`sovcheck check` live, end to end, against real servers on loopback:
NSD serves the service's zone and a "provider" zone, Unbound resolves
through it (stub zones), and `openssl s_server` presents certificate chains
from the test PKI on each endpoint's address and port. The run uses
--resolver (Unbound), the geodb built from ranges covering 127.0.0.0/8, and
a small registry file for the test CAs; then the same through NSD directly.

Asserts what the pipeline must show: CNAME into a CDN attributed by suffix,
addresses located and attributed by ASN up to their controller, the CA owner
of each live chain (10.6.a fail on the admin endpoint, pass on the API), the
undeclared CDN under 15.1.a, and identical findings for both resolver paths.

Usage: live_check.py SOVCHECK SRCDIR
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile

from testlib import check, finish
import time

SOVCHECK, SRC = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(SRC, "tests", "dns"))
import dnslab  # noqa: E402



def wait_tcp(addr, port, tries=100):
    for _ in range(tries):
        try:
            with socket.create_connection((addr, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nothing listens on %s:%d" % (addr, port))

ZONE = """$ORIGIN live.example.
$TTL 60
@     IN SOA ns1 hostmaster 1 7200 3600 1209600 60
@     IN NS  ns1
ns1   IN A   127.0.0.1
api   IN A   127.0.0.1
admin IN A   127.0.0.3
www   IN CNAME edge.cdn.cloudflare.net.
"""
CDN = """$ORIGIN cdn.cloudflare.net.
$TTL 60
@     IN SOA ns1 hostmaster 1 7200 3600 1209600 60
@     IN NS  ns1
ns1   IN A   127.0.0.2
edge  IN A   127.0.0.2
"""
REGISTRY = """# Test CAs of the test PKI (tests/tls/pki.sh), attributed like real ones.
sovcheck-registry: 1
entities:
  - id: certigna-test
    name: "Certigna Test CA"
    country: FR
    issuers: ["Certigna Test"]
    sources:
      - url: https://example.org/test-pki
        fact: "test CA of the suite"
        covers: [name, country, issuers]
        reviewed: 2026-11-22
  - id: digicert-test
    name: "DigiCert Test CA"
    country: US
    issuers: ["DigiCert Inc Test"]
    sources:
      - url: https://example.org/test-pki
        fact: "test CA of the suite"
        covers: [name, country, issuers]
        reviewed: 2026-11-22
  - id: isrg-test
    name: "ISRG Test CA"
    country: US
    issuers: ["Let's Encrypt Test"]
    sources:
      - url: https://example.org/test-pki
        fact: "test CA of the suite"
        covers: [name, country, issuers]
        reviewed: 2026-11-22
"""

def main():
    lab = dnslab.Lab(prefix="sc-live-")
    servers = []
    tmp = tempfile.mkdtemp(prefix="sc-live-run-")
    try:
        nport = dnslab.free_port(24000, 24099)
        uport = dnslab.free_port(24100, 24199, used=(nport,))
        tport = [dnslab.free_port(24200 + 100 * i, 24299 + 100 * i) for i in range(3)]
        nsd = lab.nsd("nsd", {"live.example": ZONE, "cdn.cloudflare.net": CDN},
                      ["127.0.0.1@%d" % nport])
        lab.wait_ready(nsd, "127.0.0.1", nport, "api.live.example")
        unb = lab.unbound("unbound", ["127.0.0.1@%d" % uport],
                          {"live.example": ["127.0.0.1@%d" % nport],
                           "cdn.cloudflare.net": ["127.0.0.1@%d" % nport]})
        lab.wait_ready(unb, "127.0.0.1", uport, "api.live.example")

        pki = os.path.join(tmp, "pki")
        subprocess.run(["bash", os.path.join(SRC, "tests", "tls", "pki.sh"), pki], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for addr, port, name in (("127.0.0.1", tport[0], "eu.test"),
                                 ("127.0.0.3", tport[1], "dc.test"),
                                 ("127.0.0.2", tport[2], "le.test")):
            p = subprocess.Popen(["openssl", "s_server", "-quiet", "-accept",
                                  "%s:%d" % (addr, port),
                                  "-cert", os.path.join(pki, name + ".crt"),
                                  "-key", os.path.join(pki, name + ".key"),
                                  "-cert_chain", os.path.join(pki, name + ".chain.pem")],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            servers.append(p)
            wait_tcp(addr, port)

        with open(os.path.join(tmp, "geo.csv"), "w") as f:
            f.write("127.0.0.1,127.0.0.1,FR\n127.0.0.2,127.0.0.2,US\n127.0.0.3,127.0.0.3,US\n")
        with open(os.path.join(tmp, "asn.csv"), "w") as f:
            f.write('127.0.0.1,127.0.0.1,16276,OVH SAS\n'
                    '127.0.0.2,127.0.0.2,13335,"Cloudflare, Inc."\n'
                    '127.0.0.3,127.0.0.3,16509,"Amazon.com, Inc."\n')
        geodb = os.path.join(tmp, "test.mmdb")
        subprocess.run([SOVCHECK, "geodb", "build", "--csv", os.path.join(tmp, "geo.csv"),
                        "--csv", os.path.join(tmp, "asn.csv"), "-o", geodb], check=True,
                       stdout=subprocess.DEVNULL)
        reg = os.path.join(tmp, "test-cas.yaml")
        with open(reg, "w") as f:
            f.write(REGISTRY)
        # The Certigna test intermediate in a CA index, as the CCADB import
        # writes it: with it the API endpoint's CA is known by certificate;
        # without it only by its issuer name, which is not evidence.
        driver = os.path.join(os.path.dirname(os.path.dirname(SOVCHECK)), "tests", "tls",
                              "tls-driver")
        c = json.loads(subprocess.run([driver, "--pem", os.path.join(pki, "certigna-int.crt"),
                                       "x.test"], capture_output=True, text=True,
                                      check=True).stdout)[0]["chain"][0]
        idx = os.path.join(tmp, "test-ca-index.yaml")
        with open(idx, "w") as f:
            f.write("sovcheck-ca-index: 1\nsource: {url: \"https://example.org/test-pki\", "
                    "fact: test PKI, reviewed: 2026-11-22}\ncertificates:\n"
                    "  - {sha256: %s, spki: %s, name: Certigna Services CA Test, "
                    "owner: certigna-test}\n" % (c["sha256"], c["subject_spki_sha256"]))
        manifest = os.path.join(tmp, "service.yaml")
        with open(manifest, "w") as f:
            f.write("""sovcheck: 1
service: {name: Live Service}
provider: {name: Live SAS, registered_office: FR, central_administration: FR,
           principal_establishment: FR}
locations:
  data: [{site: A, country: FR, holds: [customer, technical, backup]}]
  administration: [FR]
endpoints:
  - {host: api.live.example, port: %d, role: api, data: customer, tls: true}
  - {host: admin.live.example, port: %d, role: admin, data: technical, tls: true}
  - {host: www.live.example, port: %d, role: web, data: none, tls: true}
subcontractors:
  - {name: OVH Groupe SA, country: FR, service: servers, data_access: customer}
  - {name: Certigna Test CA, country: FR, service: certificates, data_access: none}
  - {name: DigiCert Test CA, country: US, service: certificates, data_access: none,
     alternatives: [A, B]}
""" % tuple(tport))

        results = {}
        for label, resolver, extra in (("unbound", "127.0.0.1:%d" % uport, ["--registry", idx]),
                                       ("nsd", "127.0.0.1:%d" % nport, ["--registry", idx]),
                                       ("nsd-noindex", "127.0.0.1:%d" % nport, [])):
            out = os.path.join(tmp, "out-" + label)
            p = subprocess.run([SOVCHECK, "check", manifest, "--resolver", resolver,
                                "--trust", os.path.join(pki, "roots.pem"),
                                "--geodb", geodb, "--registry", reg] + extra + ["--date", "2026-11-22",
                                "--timeout", "20", "-o", out, "-q"],
                               capture_output=True, text=True, timeout=120)
            check(p.returncode == 1, "%s: exit 1 (fails found), got %d %s" %
                  (label, p.returncode, p.stderr.strip()[:500]))
            with open(os.path.join(out, "findings.json")) as f:
                results[label] = json.load(f)
            with open(os.path.join(out, "evidence.json")) as f:
                evidence = json.load(f)
            check(evidence["tls_source"].startswith("live handshakes, verified against the system trust store and ") and len(evidence["tls"]) == 3,
                  "%s: three live TLS captures recorded in evidence.json" % label)

        r = results["unbound"]
        reqs = {q["id"]: q for q in r["requirements"]}
        deps = {(d["kind"], d["subject"]): d for d in r["dependencies"]}
        def finding(rid, subject):
            for f in reqs[rid]["findings"]:
                if f["subject"] == subject:
                    return f
            return None

        f = finding("10.6.a", "admin.live.example")
        check(f is not None and f["verdict"] == "fail" and "DigiCert Test CA (US)" in f["reason"],
              "10.6.a: admin endpoint's live chain from a US CA fails")
        f = finding("10.6.a", "api.live.example")
        check(f is not None and f["verdict"] == "pass" and "Certigna Test CA (FR)" in f["reason"]
              and "by certificate" in f["reason"],
              "10.6.a: API endpoint's live chain from an FR CA known by certificate passes")
        nsd_api = [x for q in results["nsd-noindex"]["requirements"] if q["id"] == "10.6.a"
                   for x in q["findings"] if x["subject"] == "api.live.example"]
        check(len(nsd_api) == 1 and nsd_api[0]["verdict"] == "unknown" and
              "inferred" in nsd_api[0]["reason"],
              "10.6.a: the same chain known only by its issuer name is unknown (inferred)")
        f = finding("10.6.a", "www.live.example")
        check(f is not None and f["verdict"] == "not_applicable" and f.get("severity") == "info",
              "10.6.a: public endpoint with a US CA is information, not a verdict")
        d = deps.get(("ip", "127.0.0.2"))
        check(d is not None and d["controller"] == "Cloudflare, Inc." and
              d["controller_country"] == "US" and "www.live.example" in d["via"],
              "dependency: 127.0.0.2 reached via www.live.example, controlled by Cloudflare (US)")
        d = deps.get(("name", "edge.cdn.cloudflare.net"))
        check(d is not None and d["operator"] == "Cloudflare, Inc." and d["declared"] is False,
              "dependency: the CNAME target is attributed to Cloudflare by suffix, undeclared")
        f = finding("15.1.a", "Cloudflare, Inc.")
        check(f is not None and f["verdict"] == "fail" and "undeclared third party" in f["reason"],
              "15.1.a: the undeclared CDN fails")
        f = finding("19.2.c", "admin.live.example")
        check(f is not None and f["verdict"] == "fail" and "Amazon" in f["reason"],
              "19.2.c: admin endpoint located and controlled in the US fails")
        f = finding("19.2.b", "api.live.example")
        check(f is not None and f["verdict"] == "pass", "19.2.b: API address located in FR passes")
        # lookup HOST: resolved through the DNS collector, each address probed
        # with TLS, the CA owner shown.
        p = subprocess.run([SOVCHECK, "lookup", "--json", "--resolver", "127.0.0.1:%d" % uport,
                            "--trust", os.path.join(pki, "roots.pem"),
                            "--geodb", geodb, "--registry", reg, "--port", str(tport[1]),
                            "admin.live.example"], capture_output=True, text=True, timeout=60)
        lk = json.loads(p.stdout.splitlines()[0]) if p.stdout.strip() else {}
        tls = (lk.get("tls") or [{}])[0]
        owner = tls.get("ca_owner") or {}
        check(p.returncode == 0 and lk.get("controller") == "Amazon.com, Inc." and
              tls.get("status") == "ok" and owner.get("owner") == "DigiCert Test CA" and
              owner.get("country") == "US",
              "lookup HOST: address attributed and the live chain's CA owner shown (%s)"
              % p.stderr.strip()[:300])
        p = subprocess.run([SOVCHECK, "lookup", "--resolver", "127.0.0.1:%d" % uport,
                            "--trust", os.path.join(pki, "roots.pem"), "--geodb", geodb, "--registry", reg, "--port", str(tport[0]),
                            "api.live.example"], capture_output=True, text=True, timeout=60)
        check("owner Certigna Test CA" in p.stdout and "ocsp host: ocsp.certigna.test" in p.stdout,
              "lookup HOST (text): CA owner and the certificate's OCSP host")
        # The live run's bundle (chains captured over the network) replays
        # offline into the same findings.
        again = os.path.join(tmp, "again")
        p = subprocess.run([SOVCHECK, "report", os.path.join(tmp, "out-unbound", "evidence.json"),
                            "--registry", reg, "--registry", idx, "-o", again, "-q"],
                           capture_output=True, text=True,
                           timeout=60)
        with open(os.path.join(tmp, "out-unbound", "findings.json"), "rb") as f1, \
             open(os.path.join(again, "findings.json"), "rb") as f2:
            same = f1.read() == f2.read()
        check(p.returncode == 1 and same,
              "report on the live bundle reproduces the live findings offline (%s)"
              % p.stderr.strip()[:300])
        a = json.dumps(results["unbound"]["requirements"], sort_keys=True)
        b = json.dumps(results["nsd"]["requirements"], sort_keys=True)
        check(a == b, "the recursive (Unbound) and direct (NSD) paths give the same verdicts")
    finally:
        for p in servers:
            p.terminate()
        for p in servers:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
        lab.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    finish()

if __name__ == "__main__":
    sys.exit(main())
