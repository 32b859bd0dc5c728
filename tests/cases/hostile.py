#!/usr/bin/env python3
"""Hostile manifests, generated at run time: each must end with exit 3 and a
clear message naming the problem, within a bounded time, for both
`sovcheck validate` and `sovcheck check --offline`.

Usage: hostile.py SOVCHECK
"""
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
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
