#!/usr/bin/env python3
"""The dora-ict-third-party pack from the outside: `sovcheck probe`, one
supplier and a batch, offline on the demo's zones and chains.

One supplier probed with the pack: nothing is declared, so the register
and the concentration are unknown and say why, the locations are unknown
(none stated), the exposure of the US CDN in front of www fails (no
treatment) — and nothing crashes. A batch of three suppliers, two of them
critical or important and both on OVHcloud: concentration.json and the
comparison (English and French) give the DORA Art. 29 verdict, fail, naming
the controller, the two suppliers and their functions; with only one of
them critical the verdict passes; with none it is not applicable. The
certificate authority every supplier shares is no concentration of
functions.

Usage: dora_check.py SOVCHECK SRCDIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from testlib import check, finish

SOV, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DEMO = os.path.join(SRC, "examples", "acme-storage")
OFFLINE = sum((["--zone", os.path.join(DEMO, "zones", n)] for n in
               ("acme-cloud.example.zone", "anycast.me.zone", "mail.ovh.net.zone",
                "cdn.cloudflare.net.zone")), []) + [
    "--offline", "--chains", os.path.join(DEMO, "certs"), "--trust",
    os.path.join(DEMO, "trust", "demo-roots.pem"), "--registry",
    os.path.join(DEMO, "demo-cas.yaml"), "--date", "2026-11-22"]


def run(*args):
    return subprocess.run([SOV, *args], capture_output=True, text=True, timeout=300)


def batch(tmp, name, rows):
    path = os.path.join(tmp, name + ".csv")
    with open(path, "w") as f:
        f.write("supplier,domains,criticality,function\n" + rows)
    out = os.path.join(tmp, name)
    p = run("probe", "--batch", path, *OFFLINE, "-o", out, "-q")
    with open(os.path.join(out, "concentration.json")) as f:
        conc = json.load(f)
    docs = {}
    for lang in ("en", "fr"):
        with open(os.path.join(out, "comparison.%s.md" % lang)) as f:
            docs[lang] = f.read()
    return p, conc, docs


def main():
    tmp = tempfile.mkdtemp(prefix="sc-dora-")
    try:
        out = os.path.join(tmp, "one")
        p = run("probe", "acme-cloud.example", "--pack", "dora-ict-third-party", *OFFLINE,
                "-o", out, "-q")
        check(p.returncode == 1 and "Sanitizer" not in p.stderr,
              "probe with the DORA pack: judged, exit 1 (NIS2 fails) (%d %s)"
              % (p.returncode, p.stderr[-300:]))
        with open(os.path.join(out, "findings.json")) as f:
            fd = json.load(f)
        req = {q["id"]: q for q in fd["requirements"]}
        verdicts = {k: q["verdict"] for k, q in req.items()}
        check(verdicts == {"DORA-28.3": "unknown", "DORA-29": "unknown", "DORA-30.2": "unknown",
                           "NIS2-21.2.d": "fail"},
              "probe: what needs declarations is unknown, the exposure fails (%s)" % verdicts)
        reasons = {k: " | ".join(x["reason"] for x in q["findings"]) for k, q in req.items()}
        check("the third parties are not declared" in reasons["DORA-28.3"] and
              "the third parties are not declared" in reasons["DORA-29"] and
              "are not stated (locations.data)" in reasons["DORA-30.2"],
              "probe: each unknown says what is missing (%s)" % reasons)
        check("Cloudflare, Inc., controlled in United States of America outside EU27, within "
              "reach of CLOUD Act" in reasons["NIS2-21.2.d"] and
              "has no recorded treatment" in reasons["NIS2-21.2.d"],
              "probe: the US CDN's exposure fails, naming the laws (%s)"
              % reasons["NIS2-21.2.d"][:300])

        # the CSF from the outside: what needs the supplier's declarations
        # (its list of third parties, its sites, a sign-off) is unknown, not
        # a failure of the supplier; what is observed still decides
        out = os.path.join(tmp, "csf")
        p = run("probe", "acme-cloud.example", "--pack", "supplier-outside-in,eu-csf-1.2.1",
                *OFFLINE, "-o", out, "-q")
        check(p.returncode == 1 and "Sanitizer" not in p.stderr,
              "probe with the outside-in and CSF packs: judged, exit 1 (OI.2 fails) (%d %s)"
              % (p.returncode, p.stderr[-300:]))
        with open(os.path.join(out, "findings.json")) as f:
            fc = json.load(f)
        sov = [q for q in fc["requirements"] if q["id"].startswith("SOV-")]
        absent = [x for q in sov for x in q["findings"]
                  if x.get("code") in ("outside.undeclared",)]
        undeclared_fail = [x["reason"][:120] for q in sov for x in q["findings"]
                           if x["verdict"] == "fail" and ("undeclared third party" in x["reason"]
                                                          or "is missing" in x["reason"])]
        check(len(sov) == 8 and all(q["verdict"] == "unknown" for q in sov) and absent and
              all(x["verdict"] == "unknown" and "outside-in review" in x["reason"]
                  for x in absent) and not undeclared_fail,
              "probe: no CSF objective fails for a declaration a probe cannot see (%d unknown "
              "for absence; failing for absence: %s)" % (len(absent), undeclared_fail[:2]))
        obs = [x for q in sov if q["id"] == "SOV-2" for x in q["findings"]
               if x["subject"] == "Cloudflare, Inc." and x["verdict"] == "fail"]
        check(obs, "probe: the observed US control of the CDN still fails SOV-2.4")

        # two critical or important suppliers on one controller: fail
        p, conc, docs = batch(tmp, "two", '"Storage, A",https://s3.acme-cloud.example/,critical,'
                              'payments\nAPI B,https://api.acme-cloud.example/,important,'
                              '"lending, scoring"\nWeb C,https://www.acme-cloud.example/,,\n')
        ctl = {c["controller_id"]: c for c in conc["controllers"]}
        ovh = ctl.get("ovhcloud", {}).get("dora", {})
        check(conc.get("dora", {}).get("verdict") == "fail" and
              conc["dora"].get("controllers_failing") == 1 and
              conc["dora"].get("critical_or_important_suppliers") == 2,
              "batch: the DORA Art. 29 verdict fails, one controller (%s)" % conc.get("dora"))
        check(ovh.get("verdict") == "fail" and ovh.get("critical_suppliers") == 2 and
              ovh.get("functions") == 2 and
              "OVH Groupe SA carries 2 critical or important suppliers (Storage, A; API B) and "
              "2 function(s) (payments; lending, scoring)" in ovh.get("reason", {}).get("en", "")
              and "OVH Groupe SA porte 2 fournisseurs critiques ou importants" in
              ovh.get("reason", {}).get("fr", ""),
              "batch: OVHcloud fails, its suppliers and functions named in English and French "
              "(%s)" % ovh)
        cas = [c for c in conc["controllers"]
               if any("ca" in s["roles"] for s in c["suppliers"])]
        check(cas and all(c["dora"]["verdict"] == "not_applicable" for c in cas
                          if all(s["roles"] == ["ca"] for s in c["suppliers"])),
              "batch: a CA under both suppliers is no concentration of functions (%s)"
              % [(c["controller"], c["dora"]) for c in cas])
        check("## DORA Art. 29: critical or important functions on one ultimate controller" in
              docs["en"] and "**FAIL** — 1 ultimate controller(s) carry more than one" in
              docs["en"] and "- **FAIL** — OVH Groupe SA carries 2" in docs["en"],
              "comparison.en.md: the DORA section with the verdict and the controller")
        check("## DORA, art. 29 : fonctions critiques ou importantes" in docs["fr"] and
              "**NON CONFORME** — 1 contrôleur(s) ultime(s) portent" in docs["fr"],
              "comparison.fr.md: the same in French")

        # one critical supplier: pass; none: not applicable
        p, conc, docs = batch(tmp, "single", '"Storage, A",https://s3.acme-cloud.example/,critical,'
                              'payments\nAPI B,https://api.acme-cloud.example/,,\n')
        check(conc["dora"]["verdict"] == "pass" and
              "No ultimate controller carries more than one of the 1 critical" in
              conc["dora"]["reason"]["en"] and "**pass** — " not in docs["en"] and
              "pass — No ultimate controller" in docs["en"],
              "batch: one critical supplier on OVHcloud passes (%s)" % conc["dora"])
        p, conc, docs = batch(tmp, "none", 'API B,https://api.acme-cloud.example/,,\n')
        check(conc["dora"]["verdict"] == "not_applicable" and
              "sans objet — Aucun fournisseur de la liste" in docs["fr"],
              "batch: no critical supplier, not applicable (%s)" % conc["dora"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


main()
