#!/usr/bin/env python3
"""End-to-end cases: each directory NNNN-slug/ under tests/cases holds

  cmd           the sovcheck arguments, one line; {case} is the case directory,
                {src} the source tree, {out} a fresh output directory,
                {geodb} a test database built from the case's *.csv files
  *.csv         (optional) ranges for `sovcheck geodb build --csv`
  exit          the expected exit code
  expect.json   (optional) what the case is about, written by hand from the
                manifest and the pack, independently of the tool's output:
                "verdicts" (requirement -> verdict), "findings" (requirement,
                subject, verdict, words the reason contains), "dependencies"
                and "risks" (fields that must match), "output" (the directory
                under {out} the files go to), "levels" (objective of a
                scored pack -> SEAL level), "capped_by" (objective -> the
                factors that hold its level), "packs" (pack id -> verdict,
                and "score" for a scored pack)
  findings.json (optional) the expected {out}/findings.json
  stderr.txt    (optional) lines that must each appear in stderr
  stdout.txt    (optional) lines that must each appear in stdout
  residual-risk.<lang>.md, residual-risk.<lang>.html
                (optional) the expected documents, compared like
                findings.json with the tool's version and the registry's
                size and review dates masked (@VERSION@, N, D)
  stderr-absent.txt, stdout-absent.txt
                (optional) strings that must not appear anywhere in stderr,
                in stdout

The hand-written expectations are checked first. Every French document
the case writes is then scanned for English (french_scan.py: no English
sentence, only proper names and quoted evidence). The golden findings.json
is then compared byte for byte, except the three values of
data_sources.registry (how many entities, oldest and newest review dates),
which change with every registry edit: those are checked directly against
the registry files instead. The golden documents of a case are compared the
same way. Every case that writes findings.json runs twice
and both runs must be byte-identical.

--update rewrites the golden files from the tool's output, but refuses a
case whose hand-written expectations fail (the diff is printed): a wrong
verdict is never blessed by regenerating its golden file.

Usage: run_cases.py SOVCHECK CASES_DIR SRC_DIR [--update]
"""
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import french_scan  # noqa: E402

REGISTRY_FIELDS = re.compile(
    r'("registry": \{\n\s*"entities": )\d+(,\n\s*"reviewed_oldest": )"[0-9-]*"'
    r'(,\n\s*"reviewed_newest": )"[0-9-]*"')


def mask_registry(raw):
    """The bytes with the registry's three values replaced by placeholders."""
    return REGISTRY_FIELDS.sub(r'\1N\2"D"\3"D"', raw)


# The same three values in the documents' data sources ("Entity registry:
# 4180 organisations, facts reviewed 2025-01-02 — 2026-11-01", in French
# "faits revus"), and the tool's version ("produced by sovcheck 0.1.0").
REGISTRY_WORDS = re.compile(r"\d+( organisations, (?:facts reviewed|faits revus) )"
                            r"\d{4}-\d{2}-\d{2} — \d{4}-\d{2}-\d{2}")


def mask_document(raw, version, bundle=None):
    """bundle: the SHA-256 of the run's evidence.json, which the documents
    quote and which changes with the observation times of every run."""
    raw = REGISTRY_WORDS.sub(r"N\1D — D", raw)
    if bundle:
        raw = raw.replace(bundle, "@BUNDLE-SHA256@")
    raw = raw.replace("sovcheck " + version + ", ", "sovcheck @VERSION@, ")
    return raw.replace("sovcheck " + version + " (", "sovcheck @VERSION@ (")


DOCUMENTS = re.compile(r"^(residual-risk|compliance)\.[a-z]{2}\.(md|html)$")


def registry_facts(src, extra=()):
    """Entities and review dates, read from the registry files by this
    script (not by the tool): the shipped ones, and the files a case adds
    with --registry (an entity of the same id replaces the shipped one)."""
    ids, dates = set(), []
    paths = sorted(glob.glob(os.path.join(src, "geodb", "registry", "*.yaml"))) + list(extra)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\s+- id:\s*(\S+)", line)
                if m:
                    ids.add(m.group(1))
                m = re.match(r".*\breviewed:\s*(\d{4}-\d{2}-\d{2})", line)
                if m:
                    dates.append(m.group(1))
    return len(ids), min(dates), max(dates)


