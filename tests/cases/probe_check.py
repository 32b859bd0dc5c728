#!/usr/bin/env python3
"""`sovcheck probe`: a supplier's profile from its names alone.

Live: NSD serves the supplier's zone behind Unbound, `openssl s_server`
presents on two loopback addresses a certificate (from a CA made here) that
lists www and app of the supplier; the buyer gives only the URL of www. The
probe must find app through the certificate (second round, on the port the
certificate was served on), locate and attribute both — www on an EU
provider, app on a US hyperscaler — and the name servers and mail exchanger
of the domain, fail OI.2 naming the US controller, and write profile.json,
profile.<lang>.md (no English in French) and OSCAL results that validate.
Offline: the demo's zones and chains — the apex with no address is left out
and said so, DNS and mail are attributed. Arguments that are not names,
other schemes and bad ports are usage errors.

Usage: probe_check.py SOVCHECK SRCDIR
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from testlib import check, finish

SOV, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(SRC, "tests", "dns"))
sys.path.insert(0, os.path.join(SRC, "tests", "cases"))
import dnslab  # noqa: E402
import french_scan  # noqa: E402

ZONE = """$ORIGIN supplier.example.
$TTL 60
@     IN SOA ns1 hostmaster 1 7200 3600 1209600 60
@     IN NS  ns1
@     IN MX  10 mail
ns1   IN A   127.0.0.13
mail  IN A   127.0.0.13
www   IN A   127.0.0.11
app   IN A   127.0.0.12
@     IN TXT "v=spf1 include:spf.protection.outlook.com include:spf.esp.example ip4:198.51.100.7/24 ip6:2001:db8::/32 ip4:198.51.100.0/33 ip6:not-an-address -all"
@     IN TXT "MS=ms12345678"
@     IN TXT "google-site-verification=probe-test-token"
@     IN TXT "an unrelated" " record"
@     IN CAA 0 issue "letsencrypt.org"
@     IN CAA 0 issuewild "harica.gr; validationmethods=dns-01"
@     IN CAA 0 iodef "mailto:security@supplier.example"
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@supplier.example,mailto:r@rua.dmarc.brevo.com"
_mta-sts IN TXT "v=STSv1; id=20261127"
mta-sts IN A 127.0.0.11
autodiscover IN CNAME autodiscover.outlook.com.
""" + "".join("s%d IN A 127.0.0.%d\n" % (i, 11 + i % 2) for i in range(1, 201))


# What the supplier's records name: Microsoft's SPF tree and Autodiscover,
# and an e-mail service provider the registry does not know (its own SPF
# include, two levels down).
OUTLOOK = """$ORIGIN outlook.com.
$TTL 60
@     IN SOA ns1.supplier.example. hostmaster.supplier.example. 1 7200 3600 1209600 60
@     IN NS  ns1.supplier.example.
spf.protection IN TXT "v=spf1 include:spfa.protection.outlook.com -all"
spfa.protection IN TXT "v=spf1 ip4:40.92.0.0/15 -all"
autodiscover IN A 127.0.0.14
"""
ESP = """$ORIGIN esp.example.
$TTL 60
@     IN SOA ns1.supplier.example. hostmaster.supplier.example. 1 7200 3600 1209600 60
@     IN NS  ns1.supplier.example.
spf   IN TXT "v=spf1 include:spf2.esp.example include:%{i}.macro.esp.example -all"
spf2  IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
"""

# Second-level dependence: a SaaS the registry (a test file) says is hosted
# on AWS runs Epsilon's mail (an MX under its domain) and is named by both
# suppliers' verification tokens; Zeta's own service is on Amazon too.
EPSILON = """$ORIGIN epsilon.example.
$TTL 60
@     IN SOA ns1.supplier.example. hostmaster.supplier.example. 1 7200 3600 1209600 60
@     IN NS  ns1.supplier.example.
@     IN MX  10 mx.testsaas.example.
@     IN A   127.0.0.11
@     IN TXT "testsaas-verification=epsilon"
"""
ZETA = """$ORIGIN zeta.example.
$TTL 60
@     IN SOA ns1.supplier.example. hostmaster.supplier.example. 1 7200 3600 1209600 60
@     IN NS  ns1.supplier.example.
@     IN A   127.0.0.12
@     IN TXT "testsaas-verification=zeta"
"""
TESTSAAS = """$ORIGIN testsaas.example.
$TTL 60
@     IN SOA ns1.supplier.example. hostmaster.supplier.example. 1 7200 3600 1209600 60
@     IN NS  ns1.supplier.example.
mx    IN A   127.0.0.13
"""
TESTSAAS_REGISTRY = """sovcheck-registry: 1
entities:
  - id: test-saas
    name: Test SaaS Inc.
    country: US
    verification: ["testsaas-verification="]
    suffixes: {mx: [testsaas.example]}
    providers:
      - {id: aws, role: hosting}
    sources:
      - url: https://testsaas.example/sub-processors
        fact: "hosted on Amazon Web Services"
        covers: [name, country, verification, suffixes, providers]
        reviewed: 2026-11-28
