#!/usr/bin/env python3
"""End-to-end cases: each directory NNNN-slug/ under tests/cases holds

  cmd          the sovcheck arguments, one line; {case} is the case directory,
               {src} the source tree, {out} a fresh output directory,
               {geodb} a test database built from the case's *.csv files
  *.csv        (optional) ranges for `sovcheck geodb build --csv`
  exit         the expected exit code
  findings.json (optional) expected {out}/findings.json, byte for byte
  stderr.txt   (optional) lines that must each appear in stderr
  stdout.txt   (optional) lines that must each appear in stdout

The expected findings.json is compared with the registry's size and review
dates (data_sources.registry) masked, so that registry edits do not break
every case; everything else must match exactly. Every case also runs twice
when it writes findings.json, and both runs must be byte-identical (reports
are deterministic for the same inputs).

Usage: run_cases.py SOVCHECK CASES_DIR SRC_DIR [--update]
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

def masked(raw):
    doc = json.loads(raw)
    if isinstance(doc.get("data_sources"), dict) and "registry" in doc["data_sources"]:
        doc["data_sources"]["registry"] = "(masked)"
    return json.dumps(doc, indent=2, ensure_ascii=False)

def build_geodb(sovcheck, case, tmp):
    csvs = sorted(f for f in os.listdir(case) if f.endswith(".csv"))
    if not csvs:
        return None
    out = os.path.join(tmp, "test.mmdb")
    args = [sovcheck, "geodb", "build"]
    for c in csvs:
        args += ["--csv", os.path.join(case, c)]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
    p = subprocess.run(args + ["-o", out], capture_output=True, text=True, env=env, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("geodb build failed: " + p.stderr)
    return out

def run(sovcheck, case, src, out, geodb=None):
    with open(os.path.join(case, "cmd"), encoding="utf-8") as f:
        line = f.read().strip()
    line = line.replace("{case}", case).replace("{src}", src).replace("{out}", out)
    line = line.replace("{geodb}", geodb or "")
    args = [sovcheck] + shlex.split(line)
    p = subprocess.run(args, capture_output=True, timeout=60, text=True)
    return p

def main():
    sovcheck, cases_dir, src = sys.argv[1:4]
    update = "--update" in sys.argv[4:]
    names = sorted(d for d in os.listdir(cases_dir)
                   if os.path.isdir(os.path.join(cases_dir, d)) and d[:4].isdigit())
    passed = failed = 0
    for name in names:
        case = os.path.join(cases_dir, name)
        problems = []
        with tempfile.TemporaryDirectory() as t1, tempfile.TemporaryDirectory() as t2:
            out1, out2 = os.path.join(t1, "out"), os.path.join(t2, "out")
            geodb = build_geodb(sovcheck, case, t1)
            p = run(sovcheck, case, src, out1, geodb)
            with open(os.path.join(case, "exit")) as f:
                want = int(f.read().strip())
            if p.returncode != want:
                problems.append(f"exit {p.returncode}, expected {want}")
            for fname, stream in (("stderr.txt", p.stderr), ("stdout.txt", p.stdout)):
                path = os.path.join(case, fname)
                if os.path.exists(path):
                    with open(path, encoding="utf-8") as f:
                        for l in f.read().splitlines():
                            l = l.replace("{case}", case).replace("{src}", src)
                            if l and l not in stream:
                                problems.append(f"{fname[:-4]} lacks: {l}")
            got_path = os.path.join(out1, "findings.json")
            exp_path = os.path.join(case, "findings.json")
            if os.path.exists(exp_path) or (update and os.path.exists(got_path)):
                if not os.path.exists(got_path):
                    problems.append("findings.json was not written")
                else:
                    with open(got_path, "rb") as f:
                        got = f.read()
                    if update:
                        with open(exp_path, "wb") as f:
                            f.write(got)
                    with open(exp_path, "rb") as f:
                        exp = f.read()
                    if masked(got) != masked(exp):
                        problems.append("findings.json differs from the expected file "
                                        f"(diff -u {exp_path} {got_path})")
                        subprocess.run(["diff", "-u", exp_path, got_path])
                    p2 = run(sovcheck, case, src, out2, geodb)
                    with open(os.path.join(out2, "findings.json"), "rb") as f:
                        if f.read() != got:
                            problems.append("a second run gave a different findings.json")
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for pr in problems:
                print(f"  {pr}")
            if p.stderr:
                print("  stderr:\n    " + p.stderr.strip().replace("\n", "\n    "))
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0

if __name__ == "__main__":
    sys.exit(main())
