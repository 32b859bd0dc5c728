#!/usr/bin/env python3
"""bench/ca-accuracy.py SOVCHECK SHARED_CA_DIR — how often sovcheck names the
right CA owner for real certificates.

Corpus: every root certificate of the Mozilla root store reports in the
CCADB exports (included and removed roots, each a real certificate with its
PEM), each taken as a one-certificate chain — the case of a server that
sends its root, or of a root read from a file. The expected owner is the
report's "Owner" column, mapped to a registry entity by the registry's own
names (the same mapping `sovcheck registry import-ccadb` makes); a root whose
owner no entity answers to is counted apart.

Two runs of `sovcheck lookup --chain`, same corpus, same trust store (the
roots themselves): "without the CA index" (the registry with
geodb/registry/ca-index.yaml taken out: root fingerprints the entities
declare, then issuer names) and "with the CA index" (as shipped). Prints,
per run: chains, owners, right, wrong, unknown, inferred, and the accuracy;
and how the owners were matched.
"""
import collections
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

SOV, CA = os.path.abspath(sys.argv[1]), sys.argv[2]
SRC = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(l for l in f if not l.startswith("#")))


def fold(s):
    import unicodedata
    out = []
    for ch in unicodedata.normalize("NFD", s):
        o = ord(ch)
        if 0x300 <= o <= 0x36F:
            continue
        if o < 0x80:
            if ch.isalnum():
                out.append(ch.lower())
            continue
        if o == 0xA0 or 0x2000 <= o <= 0x206F:
            continue
        out.append(ch.lower())
    return "".join(out)


def entity_names(regdir):
    """folded name/alias/former name -> entity id, read from the registry."""
    import yaml  # python3-yaml
    names = {}
    for fn in sorted(os.listdir(regdir)):
        if not fn.endswith(".yaml"):
            continue
        with open(os.path.join(regdir, fn), encoding="utf-8") as f:
            d = yaml.safe_load(f)
        for e in (d or {}).get("entities", []) or []:
            for n in [e["name"]] + e.get("aliases", []) + [x["name"] for x in e.get("former_names", [])]:
                names.setdefault(fold(str(n)), e["id"])
    return names


def run(datadir, chains, trust):
    env = dict(os.environ, SOVCHECK_DATADIR=datadir)
    out = []
    for i in range(0, len(chains), 100):
        args = [SOV, "lookup", "--json", "--trust", trust]
        for c in chains[i:i + 100]:
            args += ["--chain", c]
        p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
        if p.returncode not in (0, 2):
            sys.exit("lookup failed: %s" % p.stderr[-500:])
        out += [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    return out


def main():
    reports = [os.path.join(CA, "raw", f) for f in ("mozilla_IncludedCACertificateWithPEMReport.csv",
                                                    "mozilla_RemovedCACertificateWithPEMReport.csv")]
    names = entity_names(os.path.join(SRC, "geodb", "registry"))
    with tempfile.TemporaryDirectory() as t:
        chains, want = [], {}
        seen = set()
        for rep in reports:
            for r in rows(rep):
                pem = (r.get("PEM Info") or r.get("PEM") or "").strip().strip("'")
                fp = (r.get("SHA-256 Fingerprint") or "").upper()
                if "BEGIN CERTIFICATE" not in pem or fp in seen:
                    continue
                seen.add(fp)
                path = os.path.join(t, "%04d.pem" % len(chains))
                with open(path, "w") as f:
                    f.write(pem + "\n")
                chains.append(path)
                want[path] = names.get(fold(r["Owner"].replace("\n", " ")))
        trust = os.path.join(t, "roots.pem")
        with open(trust, "w") as f:
            for c in chains:
                f.write(open(c).read())
        # the data directory without the CA index
        bare = os.path.join(t, "bare")
        os.makedirs(os.path.join(bare, "geodb"))
        shutil.copytree(os.path.join(SRC, "policies"), os.path.join(bare, "policies"))
        shutil.copytree(os.path.join(SRC, "geodb", "registry"), os.path.join(bare, "geodb", "registry"))
        for fn in os.listdir(os.path.join(bare, "geodb", "registry")):
            with open(os.path.join(bare, "geodb", "registry", fn), encoding="utf-8") as f:
                if "sovcheck-ca-index:" in f.read(4096):
                    os.unlink(os.path.join(bare, "geodb", "registry", fn))
        owners = {w for w in want.values() if w}
        print("corpus: %d real root certificates (Mozilla included and removed roots), "
              "%d owners; %d whose owner no entity answers to"
              % (len(chains), len(owners), sum(1 for w in want.values() if not w)))
        print("%-22s %7s %7s %7s %7s %9s %9s" % ("run", "chains", "right", "wrong", "unknown",
                                                 "inferred", "accuracy"))
        for label, dd in (("without the CA index", bare), ("with the CA index", SRC)):
            res = run(dd, chains, trust)
            right = wrong = unknown = inferred = 0
            by = collections.Counter()
            for o in res:
                w = want.get(o["subject"])
                if not w:
                    continue
                ow = o.get("ca_owner") or {}
                if not ow.get("found"):
                    unknown += 1
                    by["not found" if o.get("verified") else "not verified"] += 1
                    continue
                by[ow.get("matched_by")] += 1
                inferred += bool(ow.get("inferred"))
                if ow.get("owner_id") == w:
                    right += 1
                else:
                    wrong += 1
            n = right + wrong + unknown
            print("%-22s %7d %7d %7d %7d %9d %8.1f%%" % (label, n, right, wrong, unknown, inferred,
                                                        100.0 * right / n if n else 0))
            print("  matched by: " + ", ".join("%s %d" % kv for kv in sorted(by.items())))


main()
