#!/usr/bin/env python3
"""Scheduled runs, as operations run them (docs/monitoring.md): eleven
nightly `check --state DIR --alert new --keep 5` runs of one service,
resolved live through Unbound from NSD on loopback, the zone and the
manifest changed between runs:

  1  the first run: nothing to compare with, no alert
  2  the API answers with another address of the same provider (rotation):
     no change, no alert
  3  the API moves to a US operator already known elsewhere in the service
     (its website, which carries no data) while 19.6.c already fails for a
     declared US subcontractor: a change of that subject, affecting 19.6 —
     alert, a notice opens with its deadline and a customer notice draft in
     French and English
  4  nothing changes: no alert; the notice stays open (19.6.f fails)
  5  a US shareholder's stake rises from 9.9 % to 20 %: alert, a notice
  6  a new support desk in a non-EU country: alert (19.2), no notice
  7  the API moves back: the first notice is closed as reverted, no alert
  8  a waiver on 19.2.e expires: 19.2.e regresses, alert
  9  past the stake notice's deadline: overdue, alert, 19.6.f names it
 10  still overdue: no second alert
 11  after `notice ack`: the notice is closed, 19.6.f passes

and `sovcheck diff` between runs classifies the same changes; the state
directory keeps the last five complete runs; the systemd units verify.

Usage: monitor_check.py SOVCHECK SRCDIR
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from testlib import check, finish

SOVCHECK, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(SRC, "tests", "dns"))
sys.path.insert(0, os.path.join(SRC, "tests", "cases"))
import dnslab  # noqa: E402
import french_scan  # noqa: E402

ZONE = """$ORIGIN svc.example.
$TTL 60
@     IN SOA ns1 hostmaster 1 7200 3600 1209600 60
@     IN NS  ns1
ns1   IN A   127.0.0.1
api   IN A   %s
www   IN A   127.0.0.3
"""

MANIFEST = """sovcheck: 1
service: {name: Shop}
provider:
  name: Boutique SAS
  registered_office: FR
  central_administration: FR
  principal_establishment: FR
  shareholders:
    - {name: Fondateurs, country: FR, capital: %(eu)s, voting: %(eu)s}
    - {name: Growth Fund LP, country: US, capital: %(us)s, voting: %(us)s}
locations:
  data: [{site: Roubaix, country: FR, holds: [customer, technical, backup]}]
  administration: [FR]
  support:
%(support)s
endpoints:
  - {host: api.svc.example, role: api, data: customer, tls: false}
  - {host: www.svc.example, role: web, data: none, tls: false}
subcontractors:
  - {name: OVH Groupe SA, country: FR, service: servers, data_access: customer}
  - {name: Analytics Corp, country: US, service: analytics, data_access: customer}
mitigations:
  - {id: M1, description: "Customer data is encrypted with keys held by the customer",
     kind: customer-held-keys, applies_to: [api.svc.example]}
waivers:
  - {requirement: "19.2.e", subject: "support:US", reason: "US desk being closed",
     approved_by: "CISO", expires: 2026-11-10}
