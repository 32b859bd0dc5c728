#!/usr/bin/env python3
"""A filing is replaced as a whole: whatever happens to a run, its output
directory holds one complete, self-consistent filing (every file listed in
SHA256SUMS with its digest, all of one run) or the previous one.

  kill      SIGKILL at 60 random moments of `check` (each run with another
            --date, so that a mix of two runs would show): after every kill
            the directory passes `sha256sum -c` and its findings.json and
            evidence.json carry the same date; the next complete run removes
            what the killed ones left, and says so
  full disk the second filing into a tmpfs that holds one: exit 4, the first
            filing intact, nothing left beside it (a mount namespace of the
            test's own, needs root as the suite does)
  lock      a run while another holds the directory's lock is refused with a
            clear message; two runs started together never mix

Usage: atomic_check.py SOVCHECK SRCDIR
"""
import fcntl
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

from testlib import check, finish

SOVCHECK, SRC = sys.argv[1], sys.argv[2]
DEMO = os.path.join(SRC, "examples", "acme-storage", "service.yaml")


def args(out, day, extra=()):
    date = "2026-%02d-%02d" % (1 + day // 28 % 12, 1 + day % 28)
    return [SOVCHECK, "check", DEMO, "--offline", "--date", date, "-o", out, "-q",
            "--no-progress", "--format", "json,md,evidence,csv,sarif", *extra], date


def consistent(out):
    """None if out holds one complete filing, else what is wrong."""
    if not os.path.exists(out):
        return None
    p = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=out,
                       capture_output=True, text=True)
    if p.returncode != 0:
        return "sha256sum -c: " + (p.stdout + p.stderr).strip()[:300]
    listed = set()
    with open(os.path.join(out, "SHA256SUMS")) as f:
        for line in f:
            listed.add(line.split("  ", 1)[1].strip())
    extra = set(os.listdir(out)) - listed - {"SHA256SUMS"}
    if extra:
        return "files not listed: %s" % sorted(extra)
    with open(os.path.join(out, "findings.json")) as f:
        fd = json.load(f)["date"]
    with open(os.path.join(out, "evidence.json")) as f:
        ed = json.load(f)["date"]
    return None if fd == ed else "findings.json of %s beside evidence.json of %s" % (fd, ed)


def leftovers(parent):
    return [n for n in os.listdir(parent) if ".sovcheck-new-" in n or ".sovcheck-old-" in n]


def main():
    tmp = tempfile.mkdtemp(prefix="sc-atomic-")
    try:
        out = os.path.join(tmp, "filing")
        # How long a run takes here, to kill within it.
        t0 = time.monotonic()
        subprocess.run(args(out, 0)[0], check=False, capture_output=True)
        span = max(time.monotonic() - t0, 0.05)
        rng = random.Random(1809)
        bad = []
        interrupted = 0
        for i in range(1, 61):
            a, _ = args(out, i)
            p = subprocess.Popen(a, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # Half of the kills anywhere, half in the last part of the run,
            # where the files are written.
            time.sleep(rng.uniform(0, span * 1.1) if i % 2 else rng.uniform(span * 0.6, span))
            try:
                p.kill()
            except ProcessLookupError:
                pass
            p.wait()
            why = consistent(out)
            if why:
                bad.append("kill %d: %s" % (i, why))
            interrupted += 1 if leftovers(tmp) else 0
        check(not bad, "60 runs killed at random moments (%d while writing): the directory "
              "always holds one complete filing %s" % (interrupted, bad[:3]))
        # What a run killed while writing leaves, for sure this time.
        stale = os.path.join(tmp, ".filing.sovcheck-new-killed")
        os.mkdir(stale)
        with open(os.path.join(stale, "findings.json"), "w") as f:
            f.write("{}")
        left = leftovers(tmp)
        a, date = args(out, 99)
        p = subprocess.run(a, capture_output=True, text=True)
        check(consistent(out) is None and json.load(open(os.path.join(out, "findings.json")))[
              "date"] == date and not leftovers(tmp),
              "the next complete run is whole and nothing of the killed runs is left")
        check(left and "removed what an interrupted run left" in p.stderr and
              not os.path.exists(stale),
              "it removes what a killed run left and says so (%s)" % p.stderr.strip()[:200])

        # Lock: a run while another holds the directory.
        lockp = os.path.join(tmp, ".filing.sovcheck-lock")
        with open(lockp, "a+") as lk:
            fcntl.flock(lk, fcntl.LOCK_EX)
            a, _ = args(out, 100)
            p = subprocess.run(a, capture_output=True, text=True)
            fcntl.flock(lk, fcntl.LOCK_UN)
        check(p.returncode == 4 and "another sovcheck run is writing" in p.stderr and
              consistent(out) is None,
              "a run while another holds the lock is refused (exit %d: %s)"
              % (p.returncode, p.stderr.strip()[:200]))
        mixes = []
        for i in range(10):
            procs = [subprocess.Popen(args(out, 200 + 2 * i + k)[0], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True) for k in range(2)]
            for q in procs:
                _, err = q.communicate()
                if q.returncode not in (1,) and "another sovcheck run is writing" not in err:
                    mixes.append("exit %d: %s" % (q.returncode, err.strip()[:200]))
            why = consistent(out)
            if why:
                mixes.append(why)
        check(not mixes, "two runs started together: each completes or is refused, never a mix "
              "%s" % mixes[:3])

        # Full disk: a tmpfs that holds one filing, not two.
        size = sum(os.path.getsize(os.path.join(out, n)) for n in os.listdir(out))
        mnt = os.path.join(tmp, "small")
        os.mkdir(mnt)
        script = os.path.join(tmp, "full.sh")
        a1, d1 = args(os.path.join(mnt, "f"), 300)
        a2, _ = args(os.path.join(mnt, "f"), 301)
        with open(script, "w") as f:
            f.write("set -u\nmount -t tmpfs -o size=%dk tmpfs %s || exit 99\n" % (
                size * 3 // 2 // 1024 + 8, mnt))
            f.write(" ".join(map(repr, a1)) + "\necho first=$?\n")
            f.write(" ".join(map(repr, a2)) + " 2>%s/err\necho second=$?\n" % tmp)
            f.write("cd %s/f && sha256sum --quiet -c SHA256SUMS && echo sums=ok\n" % mnt)
            f.write("python3 -c 'import json;print(\"date=\"+json.load(open(\"findings.json\"))"
                    "[\"date\"])'\nls -a %s | grep -c sovcheck-new || true\n" % mnt)
        p = subprocess.run(["unshare", "-m", "sh", script], capture_output=True, text=True)
        o = p.stdout
        err = open(os.path.join(tmp, "err")).read() if os.path.exists(os.path.join(tmp, "err")) else ""
        check("first=1" in o and "second=4" in o and "sums=ok" in o and "date=" + d1 in o and
              o.strip().endswith("0") and "No space left" in err,
              "a full disk: exit 4, the previous filing intact, no staging left (%s / %s / %s)"
              % (o.strip().replace("\n", " "), err.strip()[:200], p.stderr.strip()[:200]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
