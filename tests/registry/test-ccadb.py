#!/usr/bin/env python3
"""`sovcheck registry import-ccadb` and `check-ccadb`.

On CSV exports written here in the CCADB's formats (the all-intermediates
report with its subordinate CA owner, a root report, quoted fields with
commas, quotes and line breaks, a provenance header): the CA index written
names owners and operators by registry entity; an owner no entity answers
to stops the import (exit 3, nothing written) unless --skip-unknown; a
second import reports what changed and keeps the earlier owners an entry
records; check-ccadb measures agreement and fails under --min.

Then, on the CCADB exports in ../shared/reference/data/ca (the Mozilla
included and removed roots and all intermediates, the Microsoft report):
the shipped registry's CA index agrees with them by SHA-256 and by subject
+ key for at least 99 % of the certificates (fails when they are missing).
"""
import os
import subprocess
import sys
import tempfile

SOV = os.environ["SOVCHECK"]
SRC = os.environ["SOVCHECK_SRCDIR"]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args, env=None):
    return subprocess.run([SOV] + list(args), capture_output=True, text=True, timeout=300,
                          env=env)


H = ("# provenance line\n"
     '"CA Owner","Parent Name","Certificate Name","Certificate Issuer Common Name",'
     '"Certificate Issuer Organization","Certificate Subject Common Name",'
     '"Certificate Subject Organization","Certificate Serial Number","SHA-256 Fingerprint",'
     '"Subject + SPKI SHA256","Valid From [GMT]","Valid To [GMT]","Subordinate CA Owner"\n')
A = "A" * 64
B = "B" * 64
C = "C" * 64
K = "1" * 64


def inter(owner, name, sha, spki, sub=""):
    return '"%s","r","%s","i","o","s","so","01","%s","%s","2020 Jan 01","2030 Sep 22","%s"\n' % (
        owner, name, sha, spki, sub)


REG = """sovcheck-registry: 1
entities:
  - id: big-ca
    name: Big CA Inc.
    aliases: ["Big CA"]
    country: US
    sources: [{url: "https://example.org/big", fact: f, covers: [name, country], reviewed: 2026-11-27}]
  - id: reseller
    name: "Réseller Européen SAS"
    country: FR
    sources: [{url: "https://example.org/res", fact: f, covers: [name, country], reviewed: 2026-11-27}]
"""