def case_registries(case):
    """The registry files a case's cmd adds with --registry."""
    with open(os.path.join(case, "cmd")) as f:
        words = shlex.split(f.read())
    return [words[i + 1].replace("{case}", case) for i, w in enumerate(words[:-1])
            if w == "--registry"]


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
    return subprocess.run(args, capture_output=True, timeout=120, text=True)


def yaml_inputs(case, src):
    """The YAML files a case's command reads (the provider's own words)."""
    with open(os.path.join(case, "cmd"), encoding="utf-8") as f:
        line = f.read().strip().replace("{case}", case).replace("{src}", src)
    out = [t for t in shlex.split(line) if t.endswith((".yaml", ".yml")) and os.path.isfile(t)]
    for m in list(out):
        # the registry files a manifest names beside itself
        d = os.path.dirname(m)
        out += [os.path.join(d, x) for x in os.listdir(d) if x.endswith((".yaml", ".yml"))]
    return out


def check_expectations(exp, doc):
    """Problems of doc (findings.json) against the hand-written expectations."""
    problems = []
    got = {r["id"]: r["verdict"] for r in doc.get("requirements", [])}
    for rid, want in sorted(exp.get("verdicts", {}).items()):
        if got.get(rid) != want:
            problems.append("requirement %s: expected %s, got %s" % (rid, want, got.get(rid)))
    for rid in sorted(set(got) - set(exp.get("verdicts", got))):
        problems.append("requirement %s: not in the expectations" % rid)
    findings = {}
    for r in doc.get("requirements", []):
        for f in r["findings"]:
            findings.setdefault((r["id"], f["subject"]), []).append(f)
    for e in exp.get("findings", []):
        fs = findings.get((e["requirement"], e["subject"]), [])
        ok = [f for f in fs if f["verdict"] == e["verdict"] and
              all(w in f["reason"] for w in e.get("reason_contains", []))]
        if not ok:
            problems.append("finding %s %s: expected %s with %s; got %s" % (
                e["requirement"], e["subject"], e["verdict"], e.get("reason_contains", []),
                [(f["verdict"], f["reason"][:160]) for f in fs] or "none"))
    deps = {(d["kind"], d["subject"]): d for d in doc.get("dependencies", [])}
    for e in exp.get("dependencies", []):
        d = deps.get((e["kind"], e["subject"]))
        for k, v in e.items():
            if d is None or d.get(k) != v:
                problems.append("dependency %s %s: %s expected %r, got %r" % (
                    e["kind"], e["subject"], k, v, None if d is None else d.get(k)))
                break
    objectives = {r["id"]: r["objective"] for r in doc.get("requirements", [])
                  if "objective" in r}
    for rid, want in sorted(exp.get("levels", {}).items()):
        got_l = objectives.get(rid, {}).get("level")
        if got_l != want:
            problems.append("objective %s: expected SEAL-%s, got SEAL-%s" % (rid, want, got_l))
    for rid, want in sorted(exp.get("capped_by", {}).items()):
        got_c = objectives.get(rid, {}).get("capped_by")
        if got_c != want:
            problems.append("objective %s: expected held by %s, got %s" % (rid, want, got_c))
    packs = {p["id"]: p for p in doc.get("packs", [])}
    for pid, want in sorted(exp.get("packs", {}).items()):
        p = packs.get(pid)
        if p is None:
            problems.append("pack %s: not judged" % pid)
            continue
        if "verdict" in want and p["verdict"] != want["verdict"]:
            problems.append("pack %s: expected %s, got %s" % (pid, want["verdict"], p["verdict"]))
        if "score" in want and abs(p.get("scoring", {}).get("score", -1) - want["score"]) > 1e-6:
            problems.append("pack %s: expected score %s, got %s" % (
                pid, want["score"], p.get("scoring", {}).get("score")))
    for e in exp.get("risks", []):
        if not any(all(r.get(k) == v for k, v in e.items()) for r in doc.get("risks", [])):
            problems.append("risk %s: none matches" % json.dumps(e, ensure_ascii=False))
    return problems


