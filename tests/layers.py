#!/usr/bin/env python3
"""The library's files only look backwards along the pipeline
(docs/architecture.md): a file of core/ includes headers of its own stage
or of an earlier one, never of a later one, and cmd/ includes only the
public header and its own. Prints every include that breaks the order."""
import os
import re
import sys

# Stages in pipeline order; a folder's files may include headers of their
# own folder and of folders of a lower rank (siblings of one rank, such as
# the three collectors, do not include each other).
RANK = {
    "base": 0, "load": 1,
    "collect/dns": 2, "collect/tls": 2, "collect/geo": 2, "collect": 3,
    "attribute": 4, "changes": 4.5, "assess": 5, "evaluate": 6, "filing": 7,
    "render": 8, "monitor": 8, "include": -1,
}


def stage_of(rel):
    d = os.path.dirname(rel)
    return d[len("core/"):] if d.startswith("core/") else None


def main():
    src = sys.argv[1]
    headers = {}
    files = []
    for root, _, names in os.walk(os.path.join(src, "core")):
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), src)
            if n.endswith(".h"):
                headers.setdefault(n, []).append(rel)
            if n.endswith((".c", ".h")):
                files.append(rel)
    bad = []
    for rel in sorted(files):
        st = stage_of(rel)
        if st not in RANK:
            bad.append("%s: folder %s has no place in the pipeline" % (rel, st))
            continue
        with open(os.path.join(src, rel), encoding="utf-8") as f:
            for no, line in enumerate(f, 1):
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                if not m or m.group(1) not in headers:
                    continue
                for h in headers[m.group(1)]:
                    hs = stage_of(h)
                    if RANK[hs] > RANK[st] or (RANK[hs] == RANK[st] and hs != st):
                        bad.append("%s:%d: includes %s (%s) from %s" % (rel, no, h, hs, st))
    for rel in sorted(os.listdir(os.path.join(src, "cmd"))):
        if not rel.endswith((".c", ".h")):
            continue
        with open(os.path.join(src, "cmd", rel), encoding="utf-8") as f:
            for no, line in enumerate(f, 1):
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                if m and m.group(1) in headers and m.group(1) != "sovcheck.h":
                    bad.append("cmd/%s:%d: the tool includes the internal %s" % (rel, no, m.group(1)))
    for b in bad:
        print("FAIL " + b)
    print("%d files, %d includes against the pipeline" % (len(files), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