"""


def run(*args, cwd=None, timeout=180):
    return subprocess.run([SOV] + list(args), capture_output=True, text=True, timeout=timeout,
                          cwd=cwd)


def wait_tcp(addr, port, tries=100):
    for _ in range(tries):
        try:
            with socket.create_connection((addr, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nothing listens on %s:%d" % (addr, port))


def pki(d):
    """A CA of our own and a leaf for www and app of supplier.example."""
    def ossl(*a):
        subprocess.run(["openssl"] + list(a), cwd=d, check=True, capture_output=True)
    ossl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-days", "3650", "-subj", "/O=Probe Test CA/CN=Probe Test Root", "-keyout", "ca.key",
         "-out", "ca.pem", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    ossl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-subj", "/CN=www.supplier.example", "-keyout", "leaf.key", "-out", "leaf.csr")
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("subjectAltName=DNS:www.supplier.example,DNS:app.supplier.example,"
                "DNS:*.supplier.example,DNS:other.example\n"
                "extendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n")
    ossl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
         "-CAcreateserial", "-days", "3650", "-extfile", "ext.cnf", "-out", "leaf.pem")


def main():
    tmp = tempfile.mkdtemp(prefix="sc-probe-")
    lab = dnslab.Lab(prefix="sc-probe-dns-")
    servers = []
    try:
        # usage errors
        for bad, what in ((["probe"], "no argument"), (["probe", "not a name!"], "not a name"),
                          (["probe", "ftp://files.supplier.example/"], "another scheme"),
                          (["probe", "https://www.supplier.example:70000/"], "a bad port"),
                          (["probe", "localhost"], "a single label"),
                          (["probe", "x.example", "--tls-threads", "0"], "0 TLS threads"),
                          (["check", "x.yaml", "--tls-threads", "65"], "65 TLS threads")):
            p = run(*bad)
            check(p.returncode == 64, "probe with %s: usage error (%d %s)"
                  % (what, p.returncode, p.stderr.strip()[:120]))

        # hostile supplier lists: a clear refusal with the file and line
        hostile = {
            "no-header.csv": ("", "no header row"),
            "no-columns.csv": ("name,sites\nA,a.example\n", "no 'supplier' and 'domains'"),
            "unterminated.csv": ('supplier,domains\nA,"a.example\n', "unterminated quoted field"),
            "binary.csv": ("supplier,domains\n\x00\xff\x01,\x00\n", None),
        }
        for name, (text, what) in hostile.items():
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="latin-1") as f:
                f.write(text)
            p = run("probe", "--batch", path, "--offline", "-o", os.path.join(tmp, "h"))
            ok = p.returncode == 3 and what in p.stderr if what else p.returncode in (0, 1, 2)
            check(ok and "Sanitizer" not in p.stderr,
                  "batch %s: %s (%d %s)" % (name, "refused: " + what if what else
                                            "garbage names reported, not fatal",
                                            p.returncode, p.stderr.strip()[-200:]))
        big = os.path.join(tmp, "big.csv")
        with open(big, "w") as f:
            f.write("supplier,domains\n")
            f.write("x,a.example\n" * ((17 << 20) // 12 + 1))
        p = run("probe", "--batch", big, "--offline", "-o", os.path.join(tmp, "h"))
        check(p.returncode == 3 and "larger than 16 MiB" in p.stderr,
              "batch of more than 16 MiB: refused (%d)" % p.returncode)

        pki(tmp)
        with open(os.path.join(tmp, "geo.csv"), "w") as f:
            f.write("127.0.0.11,127.0.0.11,FR\n127.0.0.12,127.0.0.12,US\n"
                    "127.0.0.13,127.0.0.13,FR\n127.0.0.16,127.0.0.16,LU\n"
                    "198.51.100.0,198.51.100.255,US\n"
                    "2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,US\n")
        with open(os.path.join(tmp, "asn.csv"), "w") as f:
            f.write('127.0.0.11,127.0.0.11,16276,OVH SAS\n'
                    '127.0.0.12,127.0.0.12,16509,"Amazon.com, Inc."\n'
                    '127.0.0.13,127.0.0.13,16276,OVH SAS\n'
                    '127.0.0.16,127.0.0.16,3000000099,Example Lux Cloud\n'
                    '198.51.100.0,198.51.100.255,16509,"Amazon.com, Inc."\n'
                    '2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,16509,"Amazon.com, Inc."\n')
        geodb = os.path.join(tmp, "t.mmdb")
        subprocess.run([SOV, "geodb", "build", "--csv", os.path.join(tmp, "geo.csv"), "--csv",
                        os.path.join(tmp, "asn.csv"), "-o", geodb], check=True,
                       capture_output=True)
        nport = dnslab.free_port(26000, 26099)
        uport = dnslab.free_port(26100, 26199, used=(nport,))
        tport = dnslab.free_port(26200, 26299, used=(nport, uport))
        nsd = lab.nsd("nsd", {"supplier.example": ZONE, "outlook.com": OUTLOOK,
                              "esp.example": ESP, "epsilon.example": EPSILON,
                              "zeta.example": ZETA, "testsaas.example": TESTSAAS},
                      ["127.0.0.1@%d" % nport])
        lab.wait_ready(nsd, "127.0.0.1", nport, "www.supplier.example")
        unb = lab.unbound("unbound", ["127.0.0.1@%d" % uport],
                          {z: ["127.0.0.1@%d" % nport] for z in
                           ("supplier.example", "outlook.com", "esp.example", "epsilon.example",
                            "zeta.example", "testsaas.example")})
        lab.wait_ready(unb, "127.0.0.1", uport, "www.supplier.example")
        for addr in ("127.0.0.11", "127.0.0.12"):
            servers.append(subprocess.Popen(
                ["openssl", "s_server", "-quiet", "-accept", "%s:%d" % (addr, tport),
                 "-cert", os.path.join(tmp, "leaf.pem"), "-key", os.path.join(tmp, "leaf.key")],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL))
            wait_tcp(addr, tport)

        out = os.path.join(tmp, "out")
        p = run("probe", "https://www.supplier.example:%d/login" % tport, "--resolver",
                "127.0.0.1:%d" % uport, "--geodb", geodb, "--trust",
                os.path.join(tmp, "ca.pem"), "--date", "2026-11-27", "--timeout", "20",
                "-o", out, "--format", "json,md,html,evidence,oscal")
        check(p.returncode == 1, "live probe: exit 1, a requirement fails (%d %s)"
              % (p.returncode, p.stderr.strip()[-400:]))
        check("1 more name from the certificates" in p.stderr,
              "the certificate reveals app (only it: not the wildcard, not another domain) "
              "(%s)" % p.stderr.strip()[-300:])
        check("Supplier profile" in p.stdout and
              "Amazon.com, Inc. (United States of America; listed)" in p.stdout and
              "OI.2   FAIL" in p.stdout,
              "the one-screen profile names the US controller, how it is held, and the failed "
              "requirement")
        with open(os.path.join(out, "profile.json")) as f:
            prof = json.load(f)
        parts = {(x["role"], x["subject"]): x for x in prof["parts"]}
        app = parts.get(("service", "app.supplier.example"), {})
        www = parts.get(("service", "www.supplier.example"), {})
        check(app.get("controller_id") == "amazon" and app.get("country") == "US" and
              app.get("controlled_as") == "listed" and
              app.get("outside_eu") is True and app.get("locations") == ["US"],
              "profile: app (found through the certificate) runs on Amazon, in the US (%s)" % app)
        check(www.get("controller_id") == "ovhcloud" and www.get("locations") == ["FR"] and
              www.get("outside_eu") is False, "profile: www on OVHcloud, in France (%s)" % www)
        check(("ca", "www.supplier.example") in parts,
              "profile: the CA of each service is a part (its owner unknown: not in the index)")
        check([t["name"] for t in prof["targets"]] == ["www.supplier.example", "app.supplier.example"],
              "profile: the names probed (the URL's host, then the certificate's)")
        check("US" in prof["controller_countries"] and
              "Amazon.com, Inc." in prof["controller_countries"]["US"],
              "profile: controllers by country")
        check(any(n["party"] == "Amazon Web Services, Inc." and n["country"] == "US" and
                  "us-cloud-act" in [l["id"] for l in n["laws"]] for n in prof["non_eu_nexuses"]),
              "profile: the US nexus with the laws that reach it")
        verdicts = {v["id"]: v["verdict"] for v in prof["verdicts"]}
        check(verdicts == {"OI.1": "fail", "OI.2": "fail", "OI.3": "unknown",
                           "OI.5": "not_applicable"},
              "profile: OI.1 fail (app in the US), OI.2 fail, OI.3 unknown (a CA of no known "
              "owner), OI.5 not applicable (a URL: no domain's records) (%s)" % verdicts)
        docs, hits = french_scan.scan(out, [], os.path.join(SRC, "policies", "laws.yaml"))
        check(os.path.join(out, "profile.fr.md") in docs and
              os.path.join(out, "profile.fr.html") in docs and not hits,
              "profile.fr.md and profile.fr.html hold no English: %s" % (hits[:5],))
        with open(os.path.join(out, "profile.en.html")) as f:
            html = f.read()
        check(html.lstrip().lower().startswith("<!doctype html") and "<table" in html and
              "Amazon.com, Inc." in html and "<script" not in html and
              'src="http' not in html and "href=\"http" not in html,
              "profile.en.html: one self-contained page with the table of parts")
        for f in ("residual-risk.fr.md", "compliance.en.md", "summary.md"):
            check(not os.path.exists(os.path.join(out, f)),
                  "a probe writes no provider document (%s)" % f)
        import jsonschema
        with open(os.path.join(SRC, "..", "shared", "reference", "data", "schemas",
                               "oscal-1.0.0_assessment-results_schema.json")) as f:
            sch = json.load(f)
        with open(os.path.join(out, "assessment-results.json")) as f:
            d = json.load(f)
        errs = list(jsonschema.Draft7Validator(sch).iter_errors(d))
        check(not errs, "probe --format oscal validates (%s)" % [e.message[:100] for e in errs[:2]])
        p = run("report", os.path.join(out, "evidence.json"), "--pack", "supplier-outside-in",
                "-o", os.path.join(tmp, "re"), "--format", "json", "-q")
        with open(os.path.join(tmp, "re", "findings.json")) as f:
            re_v = {q["id"]: q["verdict"] for q in json.load(f)["requirements"]}
        check(re_v == verdicts, "report of the probe's bundle re-judges it the same (%s)" % re_v)
        p = run("probe", "https://www.supplier.example:%d/" % tport, "--no-san", "--resolver",
                "127.0.0.1:%d" % uport, "--geodb", geodb, "--trust", os.path.join(tmp, "ca.pem"),
                "--date", "2026-11-27", "--timeout", "20")
        check(p.returncode == 2 and "app.supplier.example" not in p.stdout,
              "--no-san: only the URL's host; no fail, the CA unknown: exit 2 (%d)"
              % p.returncode)

        # the domain: its mail exchanger probed with STARTTLS on port 25
        ready = os.path.join(tmp, "smtp.ready")
        with open(os.path.join(tmp, "chain.pem"), "w") as f:
            with open(os.path.join(tmp, "leaf.pem")) as a, open(os.path.join(tmp, "ca.pem")) as b:
                f.write(a.read() + b.read())
        servers.append(subprocess.Popen(
            [sys.executable, os.path.join(SRC, "tests", "tls", "servers.py"), ready,
             "smtp@127.0.0.13:25:%s:%s" % (os.path.join(tmp, "chain.pem"),
                                          os.path.join(tmp, "leaf.key"))],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for _ in range(100):
            if os.path.exists(ready):
                break
            time.sleep(0.1)
        mo = os.path.join(tmp, "mx-out")
        p = run("probe", "supplier.example", "--no-san", "--resolver", "127.0.0.1:%d" % uport,
                "--geodb", geodb, "--trust", os.path.join(tmp, "ca.pem"), "--date", "2026-11-27",
                "--timeout", "20", "-o", mo, "-q", "--format", "json,evidence,csv")
        with open(os.path.join(mo, "evidence.json")) as f:
            ev = json.load(f)
        mx = [x for x in ev.get("tls", []) if x.get("host") == "mail.supplier.example"]
        with open(os.path.join(mo, "profile.json")) as f:
            mprof = json.load(f)
        check(len(mx) == 1 and mx[0].get("port") == 25 and "mail.supplier.example" in
              json.dumps(mx[0]) and ("mail", "supplier.example") in
              {(x["role"], x["subject"]) for x in mprof["parts"]} and
              ("ca", "mail.supplier.example") in {(x["role"], x["subject"]) for x in
                                                   mprof["parts"]},
              "a domain's mail exchanger is probed with STARTTLS on port 25: its chain in the "
              "evidence, its CA a part (%s)" % json.dumps(mx)[:400])
        # what the domain publishes: SPF tree, verification tokens, CAA,
        # DMARC reports, mail services — each attributed, judged by OI.5
        by_role = {}
        for x in mprof["parts"]:
            if x["subject"] == "supplier.example":
                by_role.setdefault(x["role"], set()).add(x.get("controller_id") or
                                                          x.get("ca_owner_id") or "?")
        check(by_role.get("mail-sender") == {"microsoft", "amazon", "?"},
              "SPF: Microsoft (its include tree followed), Amazon (the ip4/ip6 networks) and "
              "unknown senders (%s)" % by_role.get("mail-sender"))
        sender = [x for x in mprof["parts"] if x["role"] == "mail-sender" and
                  x.get("controller_id") == "amazon"]
        check(len(sender) == 1 and sender[0]["country"] == "US" and sender[0]["outside_eu"] and
              "Amazon Web Services, Inc." in sender[0]["operators"] and
              "US" in sender[0]["locations"],
              "SPF ip4/ip6: the networks' operator, its US controller and their location in "
              "the profile (%s)" % sender)
        with open(os.path.join(mo, "findings.json")) as f:
            mfind = json.load(f)
        oi5 = next(q for q in mfind["requirements"] if q["id"] == "OI.5")["findings"]
        amz5 = [x for x in oi5 if x["subject"] == "Amazon Web Services, Inc."]
        check(len(amz5) == 1 and amz5[0]["verdict"] == "fail" and
              "SPF ip4:198.51.100.0/24 (the network's first address) → 198.51.100.0 → AS16509"
              in amz5[0]["reason"],
              "OI.5 fails for the US-controlled sender network, by its first address (%s)"
              % [x["reason"] for x in amz5])
        deps = {(d["kind"], d["subject"]): d for d in mfind["dependencies"]}
        v6 = deps.get(("ip", "2001:db8::"), {})
        check(v6.get("via") == ["spf:supplier.example"] and v6.get("location") == "US" and
              v6.get("asn") == 16509, "SPF ip6: the network located and attributed (%s)" % v6)
        noted = [x for x in oi5 if x["verdict"] == "not_applicable"]
        check(sorted(x["reason"].split(",")[0] for x in noted) ==
              ["ip4:198.51.100.0/33", "ip6:not-an-address"] and
              all("is ignored" in x["reason"] for x in noted),
              "malformed ip4/ip6 mechanisms ignored with a note (%s)" % [x["reason"] for x in noted])
        with open(os.path.join(mo, "providers.csv"), newline="") as f:
            import csv as _csv
            prov = {r["registry_id"]: r for r in _csv.DictReader(f)}
        check("email-sending" in prov.get("aws", {}).get(
              "ict_services", ""), "providers.csv: the sender network's operator, email-sending "
              "(%s)" % sorted(prov))
        check(by_role.get("saas") == {"alphabet", "microsoft"},
              "verification tokens: Google (controlled by Alphabet) and Microsoft; an "
              "unrelated TXT record names nothing (%s)" % by_role.get("saas"))
        check(by_role.get("ca-authorised") == {"isrg", "harica"},
              "CAA: Let's Encrypt and HARICA (issuewild with parameters), not the iodef "
              "(%s)" % by_role.get("ca-authorised"))
        check(by_role.get("mail-reports") == {"brevo"},
              "DMARC: the report receiver outside the domain, not the domain's own mailbox "
              "(%s)" % by_role.get("mail-reports"))
        check(by_role.get("mail-service") == {"microsoft", "ovhcloud", "?"},
              "mail services: Autodiscover's CNAME names Microsoft (its address, of no known "
              "network, is unknown), the MTA-STS policy host runs on OVHcloud (%s)"
              % by_role.get("mail-service"))
        mverd = {v["id"]: v["verdict"] for v in mprof["verdicts"]}
        check(mverd.get("OI.5") == "fail", "OI.5 fails: US-controlled services named (%s)"
              % mverd)
        names = {n["name"]: n for n in ev["dns"]["names"]}
        spf2 = names.get("spf2.esp.example", {})
        check(spf2.get("via") == ["spf:spf.esp.example"] and "spf" in spf2.get("want", []) and
              "spfa.protection.outlook.com" in names and
              not [n for n in names if "macro" in n],
              "the SPF tree is followed two levels down, a macro is not expanded (%s)"
              % sorted(n for n in names if "spf" in n))
        top = names.get("supplier.example", {}).get("answers", [{}])[0]
        check("an unrelated record" in [t["value"] for t in top.get("txt", [])] and
              "0 iodef mailto:security@supplier.example" in
              [t["value"] for t in top.get("caa", [])],
              "TXT character-strings are joined, CAA kept as FLAGS TAG VALUE (%s %s)"
              % (top.get("txt"), top.get("caa")))
        p = run("report", os.path.join(mo, "evidence.json"), "--pack", "supplier-outside-in",
                "-o", os.path.join(tmp, "re2"), "--format", "json", "-q")
        with open(os.path.join(tmp, "re2", "findings.json")) as f:
            re_v = {q["id"]: q["verdict"] for q in json.load(f)["requirements"]}
        check(re_v == mverd, "report of the domain's bundle re-judges it the same, the published "
              "records read back (%s)" % re_v)
        p = run("probe", "supplier.example", "--no-san", "--no-mx", "--no-published",
                "--resolver", "127.0.0.1:%d" % uport, "--geodb", geodb, "--date", "2026-11-27",
                "--timeout", "20", "-o", os.path.join(tmp, "nopub"), "-q")
        with open(os.path.join(tmp, "nopub", "profile.json")) as f:
            nprof = json.load(f)
        check({v["id"]: v["verdict"] for v in nprof["verdicts"]}.get("OI.5") == "not_applicable"
              and not [x for x in nprof["parts"] if x["role"] in ("saas", "mail-sender")],
              "--no-published: nothing asked, OI.5 not applicable")
        p = run("probe", "supplier.example", "--no-san", "--no-mx", "--resolver",
                "127.0.0.1:%d" % uport, "--geodb", geodb, "--date", "2026-11-27", "--timeout",
                "20", "-o", os.path.join(tmp, "nomx"), "-q")
        with open(os.path.join(tmp, "nomx", "evidence.json")) as f:
            check(not [x for x in json.load(f).get("tls", []) if x.get("port") == 25],
                  "--no-mx: no STARTTLS probe")

        # batch: four suppliers, one invalid and one that does not exist
        with open(os.path.join(tmp, "suppliers.csv"), "w") as f:
            f.write('supplier,domains,criticality,function\n'
                    '"Alpha, SA",https://www.supplier.example:%d/,critical,payments\n'
                    'Beta,https://app.supplier.example:%d/,important,"HR, payroll"\n'
                    'Gamma,not-a-name!,,\n'
                    'Delta,https://nothere.supplier.example:%d/,,\n' % (tport, tport, tport))
        bo = os.path.join(tmp, "batch")
        p = run("probe", "--batch", os.path.join(tmp, "suppliers.csv"), "--resolver",
                "127.0.0.1:%d" % uport, "--geodb", geodb, "--trust", os.path.join(tmp, "ca.pem"),
                "--date", "2026-11-27", "--timeout", "20", "-o", bo)
        check(p.returncode == 1 and "Gamma" in p.stdout and "not probed" in p.stdout,
              "batch: exit 1 (a supplier fails), the invalid one reported, not fatal (%d %s %s)"
              % (p.returncode, p.stdout[-500:], p.stderr[-300:]))
        with open(os.path.join(bo, "concentration.json")) as f:
            conc = {c["controller_id"]: c for c in json.load(f)["controllers"]}
        amz = conc.get("amazon", {})
        check(amz.get("suppliers_count") == 2 and amz.get("critical_or_important") == 2 and
              {x["supplier"] for x in amz.get("suppliers", [])} == {"Alpha, SA", "Beta"} and
              amz.get("outside_eu") is True,
              "batch concentration: Amazon under both suppliers (Alpha through its "
              "certificate's app name), both critical or important (%s)" % amz)
        with open(os.path.join(bo, "profiles.json")) as f:
            profs = {x["supplier"]: x for x in json.load(f)["suppliers"]}
        check(set(profs) == {"Alpha, SA", "Beta", "Gamma", "Delta"} and
              "problem" in profs["Gamma"] and "profile" not in profs["Gamma"] and
              profs["Beta"]["function"] == "HR, payroll",
              "profiles.json: every supplier, the invalid one with its problem")
        with open(os.path.join(bo, "comparison.fr.md")) as f:
            comp = f.read()
        check("| Alpha, SA | critical |" in comp and "Amazon.com, Inc. (US)" in comp and
              "## Concentration" in comp, "comparison.fr.md: one row per supplier, the "
              "concentration after")
        with open(os.path.join(bo, "providers.csv"), newline="") as f:
            import csv as _csv
            rows = list(_csv.DictReader(f))
        check(rows and list(rows[0])[0] == "supplier" and
              any(r["supplier"] == "Alpha, SA" and r["registry_id"] == "ovhcloud" for r in rows),
              "providers.csv of the batch: a supplier column first")

        # second level: Epsilon depends on Amazon only through Test SaaS's
        # hosting (its mail), counted once with its path and in the DORA
        # verdict as indirect; Zeta depends on Amazon directly (its service)
        # and through Test SaaS (its token): counted once, as direct
        with open(os.path.join(tmp, "testsaas.yaml"), "w") as f:
            f.write(TESTSAAS_REGISTRY)
        with open(os.path.join(tmp, "second.csv"), "w") as f:
            f.write('supplier,domains,criticality,function\n'
                    'Epsilon,epsilon.example,critical,ticketing\n'
                    'Zeta,zeta.example,important,billing\n'
                    'Beta,https://app.supplier.example:%d/,important,"HR, payroll"\n' % tport)
        so = os.path.join(tmp, "second")
        p = run("probe", "--batch", os.path.join(tmp, "second.csv"), "--registry",
                os.path.join(tmp, "testsaas.yaml"), "--resolver", "127.0.0.1:%d" % uport,
                "--geodb", geodb, "--trust", os.path.join(tmp, "ca.pem"), "--date", "2026-11-27",
                "--timeout", "20", "--no-san", "-o", so)
        check(p.returncode in (0, 1, 2) and "Sanitizer" not in p.stderr and
              os.path.exists(os.path.join(so, "concentration.json")),
              "second-level batch runs (%d %s)" % (p.returncode, p.stderr[-300:]))
        with open(os.path.join(so, "concentration.json")) as f:
            sconc = json.load(f)
        conc = {c["controller_id"]: c for c in sconc["controllers"]}
        amz = conc.get("amazon", {})
        via = amz.get("via", [])
        check(amz.get("suppliers_count") == 2 and
              sorted(x["supplier"] for x in amz.get("suppliers", [])) == ["Beta", "Zeta"] and
              amz.get("through_providers_count") == 1 and
              amz.get("through_providers_critical_or_important") == 1 and
              [x["supplier"] for x in via] == ["Epsilon"],
              "second level: Amazon carries Beta and Zeta directly, Epsilon only through a "
              "provider, each once — Zeta, also through Test SaaS, not twice (%s)" % amz)
        paths = via[0].get("paths", []) if via else []
        check(len(paths) == 1 and
              paths[0].get("path") == ["Epsilon", "Test SaaS Inc.", "Amazon Web Services, Inc."]
              and paths[0].get("through_id") == "test-saas" and
              paths[0].get("provider_id") == "aws" and paths[0].get("role") == "hosting" and
              "mail" in paths[0].get("roles", []) and "saas" in paths[0].get("roles", []),
              "second level: the path supplier → Test SaaS → AWS, with the provider's role and "
              "the parts Test SaaS runs (%s)" % paths)
        sd = amz.get("dora", {})
        check(sd.get("verdict") == "fail" and sd.get("critical_suppliers") == 3 and
              sd.get("through_providers") == 1 and
              "Epsilon (through Test SaaS Inc.)" in sd.get("reason", {}).get("en", "") and
              "Epsilon (par l'intermédiaire de Test SaaS Inc.)" in
              sd.get("reason", {}).get("fr", ""),
              "second level enters the DORA Art. 29 verdict, marked indirect (%s)" % sd)
        check(conc.get("test-saas", {}).get("suppliers_count") == 2 and
              not conc.get("test-saas", {}).get("via"),
              "Test SaaS itself: both suppliers directly (%s)" % conc.get("test-saas"))
        with open(os.path.join(so, "comparison.en.md")) as f:
            sen = f.read()
        with open(os.path.join(so, "comparison.fr.md")) as f:
            sfr = f.read()
        check("1 more through their own providers: Epsilon (ticketing) through Test SaaS Inc. "
              "→ Amazon Web Services, Inc." in sen and
              "1 de plus par leurs propres prestataires: Epsilon (ticketing) par l'intermédiaire "
              "de Test SaaS Inc. → Amazon Web Services, Inc." in sfr,
              "comparison.<lang>.md: the indirect supplier and its path, in English and French")

        # 200 suppliers: one collection, concentration counted
        with open(os.path.join(tmp, "200.csv"), "w") as f:
            f.write("supplier,domains,criticality\n")
            for i in range(1, 201):
                f.write("S%d,https://s%d.supplier.example:%d/,%s\n"
                        % (i, i, tport, "critical" if i % 4 == 0 else ""))
        b2 = os.path.join(tmp, "b200")
        p = run("probe", "--batch", os.path.join(tmp, "200.csv"), "--no-san", "--resolver",
                "127.0.0.1:%d" % uport, "--geodb", geodb, "--trust", os.path.join(tmp, "ca.pem"),
                "--date", "2026-11-27", "--timeout", "60", "-o", b2, "-q", timeout=600)
        with open(os.path.join(b2, "concentration.json")) as f:
            conc = {c["controller_id"]: c for c in json.load(f)["controllers"]}
        check(conc.get("amazon", {}).get("suppliers_count") == 100 and
              conc.get("ovhcloud", {}).get("suppliers_count") == 100 and
              conc.get("ovhcloud", {}).get("critical_or_important") == 50 and
              conc.get("amazon", {}).get("critical_or_important") == 0,
              "200 suppliers: 100 on Amazon, 100 on OVHcloud (the 50 critical ones) (%s)"
              % {k: v["suppliers_count"] for k, v in conc.items()})

        # more names than one collection holds: collected in chunks
        zone = os.path.join(tmp, "bulk.example.zone")
        with open(zone, "w") as f:
            f.write("$ORIGIN bulk.example.\n$TTL 60\n@ IN SOA ns hm 1 7200 3600 1209600 60\n"
                    "@ IN NS ns\nns IN A 127.0.0.13\n")
            for i in range(1200):
                for j in range(9):
                    f.write("n%d.s%d IN A 127.0.0.%d\n" % (j, i, 11 + i % 2))
        with open(os.path.join(tmp, "bulk.csv"), "w") as f:
            f.write("supplier,domains\n")
            for i in range(1200):
                f.write("B%d,%s\n" % (i, " ".join("http://n%d.s%d.bulk.example/" % (j, i)
                                                   for j in range(9))))
        p = run("probe", "--batch", os.path.join(tmp, "bulk.csv"), "--offline", "--zone", zone,
                "--geodb", geodb, "--date", "2026-11-27", "-o", os.path.join(tmp, "bulk"),
                "-q", timeout=900)
        with open(os.path.join(tmp, "bulk", "concentration.json")) as f:
            conc = {c["controller_id"]: c["suppliers_count"] for c in json.load(f)["controllers"]}
        with open(os.path.join(tmp, "bulk", "profiles.json")) as f:
            nprof = sum(1 for x in json.load(f)["suppliers"] if "profile" in x)
        check(p.returncode == 1 and nprof == 1200 and conc == {"amazon": 600, "ovhcloud": 600},
              "1,200 suppliers x 9 names (10,800, more than one collection holds): collected in "
              "chunks, every supplier judged (%d, %d profiles, %s)" % (p.returncode, nprof, conc))

        # offline, the demo's zones and chains
        z = os.path.join(SRC, "examples", "acme-storage")
        p = run("probe", "acme-cloud.example", "--offline",
                *sum((["--zone", os.path.join(z, "zones", n)] for n in
                      ("acme-cloud.example.zone", "anycast.me.zone", "mail.ovh.net.zone",
                       "cdn.cloudflare.net.zone")), []),
                "--chains", os.path.join(z, "certs"), "--trust",
                os.path.join(z, "trust", "demo-roots.pem"), "--registry",
                os.path.join(z, "demo-cas.yaml"), "--date", "2026-11-22")
        check(p.returncode == 1 and
              "not probed (no such name, or no address): acme-cloud.example" in p.stdout and
              "DNS " in p.stdout and "mail " in p.stdout and
              re.search(r"Cloudflare, Inc\. \(United States of America(; [a-z -]+)?\) — outside the EU",
                        p.stdout) is not None,
              "offline demo: the apex without address left out, DNS and mail attributed, the "
              "US CDN in front of www (%d %s)" % (p.returncode, p.stdout[:600]))
        # every controller named says how it is held: the registry's control,
        # or that its holders are not recorded — never silence, which reads
        # as an independent company
        who = p.stdout.split("Who runs what", 1)[-1].split("\n\n", 1)[0]
        named = [ln for ln in who.splitlines()[1:] if ln.strip() and not ln.rstrip().endswith("unknown")]
        check(named and all(re.search(r" \([^()]+; [^()]+(\([^()]*\)[^()]*)?\)", ln)
                            for ln in named) and
              "Internet Security Research Group (United States of America; non-profit)" in who,
              "offline demo: each controller with how it is held (%r)" % named)
        # a supplier served from the EU by a company seated there but held from
        # outside it: the profile says by whom, and OI.2 fails
        hz = os.path.join(tmp, "held.example.zone")
        with open(hz, "w") as f:
            f.write("$ORIGIN held.example.\n$TTL 60\n@ IN SOA ns hm 1 7200 3600 1209600 60\n"
                    "@ IN NS ns\nns IN A 127.0.0.13\n@ IN A 127.0.0.16\nwww IN A 127.0.0.16\n")
        hreg = os.path.join(tmp, "held.yaml")
        with open(hreg, "w") as f:
            f.write("sovcheck-registry: 1\nentities:\n"
                    "  - id: example-lux-cloud\n    name: Example Lux Cloud SA\n    country: LU\n"
                    "    asns: [3000000099]\n    control: private\n"
                    "    holders: [{name: Example Capital LLC, country: US, capital: 80},"
                    " {name: Its founders, country: LU, capital: 20}]\n"
                    "    sources: [{url: https://example.org/lux, fact: test, covers: [name, "
                    "country, asns, control, holders], reviewed: 2026-11-01}]\n")
        hout = os.path.join(tmp, "held")
        p = run("probe", "held.example", "--offline", "--zone", hz, "--geodb", geodb,
                "--registry", hreg, "--no-mx", "--date", "2026-11-27", "-o", hout)
        check(p.returncode == 1 and
              "Example Lux Cloud SA (Luxembourg; privately held; controlled by Example Capital "
              "LLC (United States of America)) — outside the EU" in p.stdout and
              "OI.2   FAIL" in p.stdout,
              "a company seated in the EU and held from the US: its controlling holder named, "
              "outside the EU, OI.2 fails (%d %s)" % (p.returncode, p.stdout[:900]))
        with open(os.path.join(hout, "profile.json")) as f:
            hparts = {(x["role"], x["subject"]): x for x in json.load(f)["parts"]}
        hp = hparts.get(("service", "held.example"), {})
        check(hp.get("controlled_as") == "private" and hp.get("outside_eu") is True and
              [h["name"] for h in hp.get("holders") or []] == ["Example Capital LLC",
                                                               "Its founders"],
              "profile.json: the holders of the top, outside_eu true (%s)" % hp)
        # the same company held through a Luxembourg holding company that a US
        # fund owns (holders[].entity, followed): the profile says both
        hreg2 = os.path.join(tmp, "held-via.yaml")
        with open(hreg2, "w") as f:
            f.write("sovcheck-registry: 1\nentities:\n"
                    "  - id: example-lux-cloud\n    name: Example Lux Cloud SA\n    country: LU\n"
                    "    asns: [3000000099]\n    control: private\n"
                    "    holders: [{entity: example-lux-holding, capital: 80},"
                    " {name: Its founders, country: LU, capital: 20}]\n"
                    "    sources: [{url: https://example.org/lux, fact: test, covers: [name, "
                    "country, asns, control, holders], reviewed: 2026-11-01}]\n"
                    "  - id: example-lux-holding\n    name: Example Lux Holding SA\n"
                    "    country: LU\n    holders: [{name: Example Capital LLC, country: US, "
                    "capital: 100}]\n"
                    "    sources: [{url: https://example.org/lux-holding, fact: test, covers: "
                    "[name, country, holders], reviewed: 2026-11-01}]\n")
        p = run("probe", "held.example", "--offline", "--zone", hz, "--geodb", geodb,
                "--registry", hreg2, "--no-mx", "--date", "2026-11-27", "-o", hout + "-via")
        check(p.returncode == 1 and
              "Example Lux Cloud SA (Luxembourg; privately held; controlled by Example Lux "
              "Holding SA (Luxembourg), controlled by Example Capital LLC (United States of "
              "America)) — outside the EU" in p.stdout and "OI.2   FAIL" in p.stdout,
              "held through an EU holding company held from the US: both named, outside the "
              "EU, OI.2 fails (%d %s)" % (p.returncode, p.stdout[:900]))
        # --claims: what the supplier says, checked against its names
        claims = os.path.join(tmp, "vendor.yaml")
        with open(claims, "w") as f:
            f.write("""# what the supplier says of itself, in part
