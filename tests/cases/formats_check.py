#!/usr/bin/env python3
"""Machine formats of `check --format`: SARIF 2.1.0, OSCAL 1.0.0 assessment
results and CSV say the same as findings.json — one SARIF rule per
requirement and one result per finding (fail → error, unknown →
review/warning, waived → suppressed); one OSCAL finding per requirement
(satisfied only for pass and not applicable) and one observation per finding,
the evidence bundle and every input in back-matter with their SHA-256; one
CSV row per finding and per dependency, with RFC 4180 quoting that
round-trips every reason exactly. SARIF and OSCAL validate against the
published schemas (../shared/reference/data/schemas, python3-jsonschema).

Usage: formats_check.py SOVCHECK SRCDIR
"""
import csv
import hashlib
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
                        "--format", "json,sarif,csv,oscal,evidence", "-o", out, "-q"],
                       capture_output=True, text=True, timeout=120)
    check(p.returncode == 1, "check --format json,sarif,csv,oscal: exit 1 (%s)" % p.stderr[:200])
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

    # providers.csv: the DORA register-of-information fields
    with open(os.path.join(out, "providers.csv"), newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        head = next(rd)
        prov = {r[1]: dict(zip(head, r)) for r in rd}
    check(head == ["provider_name", "registry_id", "lei", "head_office_country",
                   "ultimate_parent", "ultimate_parent_country", "controlled_outside_eu",
                   "ict_services", "declared", "declared_relationship", "observed_on"],
          "providers.csv: the documented columns")
    ovh, cf, gs = prov.get("ovhcloud", {}), prov.get("cloudflare", {}), prov.get("globalsign", {})
    check(ovh.get("ict_services") == "hosting-or-cdn dns email" and ovh.get("declared") == "yes"
          and ovh.get("controlled_outside_eu") == "no" and "ns:acme-cloud.example" in
          ovh.get("observed_on", "") and "mx:acme-cloud.example" in ovh.get("observed_on", ""),
          "providers.csv: OVHcloud hosts, serves DNS and mail, declared, EU-controlled (%s)" % ovh)
    check(cf.get("controlled_outside_eu") == "yes" and cf.get("declared_relationship") == "cdn",
          "providers.csv: Cloudflare controlled outside the EU, declared as CDN")
    check(gs.get("head_office_country") == "BE" and gs.get("ultimate_parent_country") == "JP" and
          gs.get("controlled_outside_eu") == "yes" and gs.get("declared") == "no",
          "providers.csv: GlobalSign seated in Belgium, controlled from Japan, undeclared")

    # OSCAL assessment results
    with open(os.path.join(out, "assessment-results.json")) as f:
        oscal = json.load(f)
    ar = oscal["assessment-results"]
    res = ar["results"][0]
    by_req = {next(p["value"] for p in x["props"] if p["name"] == "requirement"): x
              for x in res["findings"]}
    check(list(by_req) == [q["id"] for q in doc["requirements"]] and
          all(by_req[q["id"]]["target"]["status"]["state"] ==
              ("satisfied" if q["verdict"] in ("pass", "not_applicable") else "not-satisfied")
              and by_req[q["id"]]["target"]["status"]["reason"] ==
              q["verdict"].replace("_", "-") for q in doc["requirements"]),
          "OSCAL: one finding per requirement; unknown, waived and fail are not satisfied")
    obs = {o["uuid"]: o for o in res.get("observations", [])}
    check(len(obs) == len(findings) and
          all(len(by_req[q["id"]].get("related-observations", [])) == len(q["findings"])
              for q in doc["requirements"]),
          "OSCAL: one observation per finding, linked from its requirement")
    rs = {r["uuid"]: r for r in ar["back-matter"]["resources"]}
    with open(os.path.join(out, "evidence.json"), "rb") as f:
        ev_sha = hashlib.sha256(f.read()).hexdigest()
    evr = [r for r in rs.values() if r["rlinks"][0]["href"] == "evidence.json"]
    with open(manifest, "rb") as f:
        man_sha = hashlib.sha256(f.read()).hexdigest()
    roles = {p["value"] for r in rs.values() for p in r.get("props", [])}
    check(len(evr) == 1 and evr[0]["rlinks"][0]["hashes"][0]["value"] == ev_sha and
          any(r["rlinks"][0]["href"] == "service.yaml" and
              r["rlinks"][0]["hashes"][0]["value"] == man_sha for r in rs.values()) and
          {"evidence", "manifest", "pack", "laws", "registry", "geodb"} <= roles and
          ar["import-ap"]["href"][1:] in rs and
          all(e["href"][1:] in rs for o in obs.values() for e in o["relevant-evidence"]),
          "OSCAL: back-matter links the bundle and every input by SHA-256; every reference "
          "resolves")

    # Both validate against the published schemas.
    schemas = os.path.join(SRC, "..", "shared", "reference", "data", "schemas")
    import jsonschema
    for doc_path, schema in (("findings.sarif", "sarif-schema-2.1.0.json"),
                             ("assessment-results.json",
                              "oscal-1.0.0_assessment-results_schema.json")):
        with open(os.path.join(schemas, schema)) as f:
            sch = json.load(f)
        with open(os.path.join(out, doc_path)) as f:
            d = json.load(f)
        v = jsonschema.Draft7Validator(sch, format_checker=jsonschema.FormatChecker())
        errs = [e.message[:160] + " at " + "/".join(map(str, e.path)) for e in v.iter_errors(d)]
        check(not errs, "%s validates against %s (%d errors: %s)"
              % (doc_path, schema, len(errs), errs[:3]))
    # The same filing gives the same document (report re-evaluates the
    # bundle as check did); judged at another date, other UUIDs.
    bundle = os.path.join(out, "evidence.json")
    out2 = os.path.join(t, "out2")
    subprocess.run([SOV, "report", bundle, "--format", "oscal", "-o", out2, "-q"],
                   capture_output=True, timeout=120)
    out3 = os.path.join(t, "out3")
    subprocess.run([SOV, "report", bundle, "--date", "2026-11-23", "--format", "oscal", "-o",
                    out3, "-q"], capture_output=True, timeout=120)
    with open(os.path.join(out2, "assessment-results.json")) as f:
        a2 = json.load(f)
    with open(os.path.join(out3, "assessment-results.json")) as f:
        a3 = json.load(f)
    check(a2 == oscal and a3["assessment-results"]["uuid"] != ar["uuid"],
          "OSCAL: deterministic for the same filing, a new document UUID for another")

    # Several packs, one scored, judged from the same bundle: both formats
    # stay valid, carry every requirement of every pack, and OSCAL says
    # which pack each belongs to and each objective's SEAL level.
    out4 = os.path.join(t, "out4")
    p = subprocess.run([SOV, "report", bundle, "--pack", "secnumcloud-3.2,eu-csf-1.2.1",
                        "--format", "json,sarif,oscal", "-o", out4, "-q"],
                       capture_output=True, text=True, timeout=120)
    check(p.returncode == 1, "report --pack secnumcloud-3.2,eu-csf-1.2.1: exit 1 (%s)"
          % p.stderr[:200])
    with open(os.path.join(out4, "findings.json")) as f:
        doc4 = json.load(f)
    ids4 = [q["id"] for q in doc4["requirements"]]
    check([p4["id"] for p4 in doc4["packs"]] == ["secnumcloud-3.2", "eu-csf-1.2.1"] and
          sum(len(p4["requirements"]) for p4 in doc4["packs"]) == len(ids4) == 24,
          "findings.json groups the 24 requirements per pack")
    with open(os.path.join(out4, "findings.sarif")) as f:
        s4 = json.load(f)
    check([r["id"] for r in s4["runs"][0]["tool"]["driver"]["rules"]] == ids4,
          "SARIF: one rule per requirement of both packs")
    with open(os.path.join(out4, "assessment-results.json")) as f:
        o4 = json.load(f)
    fds = o4["assessment-results"]["results"][0]["findings"]
    props = {f["target"]["title"]: {x["name"]: x["value"] for x in f["props"]} for f in fds}
    levels = {q["id"]: q["objective"]["level"] for q in doc4["requirements"] if "objective" in q}
    check(len(levels) == 8 and all(props[k].get("pack") == "eu-csf-1.2.1" and
                                   props[k].get("seal-level") == str(v) for k, v in levels.items())
          and props["19.6.b"].get("pack") == "secnumcloud-3.2" and
          "seal-level" not in props["19.6.b"],
          "OSCAL: each finding names its pack, each objective its SEAL level")
    for doc_path, schema in (("findings.sarif", "sarif-schema-2.1.0.json"),
                             ("assessment-results.json",
                              "oscal-1.0.0_assessment-results_schema.json")):
        with open(os.path.join(schemas, schema)) as f:
            sch = json.load(f)
        with open(os.path.join(out4, doc_path)) as f:
            d = json.load(f)
        v = jsonschema.Draft7Validator(sch, format_checker=jsonschema.FormatChecker())
        errs = [e.message[:160] + " at " + "/".join(map(str, e.path)) for e in v.iter_errors(d)]
        check(not errs, "several packs: %s validates against %s (%d errors: %s)"
              % (doc_path, schema, len(errs), errs[:3]))

finish()
