#!/usr/bin/env python3
"""`sovcheck lookup` end to end, against a small MaxMind DB built at test
time with `sovcheck geodb build` and an authoritative NSD started on
loopback for the host names.

Checks: location / ASN / operator / controller / chain / anycast of
addresses; ASN first, then the CNAME suffix; an ASN unknown to the registry
keeps the AS organisation with controller unknown; host names resolved to
every address with the CNAME chain; --registry extends and overrides; bad
registry and database files exit 3 with file:line:col; usage errors exit 64.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SOVCHECK = os.environ["SOVCHECK"]
sys.path.insert(0, os.path.join(os.environ["SOVCHECK_SRCDIR"], "tests", "dns"))
from dnslab import free_port  # noqa: E402  (a port the kernel chooses)

PORT = free_port()

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def run(*args):
    p = subprocess.run([SOVCHECK, "lookup", *args], capture_output=True, text=True,
                       timeout=120)
    return p.returncode, p.stdout, p.stderr


def objs(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


tmp = tempfile.mkdtemp(prefix="sovcheck-lookup-")
nsd = None
try:
    # ---- a small database: documentation ranges with real operators' ASNs
    write(os.path.join(tmp, "country.csv"),
          "192.0.2.0,192.0.2.255,FR\n"
          "198.51.100.0,198.51.100.255,DE\n"
          "203.0.113.0,203.0.113.127,AU\n"
          "203.0.113.128,203.0.113.255,NL\n"
          "2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,FR\n")
    write(os.path.join(tmp, "asn.csv"),
          "192.0.2.0,192.0.2.255,16509,\"Amazon.com, Inc.\"\n"
          "198.51.100.0,198.51.100.255,24940,Hetzner Online GmbH\n"
          "203.0.113.0,203.0.113.127,13335,\"Cloudflare, Inc.\"\n"
          "203.0.113.128,203.0.113.255,398000,Example Unregistered Networks BV\n"
          "2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,16276,OVH SAS\n")
    db = os.path.join(tmp, "test.mmdb")
    p = subprocess.run([SOVCHECK, "geodb", "build", "--csv", os.path.join(tmp, "country.csv"),
                        "--csv", os.path.join(tmp, "asn.csv"), "--build-date", "2026-11-01",
                        "-o", db], capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
        sys.exit("cannot build the test database with `sovcheck geodb build`")

    # ---- addresses
    rc, out, err = run("--json", "--geodb", db, "192.0.2.7", "198.51.100.1", "2001:db8::5")
    check(rc == 0, "known addresses exit 0 (got %d: %s)" % (rc, err))
    o = objs(out)
    check(len(o) == 3, "one JSON object per item")
    aws, hetz, ovh = o
    check(aws["subject"] == "192.0.2.7" and aws["kind"] == "ip", "subject and kind")
    check(aws["location"] == "FR", "AWS address located FR")
    check(aws["asn"] == 16509 and aws["as_org"] == "Amazon.com, Inc.", "ASN and AS organisation")
    check(aws["operator"] == "Amazon Web Services, Inc.", "AWS operator")
    check(aws["controller"] == "Amazon.com, Inc." and aws["controller_country"] == "US",
          "AWS controlled by Amazon.com, Inc. (US)")
    check(aws["chain"] == ["AS16509", "Amazon Web Services, Inc. (US)", "Amazon.com, Inc. (US)"],
          "every hop of the chain: %r" % aws["chain"])
    check(aws["matched_by"] == "asn", "attributed by ASN")
    check(aws["location_source"] == "test.mmdb" and aws["asn_source"] == "test.mmdb",
          "which database said so")
    check(aws["registry_entries"][0]["entry"].startswith("hyperscalers.yaml:"),
          "which registry entry said so")
    check(aws["anycast"] is False, "AWS is not anycast")
    check(hetz["location"] == "DE" and hetz["controller_country"] == "DE", "Hetzner DE, DE")
    check(ovh["location"] == "FR" and ovh["controller"] == "OVH Groupe SA" and
          ovh["controller_country"] == "FR", "OVH (IPv6) FR, FR")
    # the LEI when the registry records one, null when it does not
    check(ovh["operator_lei"] == "9695001J8OSOVX4TP939" and
          ovh["controller_lei"] == "9695001J8OSOVX4TP939" and
          ovh["registry_entries"][0]["lei"] == "9695001J8OSOVX4TP939", "OVH Groupe's LEI")
    check(aws["controller_control"] == "listed",
          "how the controller is held, as the registry says: %r" % aws.get("controller_control"))
    check(aws["operator_lei"] is None and "lei" in aws["registry_entries"][0] and
          aws["registry_entries"][0]["lei"] is None, "no LEI recorded for AWS: null")

    # anycast: no single location, the database's country kept apart
    rc, out, err = run("--json", "--geodb", db, "203.0.113.9")
    cf = objs(out)[0]
    check(rc == 0, "anycast address is attributed (exit 0)")
    check(cf["anycast"] is True and cf["location"] is None and cf["geodb_country"] == "AU",
          "anycast: location null, geodb_country AU")

    # ASN unknown to the registry: AS organisation kept, controller unknown
    rc, out, err = run("--json", "--geodb", db, "203.0.113.200")
    u = objs(out)[0]
    check(rc == 2, "unknown controller exits 2 (got %d)" % rc)
    check(u["asn"] == 398000 and u["as_org"] == "Example Unregistered Networks BV",
          "AS organisation reported for an unregistered ASN")
    check(u["operator"] is None and u["controller"] is None, "controller unknown")
    check(u["location"] == "NL", "location still known")

    # not in any database: unknown, never a pass
    rc, out, err = run("--json", "--geodb", db, "10.1.2.3")
    z = objs(out)[0]
    check(rc == 2 and z["location"] is None and z["asn"] is None, "not found -> unknown, exit 2")

    # text output names every field
    rc, out, err = run("--geodb", db, "192.0.2.7")
    rc6, out6, err6 = run("--geodb", db, "2001:db8::5")
    check("operator:    OVH Groupe SA (FR), LEI 9695001J8OSOVX4TP939  [registry" in out6 and
          "controller:  OVH Groupe SA, FR, LEI 9695001J8OSOVX4TP939  [" in out6,
          "text output shows the LEI: %r" % out6)
    for word in ("location:    FR", "AS16509 Amazon.com, Inc.", "operator:    Amazon Web Services",
                 "controller:  Amazon.com, Inc., US", "control:     listed",
                 "chain:       AS16509 -> Amazon Web Services, Inc. (US) -> Amazon.com, Inc. (US)",
                 "anycast:     no", "[test.mmdb"):
        check(word in out, "text output has %r" % word)

    # ---- --registry: extend and override
    extra = write(os.path.join(tmp, "extra.yaml"),
                  "sovcheck-registry: 1\n"
                  "entities:\n"
                  "  - id: example-edge\n"
                  "    name: Example Edge SAS\n"
                  "    country: FR\n"
                  "    parent: example-holding\n"
                  "    asns: [398000]\n"
                  "    suffixes: {cname: [cdn.sovcheck.test]}\n"
                  "    sources: [{url: https://example.org/edge, fact: test, covers: [name, country, parent, asns, suffixes], reviewed: 2026-11-01}]\n"
                  "  - id: example-holding\n"
                  "    name: Example Holding Ltd\n"
                  "    country: GB\n"
                  "    sources: [{url: https://example.org/holding, fact: test, covers: [name, country], reviewed: 2026-11-01}]\n"
                  "  - id: hetzner\n"
                  "    name: Hetzner Test Override GmbH\n"
                  "    country: AT\n"
                  "    asns: [24940]\n"
                  "    sources: [{url: https://example.org/h, fact: test, covers: [name, country, asns], reviewed: 2026-11-01}]\n")
    rc, out, err = run("--json", "--geodb", db, "--registry", extra, "203.0.113.200", "198.51.100.1")
    e, h = objs(out)
    check(rc == 0, "extended registry attributes the address (got %d: %s)" % (rc, err))
    check(e["operator"] == "Example Edge SAS" and e["controller"] == "Example Holding Ltd" and
          e["controller_country"] == "GB", "new entity with a parent")
    check("controller_control" in e and e["controller_control"] is None,
          "a controller whose holders the registry does not give: control null")
    check(e.get("controller_holders", "absent") is None and
          e.get("controller_held_recorded") is False,
          "no holders named: holders null, held_recorded false: %r" % e)
    rc, out, err = run("--geodb", db, "--registry", extra, "203.0.113.200")
    check("control:     not recorded (who holds Example Holding Ltd is not in the registry)" in out,
          "text: an unrecorded control is said, not left out: %r" % out)
    check(h["operator"] == "Hetzner Test Override GmbH" and h["controller_country"] == "AT",
          "--registry replaces an entity with the same id")

    # ---- how the controller is held: "private" alone names nobody; its
    # holders, when named, are given with what the registry says of them
    for held, recorded in (("    control: private\n", False),
                           ("    control: private\n    holders: [{name: Globex Capital, country: US,"
                            " voting: 60, as_of: 2025-06-30}, {name: The Founders, country: FR}]\n",
                            True)):
        reg = open(extra).read().replace(
            "    name: Example Holding Ltd\n    country: GB\n",
            "    name: Example Holding Ltd\n    country: GB\n" + held).replace(
            "fact: test, covers: [name, country], reviewed",
            "fact: test, covers: [name, country, control, holders], reviewed")
        held_file = write(os.path.join(tmp, "held.yaml"), reg)
        rc, out, err = run("--json", "--geodb", db, "--registry", held_file, "203.0.113.200")
        check(rc == 0, "a held controller attributes (got %d: %s)" % (rc, err))
        e = json.loads(out) if rc == 0 else {}
        e = e[0] if isinstance(e, list) else e
        check(e.get("controller_control") == "private" and
              e.get("controller_held_recorded") is recorded,
              "held_recorded is %r for %r: %r" % (recorded, held, e))
        rc, txt, err = run("--geodb", db, "--registry", held_file, "203.0.113.200")
        if not recorded:
            check(e.get("controller_holders") is None, "no holders: null")
            check("control:     private, holders not named (who holds Example Holding Ltd is not "
                  "in the registry)" in txt, "text says private names nobody: %r" % txt)
        else:
            check(e.get("controller_holders") == [
                {"name": "Globex Capital", "entity": None, "country": "US", "capital": None,
                 "voting": 60.0,
                 "controlling": False, "as_of": "2025-06-30", "from": None, "until": None},
                {"name": "The Founders", "entity": None, "country": "FR", "capital": None,
                 "voting": None, "controlling": False, "as_of": None, "from": None,
                 "until": None}],
                  "holders in JSON as the registry gives them: %r" % e.get("controller_holders"))
            check("control:     private; holders: Globex Capital (US, 60 % of the votes, as of "
                  "2025-06-30); The Founders (FR)" in txt, "text gives the holders: %r" % txt)

    # ---- §19.6.c's judgement of the controller against the EU27 (the default
    # pack's set): seated outside; seated in Luxembourg and held from the US;
    # seated there with its holding not settled; held from France
    base_reg = open(extra).read().replace(
        "fact: test, covers: [name, country], reviewed",
        "fact: test, covers: [name, country, control, holders], reviewed")
    for country, held, want, words in (
            ("GB", "", False, "eu27:        controlled from outside the EU27 (its seat)"),
            ("LU", "    control: private\n    holders: [{name: Globex Capital, country: US, "
             "voting: 60}]\n", False,
             "eu27:        controlled from outside the EU27, by Globex Capital (US)"),
            ("LU", "    control: private\n", None,
             "eu27:        not judged (how Example Holding Ltd is held is not settled)"),
            ("LU", "    holders: [{name: The Founders, country: FR, capital: 100}]\n", True,
             "eu27:        controlled from inside the EU27")):
        reg = base_reg.replace("    name: Example Holding Ltd\n    country: GB\n",
                               "    name: Example Holding Ltd\n    country: %s\n%s" % (country,
                                                                                        held))
        judged = write(os.path.join(tmp, "judged.yaml"), reg)
        rc, out, err = run("--json", "--geodb", db, "--registry", judged, "203.0.113.200")
        e = json.loads(out) if rc == 0 else {}
        e = e[0] if isinstance(e, list) else e
        check(rc == 0 and e.get("controller_in_eu27", "absent") is want,
              "controller_in_eu27 is %r for %s %r: %r" % (want, country, held, e))
        rc, txt, err = run("--geodb", db, "--registry", judged, "203.0.113.200")
        check(words in txt, "text: %r for %s %r: %r" % (words, country, held, txt))

    # ---- registry lint counts the tops of the parent chains and says which
    # have no recorded control: one bare top and one listed top (with a
    # child under it) added to the shipped registry
    tops = write(os.path.join(tmp, "tops.yaml"),
                 "sovcheck-registry: 1\nentities:\n"
                 "  - id: example-bare-top\n    name: Example Bare Top SA\n    country: FR\n"
                 "    sources: [{url: https://example.org/a, fact: t, covers: [name, country], reviewed: 2026-11-01}]\n"
                 "  - id: example-listed-top\n    name: Example Listed Top SA\n    country: FR\n"
                 "    control: listed\n"
                 "    sources: [{url: https://example.org/b, fact: t, covers: [name, country, control], reviewed: 2026-11-01}]\n"
                 "  - id: example-child\n    name: Example Child SAS\n    country: FR\n"
                 "    parent: example-listed-top\n"
                 "    sources: [{url: https://example.org/c, fact: t, covers: [name, country, parent], reviewed: 2026-11-01}]\n"
                 "  - id: example-bare-us\n    name: Example Bare US Inc.\n    country: US\n"
                 "    sources: [{url: https://example.org/d, fact: t, covers: [name, country], reviewed: 2026-11-01}]\n")

    def lint_tops(*extra):
        p = subprocess.run([SOVCHECK, "registry", "lint", "-v", *extra], capture_output=True,
                           text=True, timeout=120)
        m = re.search(r"ultimate controllers \(the tops of all parent chains\): (\d+); how they "
                      r"are held recorded: (\d+); holders not recorded: (\d+)", p.stdout)
        return p.returncode, (tuple(int(x) for x in m.groups()) if m else None), p.stdout

    rc0, base_tops, _base_out = lint_tops()
    rc1, more_tops, out1 = lint_tops("--registry", tops)
    check(rc0 == 0 and rc1 == 0 and base_tops and more_tops, "registry lint prints the tops line")
    if base_tops and more_tops:
        check((more_tops[0] - base_tops[0], more_tops[1] - base_tops[1],
               more_tops[2] - base_tops[2]) == (3, 1, 2),
              "three new tops, one with its control, two without: %r -> %r" % (base_tops, more_tops))
    # what is missing matters for §19.6.c only where the seat is in the EU27:
    # the bare French top leaves the judgement open, the bare US one is
    # outside whatever its holders
    def open_counts(out):
        m = re.search(r"of these tops, controlled from outside the EU27 whatever is missing "
                      r"\(their seat, or a holder recorded outside\): (\d+); §19\.6\.c against "
                      r"the EU27 left open: (\d+)", out)
        return tuple(int(x) for x in m.groups()) if m else None
    o0, o1 = open_counts(_base_out), open_counts(out1)
    check(o0 is not None and o1 is not None and (o1[0] - o0[0], o1[1] - o0[1]) == (1, 1),
          "the tops not recorded split by §19.6.c: one more outside, one more open: %r -> %r"
          % (o0, o1))
    check("  holders not recorded: example-bare-top (Example Bare Top SA) [EU27 open]" in out1 and
          "  holders not recorded: example-bare-us (Example Bare US Inc.) [outside the EU27: US]"
          in out1, "-v marks each bare top open or outside: %r" % out1[-2000:])
    check("  holders not recorded: example-bare-top (Example Bare Top SA)" in out1 and
          "holders not recorded: example-listed-top" not in out1 and
          "holders not recorded: example-child" not in out1,
          "-v lists the bare top only, never a child or a top with its control")

    # ---- bad registry files: exit 3, file:line:col
    cyc = write(os.path.join(tmp, "cycle.yaml"),
                "sovcheck-registry: 1\n"
                "entities:\n"
                "  - id: loop-a\n"
                "    name: Loop A\n"
                "    country: FR\n"
                "    parent: loop-b\n"
                "    sources: [{url: https://example.org/a, fact: t, covers: [name, country, parent], reviewed: 2026-11-01}]\n"
                "  - id: loop-b\n"
                "    name: Loop B\n"
                "    country: FR\n"
                "    parent: loop-a\n"
                "    sources: [{url: https://example.org/b, fact: t, covers: [name, country, parent], reviewed: 2026-11-01}]\n")
    rc, out, err = run("--geodb", db, "--registry", cyc, "192.0.2.7")
    check(rc == 3, "parent cycle exits 3 (got %d)" % rc)
    check(cyc + ":6:13: error: [cycle]" in err, "cycle reported at file:line:col: %r" % err)
    unk = write(os.path.join(tmp, "unknown.yaml"),
                "sovcheck-registry: 1\nentities:\n  - id: x\n    name: X\n    country: FR\n"
                "    asn: [1]\n"
                "    sources: [{url: https://example.org/x, fact: t, covers: [name, country], reviewed: 2026-11-01}]\n")
    rc, out, err = run("--geodb", db, "--registry", unk, "192.0.2.7")
    check(rc == 3 and unk + ":6:5: error: [unknown-key]" in err and "did you mean 'asns'" in err,
          "unknown key: exit 3 with did-you-mean at file:line:col: %r" % err)
    dup = write(os.path.join(tmp, "dupasn.yaml"),
                "sovcheck-registry: 1\nentities:\n  - id: squatter\n    name: Squatter\n    country: FR\n"
                "    asns: [16509]\n"
                "    sources: [{url: https://example.org/x, fact: t, covers: [name, country, asns], reviewed: 2026-11-01}]\n")
    rc, out, err = run("--geodb", db, "--registry", dup, "192.0.2.7")
    check(rc == 3 and "[conflict] AS16509 is claimed by" in err,
          "an ASN claimed twice is reported, not resolved silently: %r" % err)
    rc, out, err = run("--geodb", db, "--registry", os.path.join(tmp, "missing.yaml"), "192.0.2.7")
    check(rc in (3, 4) and "missing.yaml" in err, "missing --registry file is an error")

    # ---- bad database, usage
    bad = write(os.path.join(tmp, "corrupt.mmdb"), "this is not a MaxMind DB\n" * 10)
    rc, out, err = run("--geodb", bad, "192.0.2.7")
    check(rc == 3 and "corrupt.mmdb" in err, "corrupt database exits 3 naming the file")
    rc, out, err = run("--geodb", db)
    check(rc == 64, "no item is a usage error")
    rc, out, err = run("--help")
    check(rc == 0 and "--resolver" in out, "--help prints the usage and exits 0")
    rc, out, err = run("--frobnicate", "192.0.2.7")
    check(rc == 64, "unknown option is a usage error")
    rc, out, err = run("--resolver", "not an address", "--geodb", db, "host.sovcheck.test")
    check(rc == 64 and "--resolver" in err, "bad --resolver is a usage error")

    # ---- host names through a real authoritative server
    zone = write(os.path.join(tmp, "sovcheck.test.zone"),
                 "$ORIGIN sovcheck.test.\n$TTL 300\n"
                 "@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n"
                 "@ IN NS ns1\n"
                 "ns1 IN A 127.0.0.1\n"
                 "www IN A 192.0.2.10\n"
                 "www IN A 198.51.100.20\n"
                 "www IN AAAA 2001:db8::10\n"
                 "app IN CNAME edge.cdn\n"
                 "edge.cdn IN A 203.0.113.201\n"
                 "dark IN A 10.9.9.9\n")
    conf = write(os.path.join(tmp, "nsd.conf"),
                 "server:\n"
                 "  ip-address: 127.0.0.1@%d\n"
                 "  port: %d\n"
                 "  username: \"\"\n"
                 "  chroot: \"\"\n"
                 "  zonesdir: \"%s\"\n"
                 "  pidfile: \"%s/nsd.pid\"\n"
                 "  database: \"\"\n"
                 "  zonelistfile: \"%s/zone.list\"\n"
                 "  xfrdfile: \"%s/xfrd.state\"\n"
                 "  logfile: \"%s/nsd.log\"\n"
                 "  server-count: 1\n"
                 "  verbosity: 1\n"
                 "remote-control:\n"
                 "  control-enable: no\n"
                 "zone:\n"
                 "  name: sovcheck.test\n"
                 "  zonefile: \"%s\"\n" % (PORT, PORT, tmp, tmp, tmp, tmp, tmp, zone))
    nsd = subprocess.Popen(["nsd", "-d", "-c", conf], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, start_new_session=True)
    ready = False
    for _ in range(100):
        q = subprocess.run(["drill", "-p", str(PORT), "www.sovcheck.test", "@127.0.0.1"],
                           capture_output=True, text=True)
        if q.returncode == 0 and "192.0.2.10" in q.stdout:
            ready = True
            break
        if nsd.poll() is not None:
            break
        time.sleep(0.1)
    if not ready:
        log = open(os.path.join(tmp, "nsd.log")).read() if os.path.exists(os.path.join(tmp, "nsd.log")) else ""
        sys.exit("NSD did not start on 127.0.0.1:%d: %s %s" % (PORT, log,
                 nsd.stderr.read().decode() if nsd.poll() is not None else ""))
    res = "127.0.0.1:%d" % PORT

    rc, out, err = run("--json", "--no-tls", "--geodb", db, "--resolver", res, "www.sovcheck.test")
    w = objs(out)[0]
    check(rc == 0, "host with attributed addresses exits 0 (got %d: %s)" % (rc, err))
    check(w["kind"] == "host" and w["subject"] == "www.sovcheck.test", "host object")
    addrs = sorted(a["subject"] for a in w["addresses"])
    check(addrs == ["192.0.2.10", "198.51.100.20", "2001:db8::10"],
          "every A and AAAA address is reported: %r" % addrs)
    by = {a["subject"]: a for a in w["addresses"]}
    check(by["192.0.2.10"]["controller"] == "Amazon.com, Inc." and
          by["198.51.100.20"]["controller"] == "Hetzner Online GmbH" and
          by["2001:db8::10"]["controller"] == "OVH Groupe SA", "each address attributed")
    check(all(a["via"] == "www.sovcheck.test" for a in w["addresses"]), "via names the host")
    check(w["location"] is None and w["operator"] is None,
          "a host spread over operators has no single summary")

    # CNAME to a suffix of the registry: ASN unknown, suffix attributes it
    rc, out, err = run("--json", "--no-tls", "--geodb", db, "--resolver", res, "--registry", extra,
                       "app.sovcheck.test")
    a = objs(out)[0]
    check(a["names"] == ["app.sovcheck.test", "edge.cdn.sovcheck.test"], "CNAME chain: %r" % a["names"])
    check(rc == 0 and a["operator"] == "Example Edge SAS", "host attributed")
    # Without the ASN in the registry the CNAME suffix decides.
    noasn = write(os.path.join(tmp, "noasn.yaml"),
                  "sovcheck-registry: 1\nentities:\n  - id: example-cdn\n    name: Example CDN Inc.\n"
                  "    country: US\n    suffixes: {cname: [cdn.sovcheck.test]}\n"
                  "    sources: [{url: https://example.org/c, fact: t, covers: [name, country, suffixes], reviewed: 2026-11-01}]\n")
    rc, out, err = run("--json", "--no-tls", "--geodb", db, "--resolver", res, "--registry", noasn,
                       "app.sovcheck.test")
    a = objs(out)[0]["addresses"][0]
    check(rc == 0 and a["matched_by"] == "cname-suffix" and a["operator"] == "Example CDN Inc."
          and a["controller_country"] == "US" and a["asn"] == 398000 and a["location"] == "NL",
          "ASN first, then the CNAME suffix: %r" % a)
    check(a["match"] == "cdn.sovcheck.test (of edge.cdn.sovcheck.test)", "the matching suffix is shown")

    # unknown names and unknown addresses: exit 2
    rc, out, err = run("--json", "--no-tls", "--geodb", db, "--resolver", res, "missing.sovcheck.test")
    m = objs(out)[0]
    check(rc == 2 and m["addresses"] == [] and "nxdomain" in (m["error"] or "").lower(),
          "NXDOMAIN -> unknown, exit 2: %r" % m)
    rc, out, err = run("--no-tls", "--geodb", db, "--resolver", res, "dark.sovcheck.test")
    check(rc == 2 and "10.9.9.9" in out and "location:    unknown" in out,
          "an address no database knows is unknown")
finally:
    if nsd is not None and nsd.poll() is None:
        os.killpg(nsd.pid, signal.SIGTERM)
        try:
            nsd.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(nsd.pid, signal.SIGKILL)
            nsd.wait()
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    print("%d check(s) failed" % len(failures), file=sys.stderr)
    sys.exit(1)
print("ok")
