#!/usr/bin/env python3
"""Assess and render (§5.3.d): the demo's residual-risk register and the
French and English documents written from it.

Checks that every non-EU nexus becomes an entry with the laws of its country
that reach it through that nexus, that declared mitigations lower the
likelihood or severity they name (never below 1), that a country with no
catalogued law is flagged for manual assessment, that 5.3.d passes only when
the run writes the document, and that both documents carry the register,
the management acceptance and the laws' sources.

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
    risks = {r["entity"]: r for r in doc["risks"]}
    z = risks.get("Zendesk, Inc.", {})
    check(z.get("country") == "US" and z.get("nexus") == "control" and
          z.get("laws") == ["us-cloud-act", "us-fisa-702", "us-nsl"] and z.get("data") == ["customer"],
          "Zendesk (US, customer data): US laws that reach a controlled provider, not EO 12333")
    check(z.get("likelihood") == 3 and z.get("severity") == 3 and z.get("residual") == "high" and
          z.get("mitigations") == ["no-customer-data-in-tickets"] and
          "-1 (no-customer-data-in-tickets)" in z.get("severity_basis", ""),
          "a severity mitigation lowers severity 4 -> 3: 3 x 3 = 9, high")
    a = risks.get("Amazon Web Services, Inc.", {})
    check(a.get("data") == ["metadata"] and a.get("residual") == "medium" and
          "15.236.20.7" in a.get("path", ""),
          "AWS (status page, metadata): medium, with the path that showed it")
    ma = risks.get("support staff in MA", {})
    check(ma.get("nexus") == "staff" and ma.get("laws") == [] and ma.get("likelihood") == 2 and
          "to assess by hand" in ma.get("likelihood_basis", ""),
          "support staff in Morocco: no catalogued law, flagged for manual assessment")
    check("OVH Groupe SA" not in risks and "Scaleway SAS" not in risks,
          "EU-controlled operators are no extra-European risk")
    c = risks.get("Cloudflare, Inc.", {})
    check(c.get("data") == ["customer"] and c.get("likelihood") == 3 and c.get("severity") == 4
          and c.get("residual") == "high" and c.get("mitigations") == [],
          "Cloudflare (customer file downloads, no mitigation): 3 x 4 = 12, high")
    check([r["id"] for r in doc["risks"]] == ["R%d" % (i + 1) for i in range(len(doc["risks"]))]
          and doc["risks"][0]["entity"] == "Cloudflare, Inc." and
          [r["score"] for r in doc["risks"]] == sorted([r["score"] for r in doc["risks"]], reverse=True),
          "the register is numbered R1.. and ordered by residual score")
    req = {q["id"]: q for q in doc["requirements"]}
    check(req["5.3.d"]["verdict"] == "pass", "5.3.d passes when the run writes the document")
    for lang, words in (("fr", ["Registre des risques résiduels", "Claire Dubois",
                                "https://www.law.cornell.edu/uscode/text/18/2713", "**élevé**"]),
                        ("en", ["Residual-risk register", "Claire Dubois",
                                "Next review (§5.3.h), at the latest: 2027-02-15", "**high**"])):
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

finish()
