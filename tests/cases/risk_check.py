#!/usr/bin/env python3
"""Assess and render (§5.3.d): the demo's residual-risk register and the
French and English documents written from it.

Checks that every non-EU nexus becomes an entry — observed operators,
declared third parties, shareholders under the caps, support staff, anycast
transit — with the laws of its country that reach it through that nexus;
that a mitigation lowers what its kind lowers on the risk's access path;
that a country with no catalogued law is flagged for manual assessment;
that ids are made from the nexus and survive a second run and a removed
decision; that 5.3.d asks for a decision on every risk and 5.3.g for one
by the sign-off; and that both documents carry the register, its digest,
the decisions, the management acceptance and the laws' sources.

Usage: risk_check.py SOVCHECK SRCDIR
"""
import json
import os
import subprocess
import sys
import tempfile

from testlib import check, finish

SOV, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def run(*args):
    return subprocess.run([SOV] + list(args), capture_output=True, text=True, timeout=120)

with tempfile.TemporaryDirectory() as t:
    case = os.path.join(SRC, "tests", "cases", "0001-demo-offline")
    db = os.path.join(t, "demo.mmdb")
    run("geodb", "build", "--csv", os.path.join(case, "geo.csv"), "--csv",
        os.path.join(case, "asn.csv"), "-o", db)
    out = os.path.join(t, "out")
    manifest = os.path.join(SRC, "examples", "acme-storage", "service.yaml")
    p = run("check", manifest, "--offline", "--date", "2026-11-22", "--geodb", db, "-o", out, "-q")
    with open(os.path.join(out, "findings.json")) as f:
        doc = json.load(f)
    risks = {r["id"]: r for r in doc["risks"]}
    us = ["us-cloud-act", "us-fisa-702", "us-nsl"]
    z = risks.get("R-US-zendesk-inc-control", {})
    check(z.get("country") == "US" and z.get("nexus") == "control" and
          z.get("laws") == us and "customer" in z.get("data", []),
          "Zendesk (US, customer data): US laws that reach a controlled provider, not EO 12333")
    check(z.get("likelihood") == 3 and z.get("severity") == 3 and z.get("residual") == "high" and
          z.get("mitigations") == [{"id": "no-customer-data-in-tickets",
                                    "kind": "data-minimisation", "acts": True}] and
          "-1 (no-customer-data-in-tickets, data-minimisation)" in z.get("severity_basis", ""),
          "a data-minimisation lowers severity 4 -> 3: 3 x 3 = 9, high")
    a = risks.get("R-US-aws-control", {})
    check(a.get("data") == ["metadata"] and a.get("residual") == "medium" and
          "15.236.20.7" in a.get("established_by", "") and a.get("observed") is True,
          "AWS (status page, metadata): medium, established by the path that showed it")
    ma = risks.get("R-MA-support-staff", {})
    check(ma.get("nexus") == "staff" and ma.get("laws") == [] and ma.get("likelihood") == 1 and
          "to assess by hand" in ma.get("likelihood_basis", "") and
          "-1 (support-jump-host, supervised-access)" in ma.get("likelihood_basis", ""),
          "support staff in Morocco: no catalogued law (manual assessment), supervised access -1")
    check(not any("ovh" in i or "scaleway" in i for i in risks),
          "EU-controlled operators are no extra-European risk")
    c = risks.get("R-US-cloudflare-inc-control", {})
    check("customer" in c.get("data", []) and c.get("likelihood") == 3 and
          c.get("severity") == 4 and c.get("residual") == "high" and c.get("mitigations") == []
          and c.get("relationship") == "cdn" and c.get("access_paths") == ["transit"],
          "Cloudflare (customer file downloads, no mitigation): 3 x 4 = 12, high, transit")
    tr = risks.get("R-US-cloudflare-transit", {})
    check(tr.get("laws") == ["us-eo-12333"] and tr.get("nexus") == "transit",
          "Cloudflare's anycast edge: the US interception law that reaches traffic abroad")
    b = risks.get("R-US-bayside-ventures-llc-ownership", {})
    check(b.get("laws") == us and b.get("likelihood") == 2 and b.get("severity") == 3 and
          "18 % of the capital" in b.get("basis", "") and "board seat" in b.get("basis", ""),
          "an 18 % US holder with a board seat, under the caps: a risk, likelihood 3 - 1")
    n = risks.get("R-US-northwind-capital-lp-ownership", {})
    check("through Acme Holding SA" in n.get("basis", "") and n.get("likelihood") == 1,
          "an indirect US holder: a risk, with the chain that holds it")
    import re
    ids = [r["id"] for r in doc["risks"]]
    check(all(re.fullmatch(r"R-[A-Z]{2}-[a-z0-9]+(-[a-z0-9]+)*-(control|ownership|government|"
                           r"staff|location|transit)", i) for i in ids) and
          len(set(ids)) == len(ids) and
          [(-r["score"], r["id"]) for r in doc["risks"]] ==
          sorted((-r["score"], r["id"]) for r in doc["risks"]),
          "ids are R-country-name-nexus, unique, and the register is ordered by score then id")
    check(all(r["treatment"] is not None for r in doc["risks"]) and
          doc["register"]["digest"].startswith("sha256:"),
          "every risk of the demo carries its recorded decision; the register has a digest")
    req = {q["id"]: q for q in doc["requirements"]}
    check(req["5.3.d"]["verdict"] == "pass" and req["5.3.g"]["verdict"] == "pass",
          "5.3.d and 5.3.g pass: the run writes the document, every risk was decided by the "
          "sign-off")
    dg = doc["register"]["digest"]
    for lang, words in (("fr", ["Registre des risques résiduels", "Claire Dubois",
                                "https://www.law.cornell.edu/uscode/text/18/2713", "**élevé**",
                                "à réduire par Claire Dubois le 2026-02-10", dg,
                                "le trafic qui passe par son réseau"]),
                        ("en", ["Residual-risk register", "Claire Dubois",
                                "Next review (§5.3.h), at the latest: 2027-02-15", "**high**",
                                "to reduce by Claire Dubois on 2026-02-10", dg])):
        path = os.path.join(out, "residual-risk.%s.md" % lang)
        text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        missing = [w for w in words if w not in text]
        check(not missing, "residual-risk.%s.md carries the register, acceptance and sources %s"
              % (lang, missing))
    p = run("check", manifest, "--offline", "--date", "2026-11-22", "--geodb", db, "-q",
            "--format", "json", "-o", os.path.join(t, "nodoc"))
    with open(os.path.join(t, "nodoc", "findings.json")) as f:
        req = {q["id"]: q for q in json.load(f)["requirements"]}
    check(req["5.3.d"]["verdict"] == "unknown" and
          not os.path.exists(os.path.join(t, "nodoc", "residual-risk.fr.md")),
          "without the md format no document is written and 5.3.d stays unknown")
    p = run("check", manifest, "--offline", "--date", "2026-11-22", "--geodb", db, "-q",
            "--lang", "fr", "-o", os.path.join(t, "fr"))
    check(os.path.exists(os.path.join(t, "fr", "residual-risk.fr.md")) and
          not os.path.exists(os.path.join(t, "fr", "residual-risk.en.md")),
          "--lang fr writes the French document only")

    # The same run again: the same ids and digest. One decision removed:
    # 5.3.d is unknown naming that risk, 5.3.g fails; the other ids hold.
    out2 = os.path.join(t, "again")
    run("check", manifest, "--offline", "--date", "2026-11-22", "--geodb", db, "-o", out2, "-q")
    with open(os.path.join(out2, "findings.json")) as f:
        again = json.load(f)
    check([r["id"] for r in again["risks"]] == ids and again["register"]["digest"] == dg,
          "a second run gives the same ids and the same register digest")
    text = open(manifest, encoding="utf-8").read()
    line = [l for l in text.splitlines(True) if "risk: R-US-aws-control" in l]
    check(len(line) == 1, "the demo decides R-US-aws-control on one line")
    i = text.index(line[0])
    j = text.index("\n  - {", i + 1)
    cut = os.path.join(os.path.dirname(manifest), ".risk-check-cut.yaml")
    with open(cut, "w", encoding="utf-8") as f:
        f.write(text[:i] + text[j + 1:])
    try:
        run("check", cut, "--offline", "--date", "2026-11-22", "--geodb", db, "-o",
            os.path.join(t, "cut"), "-q")
    finally:
        os.unlink(cut)
    with open(os.path.join(t, "cut", "findings.json")) as f:
        cutdoc = json.load(f)
    req = {q["id"]: q for q in cutdoc["requirements"]}
    check(req["5.3.d"]["verdict"] == "unknown" and
          "R-US-aws-control" in req["5.3.d"]["findings"][0]["reason"] and
          req["5.3.g"]["verdict"] == "fail" and
          [r["id"] for r in cutdoc["risks"]] == ids,
          "one decision removed: 5.3.d unknown naming the risk, 5.3.g fails, ids unchanged")

finish()
