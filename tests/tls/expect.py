#!/usr/bin/env python3
"""expect.py RESULTS.json < EXPECTATIONS — check tls-driver output.

Each expectation line is "INDEX PATH VALUE" (VALUE may contain spaces):
INDEX is the result's position, PATH a dotted path into it (list indexes are
numbers, "#chain" is the length of a list), VALUE the expected value as
JSON would print it (true, null, 3, text). Blank lines and # comments are
ignored. Every failed expectation is printed; the exit status is 1 if any.
"""
import json
import sys


def walk(obj, path):
    for part in path.split("."):
        if part.startswith("#"):
            obj = len(obj[part[1:]])
        elif isinstance(obj, list):
            obj = obj[int(part)]
        else:
            obj = obj[part]
    return obj


def show(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def main():
    with open(sys.argv[1]) as f:
        results = json.load(f)
    bad = 0
    n = 0
    for line in sys.stdin:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        idx, path, want = (line.split(None, 2) + [""])[:3]
        n += 1
        try:
            got = show(walk(results[int(idx)], path))
        except (KeyError, IndexError, ValueError, TypeError) as e:
            got = "<missing: %r>" % (e,)
        if got != want:
            bad += 1
            print("FAIL result %s %s: want %r, got %r" % (idx, path, want, got))
    print("%d expectations, %d failed" % (n, bad))
    return 1 if bad or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