with tempfile.TemporaryDirectory() as t:
    # A data directory of our own: the shipped policies, a registry of two CAs.
    dd = os.path.join(t, "data")
    os.makedirs(os.path.join(dd, "geodb", "registry"))
    os.symlink(os.path.join(SRC, "policies"), os.path.join(dd, "policies"))
    with open(os.path.join(dd, "geodb", "registry", "cas.yaml"), "w") as f:
        f.write(REG)
    env = dict(os.environ, SOVCHECK_DATADIR=dd)
    csv1 = os.path.join(t, "all.csv")
    with open(csv1, "w") as f:
        f.write(H + inter("Big CA", 'White ""Label"", CA\nG2', A, K)
                + inter("Big CA", "Reseller Sub CA", B, K.replace("1", "2"), "RESELLER EUROPEEN SAS")
                + inter("Unknown Owner\nOn Two Lines", "Other CA", C, ""))
    idx = os.path.join(dd, "geodb", "registry", "ca-index.yaml")
    p = run("registry", "import-ccadb", "-o", idx, "--reviewed", "2026-11-27", csv1, env=env)
    check(p.returncode == 3 and not os.path.exists(idx) and
          'CA owner "Unknown Owner\\x0AOn Two Lines" is no entity' in p.stderr,
          "an unknown owner stops the import, named, nothing written (%d: %s)"
          % (p.returncode, p.stderr.strip()[-200:]))
    p = run("registry", "import-ccadb", "-o", idx, "--reviewed", "2026-11-27", "--skip-unknown",
            csv1, env=env)
    text = open(idx).read() if os.path.exists(idx) else ""
    check(p.returncode == 0 and "2 added, 0 changed, 0 removed" in p.stdout,
          "--skip-unknown writes the rest and reports it (%s)" % p.stdout.strip()[-200:])
    check('name: "White \\"Label\\", CA\\x0aG2", owner: big-ca, not_after: 2030-09-22' in text and
          "owner: big-ca, operator: reseller" in text and ("c" * 64) not in text,
          "owners and operators by entity (folded names, accents), quoted fields kept")
    p = run("registry", "lint", env=env)
    check(p.returncode == 0 and "2 CA certificates" in p.stdout,
          "the written index loads and lints (%s)" % (p.stdout + p.stderr).strip()[-200:])
    # An earlier owner recorded by hand survives the next import; a change
    # is reported.
    with open(idx) as f:
        text = f.read()
    line = [l for l in text.splitlines() if ("a" * 64) in l][0]
    text = text.replace(line, line[:-1] + ", history: [{owner: reseller, until: 2019-01-01}]}")
    with open(idx, "w") as f:
        f.write(text)
    csv2 = os.path.join(t, "all2.csv")
    with open(csv2, "w") as f:
        f.write(H + inter("Big CA", 'White ""Label"", CA\nG2', A, K)
                + inter("Big CA", "Reseller Sub CA", B, K.replace("1", "2")))
    p = run("registry", "import-ccadb", "-o", idx, "--reviewed", "2026-11-28", csv2, env=env)
    text = open(idx).read()
    check(p.returncode == 0 and "0 added, 1 changed, 0 removed, 1 unchanged" in p.stdout and
          "reseller -> big-ca" in p.stdout.replace("big-ca/reseller", "reseller"),
          "a second import reports what changed (%s)" % p.stdout.strip()[-300:])
    check("history: [{owner: reseller, until: 2019-01-01}]" in text,
          "the earlier owners an entry records are kept")
    p = run("registry", "check-ccadb", csv2, env=env)
    check(p.returncode == 0 and "by SHA-256: 2 of 2 agree (100.00 %)" in p.stdout and
          "by subject+key: 2 of 2 agree" in p.stdout, "check-ccadb: full agreement")
    p = run("registry", "check-ccadb", csv1, env=env)
    check(p.returncode == 1 and "1 whose owner no entity answers to" in p.stdout,
          "check-ccadb fails under --min (99 %% by default): %s" % p.stdout.strip()[-200:])
    bad = os.path.join(t, "bad.csv")
    with open(bad, "w") as f:
        f.write(H + '"Big CA","r","x","i","o","s","so","01","%s","unterminated\n' % A)
    p = run("registry", "import-ccadb", "-o", os.path.join(t, "x.yaml"), bad, env=env)
    check(p.returncode == 3 and "bad.csv:" in p.stderr and "unterminated" in p.stderr,
          "a malformed export is an input error with file:line")
    p = run("registry", "import-ccadb", "-o", os.path.join(t, "x.yaml"), os.path.join(dd, "policies",
            "laws.yaml"), env=env)
    check(p.returncode == 3 and "not a CCADB report" in p.stderr, "a file that is no report is refused")

# The shipped CA index against the CCADB exports themselves.
ca = os.path.join(SRC, "..", "shared", "reference", "data", "ca")
csvs = [os.path.join(ca, "raw", f) for f in ("mozilla_PublicAllIntermediateCerts_2026-03.csv",
                                             "mozilla_IncludedCACertificateWithPEMReport.csv",
                                             "mozilla_RemovedCACertificateWithPEMReport.csv")]
csvs.append(os.path.join(ca, "microsoft_root_program_ccadb_report.csv"))
missing = [c for c in csvs if not os.path.exists(c)]
check(not missing, "the CCADB exports are beside the project (../shared/reference/data/ca)")
if not missing:
    p = run("registry", "check-ccadb", "--min", "99", *csvs)
    print(p.stdout[-600:])
    check(p.returncode == 0, "the shipped CA index agrees with the CCADB exports at 99 % or more")

if failures:
    sys.exit("%d failed" % len(failures))
print("all passed")
