#!/usr/bin/env python3
"""Machine formats of `check --format`: SARIF 2.1.0 and CSV say the same as
findings.json — one SARIF rule per requirement and one result per finding
(fail → error, unknown → review/warning, waived → suppressed), one CSV row
per finding and per dependency, with RFC 4180 quoting that round-trips every
reason exactly.

Usage: formats_check.py SOVCHECK SRCDIR
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

from testlib import check, finish

SOV, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])

with tempfile.TemporaryDirectory() as t:
    case = os.path.join(SRC, "tests", "cases", "0001-demo-offline")
    db = os.path.join(t, "demo.mmdb")
    subprocess.run([SOV, "geodb", "build", "--csv", os.path.join(case, "geo.csv"), "--csv",
                    os.path.join(case, "asn.csv"), "-o", db], capture_output=True)
    out = os.path.join(t, "out")
    manifest = os.path.join(SRC, "examples", "acme-storage", "service.yaml")
    p = subprocess.run([SOV, "check", manifest, "--offline", "--date", "2026-11-22", "--geodb", db,
                        "--format", "json,sarif,csv", "-o", out, "-q"], capture_output=True,
                       text=True, timeout=120)
    check(p.returncode == 1, "check --format json,sarif,csv: exit 1 (%s)" % p.stderr[:200])
    with open(os.path.join(out, "findings.json")) as f:
        doc = json.load(f)
    findings = [(q["id"], x) for q in doc["requirements"] for x in q["findings"]]
    with open(os.path.join(out, "findings.sarif")) as f:
        sarif = json.load(f)
    run = sarif["runs"][0]
    check(sarif["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "sovcheck" and
          [r["id"] for r in run["tool"]["driver"]["rules"]] == [q["id"] for q in doc["requirements"]],
          "SARIF: version 2.1.0, one rule per requirement in pack order")
    res = run["results"]
    check(len(res) == len(findings) and
          all(r["ruleId"] == fid and r["properties"]["subject"] == x["subject"] and
              r["properties"]["verdict"] == x["verdict"] for r, (fid, x) in zip(res, findings)),
          "SARIF: one result per finding, in the same order")
    want = {"fail": ("fail", "error"), "unknown": ("review", "warning"), "waived": ("fail", "error"),
            "pass": ("pass", "none"), "not_applicable": ("notApplicable", "none")}
    check(all((r["kind"], r["level"]) == want[r["properties"]["verdict"]] for r in res),
          "SARIF: kind and level follow the verdict")
    sup = [r for r in res if "suppressions" in r]
    check(len(sup) == 1 and sup[0]["ruleId"] == "19.6.d" and
          sup[0]["suppressions"][0]["kind"] == "external" and
          "waived until 2027-06-30" in sup[0]["suppressions"][0]["justification"],
          "SARIF: the waived finding is an external suppression with its justification")
    with open(os.path.join(out, "findings.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == len(findings) and
          all(r["requirement"] == fid and r["subject"] == x["subject"] and
              r["reason"] == x["reason"] and r["evidence"] == " ".join(x["evidence"])
              for r, (fid, x) in zip(rows, findings)),
          "CSV: one row per finding; every reason (commas, quotes) round-trips exactly")
    with open(os.path.join(out, "dependencies.csv"), newline="", encoding="utf-8") as f:
        deps = list(csv.DictReader(f))
    check(len(deps) == len(doc["dependencies"]) and
          all(d["subject"] == j["subject"] and d["controller_country"] == (j["controller_country"] or "")
              for d, j in zip(deps, doc["dependencies"])),
          "CSV: one row per dependency, with its controller's country")

finish()
