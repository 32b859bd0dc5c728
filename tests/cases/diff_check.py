#!/usr/bin/env python3
"""Change detection between runs: `sovcheck diff OLD NEW` on two evidence
bundles, and `check --baseline` for §19.6.f. A run whose website moved
behind a US CDN (found through a new CNAME) must exit 1 with the new
non-EU dependency named; an unchanged run exits 0; --baseline makes 19.6.f
fail with the one-month notice deadline, or pass when nothing new appeared.

Usage: diff_check.py SOVCHECK SRCDIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from testlib import check, finish

SOV, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def run(*args, cwd=None):
    return subprocess.run([SOV] + list(args), capture_output=True, text=True, timeout=120,
                          cwd=cwd)

MANIFEST = """sovcheck: 1
service: {name: Shop}
provider: {name: Boutique SAS, registered_office: FR, central_administration: FR,
           principal_establishment: FR}
endpoints:
  - {host: www.shop.example, role: web, data: customer, tls: false}
  - {host: api.shop.example, role: api, data: customer, tls: false}
subcontractors:
  - {name: OVH Groupe SA, country: FR, service: servers, data_access: customer}
sources: {zones: [%s, cdn.cloudflare.net.zone]}
"""

with tempfile.TemporaryDirectory() as t:
    case = os.path.join(SRC, "tests", "cases", "0010-undeclared-cdn-and-contradiction")
    for f in ("shop.example.zone", "cdn.cloudflare.net.zone", "geo.csv", "asn.csv"):
        shutil.copy(os.path.join(case, f), t)
    with open(os.path.join(t, "shop.example.zone")) as f:
        zone = f.read()
    with open(os.path.join(t, "old.zone"), "w") as f:
        f.write(zone.replace("www   IN CNAME shop.cdn.cloudflare.net.", "www   IN A 192.0.2.11"))
    with open(os.path.join(t, "old.yaml"), "w") as f:
        f.write(MANIFEST % "old.zone")
    with open(os.path.join(t, "new.yaml"), "w") as f:
        f.write(MANIFEST % "shop.example.zone")
    run("geodb", "build", "--csv", "geo.csv", "--csv", "asn.csv", "-o", "t.mmdb", cwd=t)
    base = ["--offline", "--geodb", "t.mmdb", "-q"]
    run("check", "old.yaml", "--date", "2026-11-01", "-o", "old", *base, cwd=t)
    run("check", "new.yaml", "--date", "2026-11-22", "-o", "new", *base, cwd=t)

    p = run("diff", "old/evidence.json", "new/evidence.json", cwd=t)
    part = p.stdout.split("informational:")[0]
    check(p.returncode == 1 and "affects 19.6" in part and
          "+ endpoint www.shop.example: new ultimate controller, Cloudflare, Inc. (US) [19.6.c]"
          in part, "diff: the website moving behind a US CDN is a change of that subject "
          "affecting 19.6, exit 1 (%d: %s)" % (p.returncode, (p.stdout + p.stderr)[:600]))
    check("- endpoint www.shop.example: operator OVH Groupe SA (FR) gone" in p.stdout.split(
          "informational:")[-1] and "affects 19.2" in p.stdout and
          "+ endpoint www.shop.example: anycast addresses (no single location) [19.2.b]" in
          p.stdout.split("informational:")[0],
          "diff: behind the CDN's anycast addresses customer data has no single location "
          "(19.2); the EU operator gone is informational")
    check("! 15.1.a: pass -> fail" in p.stdout, "diff: regressions are listed")
    check("+ R-US-cloudflare-control (high)" in p.stdout, "diff: new risks of the register")
    p = run("diff", "old/evidence.json", "new/evidence.json", "--format", "json", cwd=t)
    d = json.loads(p.stdout) if p.returncode == 1 else {}
    c = [x for x in d.get("changes", []) if x["class"] == "19.6"]
    check(d.get("alert") is True and d.get("counts", {}).get("19.6") == 1 and len(c) == 1 and
          c[0]["subject"] == "www.shop.example" and c[0]["aspect"] == "controller" and
          c[0]["new"]["label"] == "Cloudflare, Inc." and c[0]["new"]["country"] == "US" and
          c[0]["criterion"] == "19.6.c" and "Cloudflare" in c[0]["text"]["fr"] and
          d["old_date"] == "2026-11-01" and d["new_date"] == "2026-11-22",
          "diff --format json carries the same facts (%s)" % json.dumps(c)[:300])
    p = run("diff", "old/evidence.json", "old/evidence.json", cwd=t)
    check(p.returncode == 0 and "no change" in p.stdout, "diff of a run with itself: exit 0")
    p = run("diff", "new/evidence.json", "old/evidence.json", cwd=t)
    check(p.returncode == 0 and "no longer controlled by Cloudflare, Inc. (US)" in p.stdout and
          "0 changes affect 19.6" in p.stdout,
          "diff: a removed non-EU operator is reported but is no alarm (exit 0)")

    p = run("check", "new.yaml", "--date", "2026-11-22", "--baseline", "old/evidence.json",
            "-o", "nb", *base, cwd=t)
    with open(os.path.join(t, "nb", "findings.json")) as f:
        r = {q["id"]: q for q in json.load(f)["requirements"]}
    fs = r["19.6.f"]["findings"]
    check(r["19.6.f"]["verdict"] == "fail" and len(fs) == 1 and fs[0]["subject"] == "www.shop.example"
          and "new ultimate controller, Cloudflare, Inc. (US)" in fs[0]["reason"]
          and "first observed on 2026-11-22" in fs[0]["reason"]
          and "at the latest by 2026-12-22" in fs[0]["reason"],
          "check --baseline: 19.6.f fails for the new dependency with the notice deadline")
    # At the calendar's end the deadline cannot be a month later: it is said
    # so, never wrapped to year 0000.
    p = run("check", "new.yaml", "--date", "9999-12-31", "--baseline", "old/evidence.json",
            "-o", "end", *base, cwd=t)
    with open(os.path.join(t, "end", "findings.json")) as f:
        text = f.read()
    r = {q["id"]: q for q in json.loads(text)["requirements"]}
    check("0000-" not in text and r["19.6.f"]["verdict"] == "fail" and
          "9999-12-31" in r["19.6.f"]["findings"][0]["reason"],
          "check --date 9999-12-31: the notice deadline does not wrap to year 0000")
    p = run("check", "old.yaml", "--date", "2026-11-22", "--baseline", "old/evidence.json",
            "-o", "ob", *base, cwd=t)
    with open(os.path.join(t, "ob", "findings.json")) as f:
        r = {q["id"]: q for q in json.load(f)["requirements"]}
    check(r["19.6.f"]["verdict"] == "pass", "check --baseline without change: 19.6.f passes")
    nd = sorted(os.listdir(os.path.join(t, "nb")))
    check([x for x in nd if x.startswith("notice-")] and
          all(x.endswith((".en.md", ".fr.md")) for x in nd if x.startswith("notice-")),
          "check --baseline: a customer notice draft for the change (%s)" % nd)
    with open(os.path.join(t, "bad.json"), "w") as f:
        f.write("{}")
    p = run("check", "new.yaml", "--baseline", "bad.json", *base, cwd=t)
    check(p.returncode == 3, "check --baseline with an invalid bundle: exit 3")
    p = run("diff", "old/evidence.json", cwd=t)
    check(p.returncode == 64, "diff with one bundle: usage error")

finish()