def main():
    sovcheck, cases_dir, src = sys.argv[1:4]
    update = "--update" in sys.argv[4:]
    version = subprocess.run([sovcheck, "--version"], capture_output=True, text=True,
                             timeout=60).stdout.split()[-1]
    names = sorted(d for d in os.listdir(cases_dir)
                   if os.path.isdir(os.path.join(cases_dir, d)) and d[:4].isdigit())
    passed = failed = 0
    for name in names:
        case = os.path.join(cases_dir, name)
        problems = []
        exp_path = os.path.join(case, "expect.json")
        exp = None
        if os.path.exists(exp_path):
            with open(exp_path, encoding="utf-8") as f:
                exp = json.load(f)
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
                path = os.path.join(case, fname[:-4] + "-absent.txt")
                if os.path.exists(path):
                    with open(path, encoding="utf-8") as f:
                        for l in f.read().splitlines():
                            if l and l in stream:
                                problems.append(f"{fname[:-4]} has what it must not: {l}")
            sub = exp.get("output", "") if exp else ""
            got_path = os.path.join(out1, sub, "findings.json")
            gold_path = os.path.join(case, "findings.json")
            got = None
            if os.path.exists(got_path):
                with open(got_path, "r", encoding="utf-8", newline="") as f:
                    got = f.read()
            # 1. The hand-written expectations, independent of the tool.
            exp_problems = []
            if exp is not None:
                if got is None:
                    exp_problems.append("findings.json was not written")
                else:
                    doc = json.loads(got)
                    exp_problems = check_expectations(exp, doc)
                    r = (doc.get("data_sources") or {}).get("registry")
                    want_reg = registry_facts(src, case_registries(case))
                    if r is not None and (r.get("entities"), r.get("reviewed_oldest"),
                                          r.get("reviewed_newest")) != want_reg:
                        exp_problems.append("data_sources.registry %r, the registry files say %r"
                                            % (r, want_reg))
            problems += exp_problems
            # 2. French documents: no English sentence.
            fr_dir = os.path.join(out1, sub)
            if os.path.isdir(fr_dir):
                _, fr_problems = french_scan.scan(fr_dir, yaml_inputs(case, src),
                                                  os.path.join(src, "policies", "laws.yaml"))
                problems += fr_problems
            if update and exp_problems:
                print(f"REFUSED {name}: the hand-written expectations fail, the golden file "
                      "is not rewritten")
            elif update and got is not None and (os.path.exists(gold_path) or exp is not None):
                with open(gold_path, "w", encoding="utf-8", newline="") as f:
                    f.write(got)
            # 2. The golden file, byte for byte (registry values excepted).
            if os.path.exists(gold_path):
                with open(gold_path, "r", encoding="utf-8", newline="") as f:
                    gold = f.read()
                if got is None:
                    problems.append("findings.json was not written")
                elif mask_registry(got) != mask_registry(gold):
                    problems.append("findings.json differs from the expected file "
                                    f"(diff -u {gold_path} {got_path})")
                    subprocess.run(["diff", "-u", gold_path, got_path])
            # 2b. The golden documents, the same way.
            for doc in sorted(f for f in os.listdir(case) if DOCUMENTS.match(f)):
                gpath = os.path.join(case, doc)
                opath = os.path.join(out1, sub, doc)
                if not os.path.exists(opath):
                    problems.append("%s was not written" % doc)
                    continue
                bundle = None
                sums = os.path.join(out1, sub, "SHA256SUMS")
                if os.path.exists(sums):
                    with open(sums, encoding="utf-8") as f:
                        for l in f:
                            if l.rstrip("\n").endswith("  evidence.json"):
                                bundle = l.split()[0]
                with open(opath, encoding="utf-8", newline="") as f:
                    got_doc = mask_document(f.read(), version, bundle)
                if update and not exp_problems:
                    with open(gpath, "w", encoding="utf-8", newline="") as f:
                        f.write(got_doc)
                with open(gpath, encoding="utf-8", newline="") as f:
                    if got_doc != mask_document(f.read(), version):
                        problems.append("%s differs from the expected file (diff -u %s %s)"
                                        % (doc, gpath, opath))
                        subprocess.run(["diff", "-u", gpath, opath])
            # 3. Deterministic: a second run gives the same bytes.
            if got is not None:
                run(sovcheck, case, src, out2, geodb)
                with open(os.path.join(out2, sub, "findings.json"), encoding="utf-8",
                          newline="") as f:
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