"""
SUPPORT_FR = "    - {country: FR, operations: [level-1]}"
SUPPORT_US = SUPPORT_FR + "\n    - {country: US, operations: [level-2], data_access: metadata}"

# run: (date, api address, US stake, support)
RUNS = [
    ("2026-11-01", "127.0.0.1", "9.9", SUPPORT_FR),
    ("2026-11-02", "127.0.0.4", "9.9", SUPPORT_FR),
    ("2026-11-03", "127.0.0.3", "9.9", SUPPORT_FR),
    ("2026-11-04", "127.0.0.3", "9.9", SUPPORT_FR),
    ("2026-11-05", "127.0.0.3", "20", SUPPORT_FR),
    ("2026-11-06", "127.0.0.3", "20", SUPPORT_US),
    ("2026-11-07", "127.0.0.1", "20", SUPPORT_US),
    ("2026-11-12", "127.0.0.1", "20", SUPPORT_US),
    ("2026-12-06", "127.0.0.1", "20", SUPPORT_US),
    ("2026-12-07", "127.0.0.1", "20", SUPPORT_US),
    ("2026-12-08", "127.0.0.1", "20", SUPPORT_US),
]


def run(*args, cwd=None):
    return subprocess.run([SOVCHECK] + list(args), capture_output=True, text=True, timeout=180,
                          cwd=cwd)


def ledger(state):
    with open(os.path.join(state, "notices.json")) as f:
        return json.load(f)["notices"]


def findings(state, rid):
    with open(os.path.join(state, "latest", "findings.json")) as f:
        reqs = {q["id"]: q for q in json.load(f)["requirements"]}
    return reqs[rid]


def systemd_units(tmp):
    d = os.path.join(tmp, "units")
    os.makedirs(d)
    for f in glob.glob(os.path.join(SRC, "examples", "systemd", "*")):
        with open(f) as src, open(os.path.join(d, os.path.basename(f)), "w") as dst:
            dst.write(src.read().replace("/usr/local/bin/sovcheck", SOVCHECK))
    p = subprocess.run(["systemd-analyze", "verify", "--man=no", "sovcheck@shop.service",
                        "sovcheck@shop.timer", "sovcheck-alert@shop.service"],
                       capture_output=True, text=True, cwd=d, timeout=60)
    check(p.returncode == 0 and (p.stdout + p.stderr).strip() == "",
          "systemd-analyze verify: the units are valid, without a warning (%d: %s)"
          % (p.returncode, (p.stdout + p.stderr)[:600]))
    with open(os.path.join(SRC, "examples", "systemd", "sovcheck@.service")) as f:
        unit = f.read()
    for key in ("DynamicUser=yes", "StateDirectory=sovcheck/%i", "ProtectSystem=strict",
                "CapabilityBoundingSet=\n", "NoNewPrivileges=yes", "OnFailure=",
                "--state /var/lib/sovcheck/%i", "--alert new"):
        check(key in unit, "sovcheck@.service: %s" % key.strip())
    p = subprocess.run(["systemd-analyze", "security", "--offline=yes", "sovcheck@shop.service"],
                       capture_output=True, text=True, cwd=d, timeout=60)
    m = re.search(r"Overall exposure level for \S+: ([0-9.]+)", p.stdout + p.stderr)
    check(m is not None and float(m.group(1)) <= 2.0,
          "systemd-analyze security: exposure 2.0 or less (got %s)" % (m.group(1) if m else "?"))
    with open(os.path.join(SRC, "examples", "cron", "sovcheck")) as f:
        cron = [l for l in f if l.strip() and not l.startswith(("#", "SHELL", "PATH"))]
    check(len(cron) == 1 and len(cron[0].split()) > 7 and "--state" in cron[0] and
          "--alert new" in cron[0], "the cron example is one cron.d line with --state and --alert")


def main():
    tmp = tempfile.mkdtemp(prefix="sc-monitor-")
    try:
        systemd_units(tmp)
        with open(os.path.join(tmp, "geo.csv"), "w") as f:
            f.write("127.0.0.1,127.0.0.1,FR\n127.0.0.3,127.0.0.3,US\n127.0.0.4,127.0.0.4,FR\n")
        with open(os.path.join(tmp, "asn.csv"), "w") as f:
            f.write('127.0.0.1,127.0.0.1,16276,OVH SAS\n'
                    '127.0.0.3,127.0.0.3,16509,"Amazon.com, Inc."\n'
                    '127.0.0.4,127.0.0.4,16276,OVH SAS\n')
        geodb = os.path.join(tmp, "t.mmdb")
        subprocess.run([SOVCHECK, "geodb", "build", "--csv", os.path.join(tmp, "geo.csv"),
                        "--csv", os.path.join(tmp, "asn.csv"), "-o", geodb], check=True,
                       stdout=subprocess.DEVNULL)
        state = os.path.join(tmp, "state")
        manifest = os.path.join(tmp, "shop.yaml")
        codes, outs = [], []
        keep_tmp = os.environ.get("SC_KEEP_TMP")
        for k, (date, api, us, support) in enumerate(RUNS, 1):
            eu = "%g" % (100 - float(us))
            with open(manifest, "w") as f:
                f.write(MANIFEST % {"eu": eu, "us": us, "support": support})
            lab = dnslab.Lab(prefix="sc-mon-dns-")
            try:
                nport = dnslab.free_port(25000, 25099)
                uport = dnslab.free_port(25100, 25199, used=(nport,))
                nsd = lab.nsd("nsd", {"svc.example": ZONE % api}, ["127.0.0.1@%d" % nport])
                lab.wait_ready(nsd, "127.0.0.1", nport, "api.svc.example")
                unb = lab.unbound("unbound", ["127.0.0.1@%d" % uport],
                                  {"svc.example": ["127.0.0.1@%d" % nport]})
                lab.wait_ready(unb, "127.0.0.1", uport, "api.svc.example")
                if k == 11:
                    p = run("notice", "ack", n2, "--by", "J. Martin (DPO)", "--state", state,
                            "--date", "2026-12-07")
                    check(p.returncode == 0 and "acknowledged" in p.stdout,
                          "notice ack: the stake notice is acknowledged (%d %s)"
                          % (p.returncode, p.stderr.strip()))
                    p = run("notice", "ack", n2, "--by", "again", "--state", state)
                    check(p.returncode == 64 and "already acknowledged" in p.stderr,
                          "notice ack of a closed notice: usage error (%d %s)"
                          % (p.returncode, p.stderr.strip()))
                p = run("check", manifest, "--resolver", "127.0.0.1:%d" % uport, "--geodb", geodb,
                        "--date", date, "--timeout", "20", "--state", state, "--keep", "5",
                        "--alert", "new")
            finally:
                lab.stop()
            codes.append(p.returncode)
            outs.append(p.stdout + p.stderr)
            if p.returncode not in (0, 1):
                print(p.stdout, p.stderr)
            if k == 3:
                n = ledger(state)
                check(len(n) == 1 and n[0]["status"] == "open" and
                      n[0]["first_seen"] == "2026-11-03" and n[0]["deadline"] == "2026-12-03" and
                      n[0]["subject"] == "api.svc.example" and n[0]["criterion"] == "19.6.c" and
                      [c["aspect"] for c in n[0]["changes"]] == ["controller"] and
                      "Amazon.com, Inc. (US)" in n[0]["text"]["en"],
                      "run 3: the move to the known US operator opens one notice, due 2026-12-03 "
                      "(%s)" % json.dumps(n)[:500])
                n1 = n[0]["id"] if n else "?"
                drafts = sorted(os.path.basename(x) for x in
                                glob.glob(os.path.join(state, "latest", "notice-*.md")))
                check(drafts == ["notice-%s.en.md" % n1, "notice-%s.fr.md" % n1],
                      "run 3: a customer notice draft in each language (%s)" % drafts)
                with open(os.path.join(state, "latest", "notice-%s.fr.md" % n1)) as f:
                    fr = f.read()
                with open(os.path.join(state, "latest", "notice-%s.en.md" % n1)) as f:
                    en = f.read()
                check("3 décembre 2026" in fr and "Madame, Monsieur" in fr and
                      "Amazon.com, Inc." in fr and "19.6.c" in fr and
                      "clés détenues par le client" in fr,
                      "the French draft: deadline, change, criterion, the declared measure")
                check("2026-12-03" in en and "Dear customer" in en and
                      "new ultimate controller, Amazon.com, Inc. (US)" in en and
                      "Customer data is encrypted with keys held by the customer" in en,
                      "the English draft states the change and the measure")
                _, hits = french_scan.scan(os.path.join(state, "latest"), [manifest],
                                        os.path.join(SRC, "policies", "laws.yaml"))
                check(not hits, "the French documents and draft hold no English: %s" % (hits[:5],))
                f = findings(state, "19.6.f")
                check(f["verdict"] == "fail" and any(
                      n1 in x["reason"] and "at the latest by 2026-12-03" in x["reason"]
                      for x in f["findings"]), "run 3: 19.6.f fails with the open notice")
            if k == 5:
                n = ledger(state)
                stake = [x for x in n if x["kind"] == "shareholder"]
                ch = stake[0]["changes"] if len(stake) == 1 else []
                check(len(n) == 2 and len(stake) == 1 and stake[0]["criterion"] == "19.6.b" and
                      {c["aspect"] for c in ch} == {"capital", "voting"} and
                      all(c["old"]["value"] == "9.9" and c["new"]["value"] == "20" for c in ch),
                      "run 5: the stake rise (capital and voting) opens one 19.6.b notice (%s)"
                      % json.dumps(stake)[:400])
                n2 = stake[0]["id"] if stake else "?"
            if k == 6:
                check(len(ledger(state)) == 2, "run 6: a support desk outside the EU opens no "
                      "19.6.f notice (it is 19.2)")
                check("new alerts" in p.stdout and
                      "+ support in United States of America appears: data access: metadata" in p.stdout and
                      "! 19.2.e: pass -> waived" in p.stdout,
                      "run 6: the new support desk and its effect are said (%s)" % p.stdout[:600])
            if k == 7:
                first = [x for x in ledger(state) if x["id"] == n1]
                check(first and first[0]["status"] == "reverted" and
                      first[0]["closed_on"] == "2026-11-07",
                      "run 7: the reverted move closes its notice")
                f = findings(state, "19.6.f")
                check(any(x["verdict"] == "pass" and "reverted on 2026-11-07" in x["reason"]
                          for x in f["findings"]), "run 7: 19.6.f shows the reverted notice")
            if k == 9:
                f = findings(state, "19.6.f")
                check(f["verdict"] == "fail" and any(
                      n2 in x["reason"] and "has passed" in x["reason"] and
                      "Growth Fund LP" in x["reason"] for x in f["findings"]),
                      "run 9: the overdue notice fails 19.6.f, naming the change")
                p2 = run("notice", "list", "--state", state, "--date", "2026-12-06")
                check(p2.returncode == 1 and "OVERDUE" in p2.stdout and n2 in p2.stdout,
                      "notice list: the overdue notice, exit 1 (%d %s)"
                      % (p2.returncode, p2.stdout[:300]))
            if k == 11:
                f = findings(state, "19.6.f")
                check(f["verdict"] == "pass" and any(
                      "acknowledged by J. Martin (DPO) on 2026-12-07" in x["reason"]
                      for x in f["findings"]), "run 11: acknowledged, 19.6.f passes (%s)"
                      % json.dumps(f)[:400])
        expect = [0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0]
        check(codes == expect, "--alert new fires once per event: %s, expected %s"
              % (codes, expect))
        for k, o in enumerate(outs, 1):
            if codes[k - 1] != expect[k - 1]:
                print("run %d output:\n%s" % (k, o[:1500]))
        runs = sorted(r for r in os.listdir(os.path.join(state, "runs")) if r[0] != ".")
        locks = [r for r in os.listdir(os.path.join(state, "runs")) if r[0] == "."]
        check(len(locks) <= 5, "the writer's lock files of removed runs are removed too (%s)"
              % locks)
        check(len(runs) == 5 and runs[-1].endswith("-2026-12-08") and
              os.path.realpath(os.path.join(state, "latest")) ==
              os.path.realpath(os.path.join(state, "runs", runs[-1])),
              "--keep 5: the last five runs are kept, latest is the newest (%s)" % runs)
        for r in runs:
            p = run("verify", os.path.join(state, "runs", r))
            check(p.returncode == 0, "run %s is a complete filing (verify: %d %s)"
                  % (r, p.returncode, p.stderr.strip()[:200]))

        # diff between kept runs classifies the same changes
        rd = lambda r: os.path.join(state, "runs", r, "evidence.json")
        p = run("diff", rd(runs[0]), rd(runs[1]), "--format", "json")
        d = json.loads(p.stdout) if p.stdout.startswith("{") else {}
        check(p.returncode == 1 and any(c["class"] == "19.2" and c["criterion"] == "19.2.e"
                                        for c in d.get("changes", [])) is False and
              any(r["id"] == "19.2.e" and r["regression"] for r in d.get("requirements", [])),
              "diff run 7 → run 8: the expired waiver is a 19.2.e regression (exit 1)")
        p = run("diff", rd(runs[1]), rd(runs[2]))
        check(p.returncode == 0 and "0 changes affect 19.6, 0 affect 19.2" in p.stdout,
              "diff of runs with only dates apart: nothing that affects 19.6 or 19.2 (%d %s)"
              % (p.returncode, p.stdout[-300:]))

        # the ledger is input: a broken one stops the run, exit 3, untouched
        with open(os.path.join(state, "notices.json")) as f:
            good = f.read()
        with open(os.path.join(state, "notices.json"), "w") as f:
            f.write(good.replace('"status": "acknowledged"', '"status": "maybe"', 1))
        p = run("notice", "list", "--state", state)
        check(p.returncode == 3 and "notices.json" in p.stderr and "status" in p.stderr,
              "a tampered ledger is refused with its path (%d %s)" % (p.returncode, p.stderr))
        doc = json.loads(good)
        n0 = doc["notices"][0]
        hostile = {
            "not JSON": "{\"schema_version\": 1, \"notices\": [",
            "a list": "[]",
            "another version": json.dumps({"schema_version": 2, "notices": []}),
            "a field missing": json.dumps({"schema_version": 1, "notices": [
                {k: v for k, v in n0.items() if k != "deadline"}]}),
            "a number for a date": json.dumps({"schema_version": 1, "notices": [
                dict(n0, first_seen=20261103)]}),
            "a date that is not one": json.dumps({"schema_version": 1, "notices": [
                dict(n0, deadline="2026-02-30")]}),
            "an unknown key": json.dumps({"schema_version": 1, "notices": [dict(n0, extra=1)]}),
            "two notices with one id": json.dumps({"schema_version": 1,
                                                   "notices": [n0, n0]}),
            "open with a closing date": json.dumps({"schema_version": 1, "notices": [
                dict(n0, status="open", closed_on="2026-12-01", acknowledged_by="")]}),
            "duplicate keys": good.replace('"schema_version": 1,',
                                           '"schema_version": 1, "schema_version": 1,', 1),
        }
        for what, text in hostile.items():
            with open(os.path.join(state, "notices.json"), "w") as f:
                f.write(text)
            p = run("notice", "list", "--state", state)
            check(p.returncode == 3 and "notices.json" in p.stderr and
                  "Traceback" not in p.stderr and "AddressSanitizer" not in p.stderr,
                  "a ledger with %s is refused, exit 3 (%d %s)"
                  % (what, p.returncode, p.stderr.strip()[:200]))
            with open(os.path.join(state, "notices.json")) as f:
                check(f.read() == text, "a refused ledger (%s) is left as it was" % what)
        p = run("check", manifest, "--offline", "--state", state, "--alert", "new", "-q")
        check(p.returncode == 3, "check --state with a tampered ledger: exit 3 (%d)" % p.returncode)
        check(len([r for r in os.listdir(os.path.join(state, "runs")) if r[0] != "."]) == 5,
              "a refused run keeps no run")
        p = run("check", manifest, "--offline", "--alert", "new")
        check(p.returncode == 64, "--alert without --state: usage error")
        p = run("check", manifest, "--offline", "--state", state, "--baseline", rd(runs[0]))
        check(p.returncode == 64, "--state with --baseline: usage error")
    finally:
        if os.environ.get("SC_KEEP_TMP"):
            print("kept", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
