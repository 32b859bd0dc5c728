#!/usr/bin/env python3
"""Evidence bundles: `sovcheck report` re-evaluates a filing from the
evidence.json `check` wrote, offline, byte-identically; an auditor can
re-compute the integrity digest with an ordinary JSON library; a bundle
modified after it was written, malformed, or resealed with hostile content
ends with exit 3 and a clear message, never a crash.

Usage: bundle_check.py SOVCHECK SRCDIR
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile

from testlib import check, finish

SOV, SRC = sys.argv[1], sys.argv[2]


def run(*args):
    return subprocess.run([SOV] + list(args), capture_output=True, text=True, timeout=120)

def digest(doc):
    d = dict(doc)
    d.pop("integrity", None)
    return hashlib.sha256(json.dumps(d, sort_keys=True, separators=(",", ":"),
                                     ensure_ascii=False).encode()).hexdigest()

def reseal(doc):
    doc = dict(doc)
    doc["integrity"] = {"algorithm": "sha256", "digest": digest(doc)}
    return doc

with tempfile.TemporaryDirectory() as t:
    case = os.path.join(SRC, "tests", "cases", "0001-demo-offline")
    db = os.path.join(t, "demo.mmdb")
    run("geodb", "build", "--csv", os.path.join(case, "geo.csv"), "--csv",
        os.path.join(case, "asn.csv"), "-o", db)
    first = os.path.join(t, "first")
    p = run("check", os.path.join(SRC, "examples", "acme-storage", "service.yaml"), "--offline",
            "--date", "2026-11-22", "--geodb", db, "-o", first, "-q")
    check(p.returncode == 1, "check on the demo: exit 1 (%s)" % p.stderr.strip()[:200])
    bundle = os.path.join(first, "evidence.json")
    with open(bundle, encoding="utf-8") as f:
        doc = json.load(f)
    check(doc["integrity"]["digest"] == digest(doc),
          "the integrity digest is reproducible with an ordinary JSON library")
    check("text" in doc["manifest"] and len(doc["geo"]["answers"]) > 0 and len(doc["tls"]) == 9,
          "the bundle carries the manifest, the geolocation answers and the 9 chains")

    again = os.path.join(t, "again")
    p = run("report", bundle, "-o", again, "-q")
    check(p.returncode == 1, "report: same exit code as check (%s)" % p.stderr.strip()[:200])
    with open(os.path.join(first, "findings.json"), "rb") as a, \
         open(os.path.join(again, "findings.json"), "rb") as b:
        check(a.read() == b.read(), "report reproduces check's findings.json byte for byte")
    p = run("report", bundle, "--date", "2027-03-01", "-q", "-o", os.path.join(t, "later"))
    with open(os.path.join(t, "later", "findings.json")) as f:
        later = json.load(f)
    h = [q for q in later["requirements"] if q["id"] == "5.3.h"][0]
    check(later["date"] == "2027-03-01" and h["verdict"] == "fail",
          "report --date re-judges the same evidence at another date (sign-off now stale)")

    def refused(name, text, needle):
        path = os.path.join(t, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        p = run("report", path, "-q")
        check(p.returncode == 3 and needle in p.stderr,
              "%s: exit 3 with '%s' (got %d: %s)" % (name, needle, p.returncode,
                                                     p.stderr.strip()[:200]))

    raw = open(bundle, encoding="utf-8").read()
    refused("modified-address", raw.replace('"15.236.20.7"', '"15.236.20.8"'), "digest mismatch")
    m = json.loads(raw)
    m["manifest"]["text"] = m["manifest"]["text"].replace("capital: 18", "capital: 8")
    refused("modified-manifest", json.dumps(m), "digest mismatch")
    refused("truncated", raw[:4000], "not JSON")
    refused("not-json", "\x00\x01garbage", "not JSON")
    refused("wrong-schema", json.dumps({"schema_version": 9}), "schema version")
    no_int = json.loads(raw)
    del no_int["integrity"]
    refused("no-integrity", json.dumps(no_int), "no digest")
    bad = json.loads(raw)
    bad["geo"]["answers"][0]["location"] = "XX"
    refused("resealed-bad-country", json.dumps(reseal(bad)), "not an assigned ISO 3166-1")
    bad = json.loads(raw)
    bad["tls"][0]["capture"]["chain"] = "nope"
    refused("resealed-bad-chain", json.dumps(reseal(bad)), "tls[0]")
    bad = json.loads(raw)
    bad["manifest"]["text"] = "sovcheck: 1\nservice: {name: X}\nprovder: {}\n"
    refused("resealed-manifest-not-its-digest", json.dumps(reseal(bad)), "manifest.sha256")
    bad["manifest"]["sha256"] = hashlib.sha256(bad["manifest"]["text"].encode()).hexdigest()
    refused("resealed-invalid-manifest", json.dumps(reseal(bad)), "unknown key 'provder'")
    # One vocabulary for what check writes and report reads: every kind of
    # value, made wrong in a resealed bundle, is refused with its name.
    def edited(path, value):
        doc = json.loads(raw)
        node = doc
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
        return json.dumps(reseal(doc))
    vocabulary = [
        ("ip-not-an-address", ["geo", "answers", 0, "ip"], "zzz", "ip is not an IP address"),
        ("ip-not-canonical", ["geo", "answers", 0, "ip"], "015.236.020.007", "ip is not an IP"),
        ("country-kosovo", ["geo", "answers", 0, "location"], "XK", "not an assigned ISO"),
        ("country-eu", ["geo", "answers", 0, "location"], "EU", "not an assigned ISO"),
        ("date-31-february", ["date"], "2026-02-31", "not a real date"),
        ("geodb-date-31-february", ["geo", "databases", 0, "data_date"], "2026-02-31",
         "real dates"),
        ("offline-yes", ["offline"], "yes", "offline: not true or false"),
        ("port-zero", ["tls", 0, "port"], 0, "port must be 1 to 65535"),
        ("host-empty-label", ["tls", 0, "host"], "A..B", "host is neither"),
        ("id-not-the-capture", ["tls", 0, "id"], "tls:other.example:443", "do not agree"),
        ("observed-31-february", ["tls", 0, "capture", "observed"], "2026-02-31T10:00:00Z",
         "observed is not a UTC time"),
        ("name-match-yes", ["tls", 0, "capture", "name_match"], "yes", "name_match"),
        ("capture-address-garbage", ["tls", 0, "capture", "address"], "zzz", "address is not"),
        # What each database said, and how specific: the network must hold
        # the address, lengths belong to its family, inputs are text.
        ("source-network-garbage", ["geo", "answers", 0, "sources", 0, "network"], "zzz",
         "network is not a network"),
        ("source-network-elsewhere", ["geo", "answers", 0, "sources", 0, "network"],
         "10.0.0.0/8", "network is not a network"),
        ("source-network-host-bits", ["geo", "answers", 0, "sources", 0, "network"],
         "15.236.20.7/16", "network is not a network"),
        ("source-prefix-33", ["geo", "answers", 0, "sources", 0, "country_prefix"], 33,
         "not a prefix length"),
        ("source-prefix-negative", ["geo", "answers", 0, "sources", 0, "asn_prefix"], -1,
         "not a prefix length"),
        ("source-prefix-text", ["geo", "answers", 0, "sources", 0, "asn_prefix"], "16",
         "not a prefix length"),
        ("source-input-empty", ["geo", "answers", 0, "sources", 0, "country_source"], "",
         "not the text of an input"),
        ("source-input-huge", ["geo", "answers", 0, "sources", 0, "asn_source"], "x" * 1025,
         "not the text of an input"),
        ("source-input-number", ["geo", "answers", 0, "sources", 0, "country_source"], 3,
         "not the text of an input"),
    ]
    for name, path, value, needle in vocabulary:
        refused("vocabulary-" + name, edited(path, value), needle)
    # A bundle written before the networks of the answers were recorded
    # loads, and gives the same verdicts (its answers are least specific).
    old = json.loads(raw)
    for a in old["geo"]["answers"]:
        for src in a.get("sources", []):
            for k in ("as_org", "network", "country_prefix", "asn_prefix", "country_source",
                      "asn_source"):
                src.pop(k, None)
    path = os.path.join(t, "before-networks.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(reseal(old), f)
    p = run("report", path, "-q", "-o", os.path.join(t, "old"))
    with open(os.path.join(t, "old", "findings.json")) as f:
        od = json.load(f)
    with open(os.path.join(first, "findings.json")) as f:
        nd = json.load(f)
    check(p.returncode == 1 and [q["verdict"] for q in od["requirements"]] ==
          [q["verdict"] for q in nd["requirements"]],
          "a bundle without the networks loads, same verdicts (exit %d: %s)"
          % (p.returncode, p.stderr.strip()[:200]))
    bad = json.loads(raw)
    bad["dns"]["names"][0]["answers"] = "x"
    refused("resealed-bad-dns", json.dumps(reseal(bad)), "answers")
    dup = raw.replace('"schema_version": 2,', '"schema_version": 2, "schema_version": 2,', 1)
    check(dup != raw, "the bundle has a schema_version member to duplicate")
    refused("duplicate-key", dup, "not JSON")

    # Schema 2: every certificate once, keyed by the SHA-256 of its DER;
    # each chain names its certificates by that key.
    certs = doc["certificates"]
    chains = [t["capture"]["chain"] for t in doc["tls"]]
    named = [h for c in chains for h in c]
    check(doc["schema_version"] == 2 and set(named) == set(certs) and len(certs) < len(named),
          "schema 2: the chains name %d certificates, the table holds the %d distinct ones once"
          % (len(named), len(certs)))
    check(all(hashlib.sha256(base64.b64decode(c["der"])).hexdigest() == h
              for h, c in certs.items()),
          "each certificate's key is the SHA-256 of its DER")
    check(all("der" in c and "subject" in c and "sha256" not in c and "from_store" not in c
              for c in certs.values()) and
          all(isinstance(t["capture"]["from_store"], list) for t in doc["tls"]),
          "a certificate keeps its analysis; whether the store added it is the chain's")
    # The file: keys in sorted order at every level, the integrity member
    # last — the canonical form, indented, as it was hashed.
    def pairs_sorted(pairs):
        keys = [k for k, _ in pairs]
        if keys and keys[-1] == "integrity":
            keys = keys[:-1]
        if keys != sorted(keys):
            raise ValueError("unsorted: %s" % keys)
        return dict(pairs)
    try:
        json.loads(raw, object_pairs_hook=pairs_sorted)
        ordered = True
    except ValueError:
        ordered = False
    check(ordered and list(doc)[-1] == "integrity" and raw.endswith("}\n"),
          "the file is written in key order with the integrity digest last")
    check("json.dumps" in doc["integrity"]["method"],
          "the digest's method names the recipe that reproduces it")

    # Hostile certificate tables, resealed: exit 3 with the reason.
    def v2(edit):
        d = json.loads(raw)
        edit(d)
        return json.dumps(reseal(d))
    first_key = sorted(certs)[0]
    def missing(d):
        d["certificates"].pop(d["tls"][0]["capture"]["chain"][0])
    refused("chain-names-a-missing-certificate", v2(missing), "do not hold")
    def swapped(d):
        a, b = sorted(d["certificates"])[:2]
        ca, cb = d["certificates"][a], d["certificates"][b]
        ca["der"], cb["der"] = cb["der"], ca["der"]
    refused("certificate-not-its-key", v2(swapped), "not its key")
    def unused(d):
        # a chain member named by no other chain, dropped from its chain
        for t in d["tls"]:
            c = t["capture"]
            last = len(c["chain"]) - 1
            if last > 0 and named.count(c["chain"][last]) == 1:
                c["chain"].pop()
                c["from_store"] = [i for i in c["from_store"] if i < last]
                return
        raise AssertionError("no certificate named once")
    refused("certificate-no-chain-holds", v2(unused), "no chain holds this certificate")
    def not_a_key(d):
        d["tls"][0]["capture"]["chain"][0] = "zz"
    refused("chain-member-not-a-fingerprint", v2(not_a_key), "not a SHA-256 fingerprint")
    def embedded(d):
        d["tls"][0]["capture"]["chain"][0] = {"der": certs[first_key]["der"]}
    refused("chain-member-a-certificate", v2(embedded), "not a SHA-256 fingerprint")
    def huge_chain(d):
        d["tls"][0]["capture"]["chain"] = [first_key] * 100000
    refused("chain-of-100000", v2(huge_chain), "chain")
    def store_out_of_range(d):
        d["tls"][0]["capture"]["from_store"] = [len(d["tls"][0]["capture"]["chain"])]
    refused("from-store-beyond-the-chain", v2(store_out_of_range), "from_store")
    def store_huge(d):
        d["tls"][0]["capture"]["from_store"] = list(range(100000))
    refused("from-store-of-100000", v2(store_huge), "from_store")
    def no_table(d):
        del d["certificates"]
    refused("no-certificate-table", v2(no_table), "certificates")
    def table_of_garbage(d):
        for i in range(200000):
            d["certificates"]["%064x" % i] = {"der": "AAAA"}
    refused("200000-unused-certificates", v2(table_of_garbage), "no chain holds")
    def real(d):
        d["tls"][0]["port"] = 443.0
    refused("real-number", v2(real), "fraction")
    k = raw.index('"' + first_key + '"')
    refused("duplicate-certificate-key", raw[:k] + '"%s": {},' % first_key + raw[k:], "not JSON")

    # A bundle of schema 1 (kept as check wrote it before schema 2): its
    # digest is still the documented recipe's, report reads it (and gives
    # the findings it gave then: e2e case 0024), and an edit is refused.
    old_path = os.path.join(SRC, "tests", "cases", "0024-schema-1-bundle-reports-as-before",
                            "evidence.json")
    old_raw = open(old_path, encoding="utf-8").read()
    old1 = json.loads(old_raw)
    check(old1["schema_version"] == 1 and old1["integrity"]["digest"] == digest(old1),
          "a schema-1 bundle's digest is reproduced by the same recipe")
    p = run("report", old_path, "-q", "-o", os.path.join(t, "schema1"))
    check(p.returncode == 1, "report reads a schema-1 bundle (exit %d: %s)"
          % (p.returncode, p.stderr.strip()[:200]))
    refused("schema-1-modified", old_raw.replace('"15.236.20.7"', '"15.236.20.8"'),
            "digest mismatch")
    bad1 = json.loads(old_raw)
    bad1["tls"][0]["capture"]["chain"][0]["der"] = "AAAA"
    refused("schema-1-resealed-bad-der", json.dumps(reseal(bad1)), "does not decode")

finish()