sovcheck: 1
service: {name: Acme Object Storage}
endpoints:
  - {host: api.acme-cloud.example, role: api, data: customer}
subcontractors:
  - {name: OVH Groupe SA, country: FR, service: servers, data_access: customer}
  - {name: "Cloudflare, Inc.", country: FR, service: cdn, data_access: none}
""")
        co = os.path.join(tmp, "claims-out")
        p = run("probe", "acme-cloud.example", "--claims", claims, "--offline",
                *sum((["--zone", os.path.join(z, "zones", n)] for n in
                      ("acme-cloud.example.zone", "anycast.me.zone", "mail.ovh.net.zone",
                       "cdn.cloudflare.net.zone")), []),
                "--chains", os.path.join(z, "certs"), "--trust",
                os.path.join(z, "trust", "demo-roots.pem"), "--registry",
                os.path.join(z, "demo-cas.yaml"), "--date", "2026-11-22", "-o", co, "-q")
        with open(os.path.join(co, "findings.json")) as f:
            fd = json.load(f)
        oi4 = next(q for q in fd["requirements"] if q["id"] == "OI.4")
        reasons = " | ".join(x["reason"] for x in oi4["findings"])
        check(fd["pack"] == "supplier-claims" and oi4["verdict"] == "fail" and
              "declared registered office FR, the registry says US for Cloudflare, Inc." in reasons
              and "undeclared third party: Internet Security Research Group (US)" in reasons and
              "OVH Groupe SA is declared" in reasons,
              "--claims: the supplier's third parties set against its names — a contradicted "
              "country, an undeclared CA, a declared host (%s)" % reasons[:500])
        check(any(d["subject"] == "api.acme-cloud.example" for d in fd["dependencies"]),
              "--claims: the claims' own endpoints are probed too")
        p = run("probe", "acme-cloud.example", "--claims", os.path.join(tmp, "nope.yaml"))
        check(p.returncode == 4 and "nope.yaml" in p.stderr,
              "--claims with a missing file: exit 4 naming it, as check (%d)" % p.returncode)
    finally:
        for s in servers:
            s.terminate()
            s.wait()
        lab.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
