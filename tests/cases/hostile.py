#!/usr/bin/env python3
"""Hostile manifests, generated at run time: each must end with exit 3 and a
clear message naming the problem, within a bounded time, for both
`sovcheck validate` and `sovcheck check --offline`. Hostile evidence
bundles of schema 2 too, for `sovcheck report`, each with a correct
integrity digest (so that the loader gets past it): a chain naming a
certificate the table does not hold, a certificate that is not the one
its key names, duplicate keys, huge lists and tables, deep nesting.

Usage: hostile.py SOVCHECK
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

HDR = b"sovcheck: 1\nservice:\n  name: S\n"

def corpus(d):
    cases = {}
    # Billion laughs: 9 levels of 9 aliases.
    lines = [b'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = b",".join([b"*a%d" % (i - 1)] * 9)
        lines.append(b"a%d: &a%d [%s]" % (i, i, refs))
    cases["billion-laughs"] = (HDR + b"\n".join(lines) + b"\n", "yaml-anchor")
    cases["deep-nesting"] = (HDR + b"provider: " + b"[" * 10000 + b"]" * 10000 + b"\n",
                             "yaml-depth")
    cases["deep-mappings"] = (HDR + b"x:" + b"".join(b"\n" + b" " * (i + 1) + b"k:" for i in range(200))
                              + b" v\n", "yaml-depth")
    cases["huge-scalar"] = (None, "file-size")   # written separately: 100 MB
    cases["long-scalar"] = (HDR + b"provider:\n  name: " + b"x" * 200000 + b"\n",
                            "yaml-scalar-size")
    cases["invalid-utf8"] = (HDR + b"provider:\n  name: \xc3\x28 \xff\xfe\n", "yaml-syntax")
    cases["duplicate-keys"] = (HDR + b"provider:\n  name: A\n  name: B\n", "duplicate-key")
    cases["binary-junk"] = (bytes((i * 131 + 7) % 256 for i in range(65536)), "")
    cases["nul-bytes"] = (HDR + b"provider:\n  name: \"a\\0b\"\n", "yaml-nul")
    # more nodes than the limit (2,000,000) in 16 MiB: nested one-element
    # lists, each two nodes for 4 bytes
    cases["many-nodes"] = (HDR + b"domains: [" + b",".join([b"[[1]]"] * 700000) + b"]\n",
                           "yaml-nodes")
    cases["long-list"] = (HDR + b"domains: [" + b",".join([b"a.example"] * 100001) + b"]\n",
                          "limit")
    cases["alias-only"] = (HDR + b"provider: *nothing\n", "")
    cases["multi-document"] = (HDR + b"---\n" + HDR, "yaml-multi-doc")
    cases["not-a-mapping"] = (b"- just\n- a list\n", "type")
    cases["empty-file"] = (b"", "empty")
    for name, (data, _) in cases.items():
        path = os.path.join(d, name + ".yaml")
        if data is None:
            with open(path, "wb") as f:
                f.write(HDR + b"provider:\n  name: ")
                chunk = b"x" * (1 << 20)
                for _ in range(100):
                    f.write(chunk)
                f.write(b"\n")
        else:
            with open(path, "wb") as f:
                f.write(data)
    return cases

def sealed(doc):
    """doc with its integrity digest (the recipe of docs/checks.md), as text."""
    body = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    doc = dict(doc, integrity={"algorithm": "sha256",
                               "digest": hashlib.sha256(body.encode()).hexdigest()})
    return json.dumps(doc, ensure_ascii=False).encode()

def bundle(tls=(), certs=None):
    """A bundle of schema 2 for a minimal manifest, with these captures and
    this certificate table."""
    text = "sovcheck: 1\nservice:\n  name: S\n"
    return {"schema_version": 2, "tool": {"name": "sovcheck", "version": "0"},
            "date": "2026-11-22", "offline": True,
            "manifest": {"file": "s.yaml", "text": text,
                         "sha256": hashlib.sha256(text.encode()).hexdigest()},
            "dns_sources": None, "tls_source": "PEM files", "dns": None,
            "dns_certificate_hosts": None, "geo": {"answers": [], "databases": []},
            "certificates": certs if certs is not None else {}, "tls": list(tls)}

def capture(host, chain, from_store=()):
    return {"id": "tls:%s:443" % host, "host": host, "port": 443,
            "capture": {"host": host, "address": None, "port": 443, "source": "live",
                        "status": "ok", "detail": "", "observed": "2026-11-22T10:00:00Z",
                        "chain": list(chain), "from_store": list(from_store),
                        "verify": {"ok": False, "code": None, "reason": None},
                        "name_match": False, "presented": len(chain), "dependencies": []}}

def bundle_corpus(d):
    h = "ab" * 32
    cases = {
        "missing-certificate": (sealed(bundle([capture("a.example", [h])])), "bundle"),
        "certificate-not-der": (sealed(bundle([capture("a.example", [h])],
                                              {h: {"der": "AAAA"}})), "bundle"),
        "certificate-unused": (sealed(bundle([], {h: {"der": "AAAA"}})), "bundle"),
        "chain-not-fingerprints": (sealed(bundle([capture("a.example", ["../../x"])])),
                                   "bundle"),
        "huge-chain": (sealed(bundle([capture("a.example", [h] * 200000)])), "bundle"),
        "huge-from-store": (sealed(bundle([capture("a.example", [h], range(200000))])),
                            "bundle"),
        "100001-captures": (sealed(bundle([capture("h%d.example" % i, [])
                                           for i in range(100001)])), "bundle"),
        "500000-certificates": (sealed(bundle([], {"%064x" % i: {"der": "AAAA"}
                                                   for i in range(500000)})), "bundle"),
        "duplicate-certificate-keys": (sealed(bundle([], {h: {"der": "AAAA"}})).replace(
            b'"certificates": {', b'"certificates": {"%s": {}, ' % h.encode(), 1), "json"),
        "deep-nesting": (sealed(bundle()).replace(b'"dns": null', b'"dns": ' + b"[" * 100000 +
                                                  b"]" * 100000, 1), "json"),
        "real-number": (sealed(bundle([capture("a.example", [])])).replace(
            b'"port": 443', b'"port": 443.0', 1), "bundle"),
    }
    for name, (data, _) in cases.items():
        with open(os.path.join(d, name + ".json"), "wb") as f:
            f.write(data)
    return cases

def main():
    sovcheck = sys.argv[1]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as d:
        cases = corpus(d)
        for name, (_, rule) in sorted(cases.items()):
            path = os.path.join(d, name + ".yaml")
            for args in (["validate", path], ["check", path, "--offline", "-q",
                                              "-o", os.path.join(d, "out-" + name)]):
                t0 = time.monotonic()
                try:
                    p = subprocess.run([sovcheck] + args, capture_output=True, timeout=30)
                except subprocess.TimeoutExpired:
                    print(f"FAIL {name} {args[0]}: no answer within 30 s")
                    failed += 1
                    continue
                dt = time.monotonic() - t0
                err = p.stderr.decode("utf-8", "replace")
                ok = p.returncode == 3 and f"{os.path.basename(path)}:" in err \
                    and "error: [" in err and (not rule or f"[{rule}]" in err)
                if ok and args[0] == "check" and os.path.exists(os.path.join(d, "out-" + name)):
                    ok = False
                    err += "\n(check wrote an output directory for an invalid manifest)"
                if ok:
                    passed += 1
                    print(f"ok   {name} {args[0]} ({dt:.2f} s)")
                else:
                    failed += 1
                    print(f"FAIL {name} {args[0]}: exit {p.returncode}, expected 3 with [{rule}]")
                    print("  " + err.strip()[:2000].replace("\n", "\n  "))
        for name, (_, rule) in sorted(bundle_corpus(d).items()):
            path = os.path.join(d, name + ".json")
            out = os.path.join(d, "report-" + name)
            t0 = time.monotonic()
            try:
                p = subprocess.run([sovcheck, "report", path, "-q", "-o", out],
                                   capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                print(f"FAIL bundle {name}: no answer within 60 s")
                failed += 1
                continue
            dt = time.monotonic() - t0
            err = p.stderr.decode("utf-8", "replace")
            ok = p.returncode == 3 and f"{name}.json" in err and f"error: [{rule}]" in err \
                and not os.path.exists(out)
            if ok:
                passed += 1
                print(f"ok   bundle {name} ({dt:.2f} s)")
            else:
                failed += 1
                print(f"FAIL bundle {name}: exit {p.returncode}, expected 3 with [{rule}]")
                print("  " + err.strip()[:2000].replace("\n", "\n  "))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
