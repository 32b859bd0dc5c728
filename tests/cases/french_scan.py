#!/usr/bin/env python3
"""French outputs hold no English sentence: only proper names and quoted
evidence.

scan(out_dir, yaml_inputs, laws_file) looks at every French document of a
filing (*.fr.md, *.fr.html) for English function words. What may be
English is taken out first, each from where it comes, not from the
document: the strings of the manifest and the other YAML inputs (the
provider's own words: descriptions, notes, treatments), the names of laws
and their citations (policies/laws.yaml), the names findings.json gives to
entities (dependencies and their controllers' holders, risks whose party is a proper name, the text values
of messages — but never a reason, a basis or a path), quoted evidence
(« … », `…`) and URLs. Whatever English is left is reported with its line.

Usable alone: french_scan.py OUT_DIR [YAML...] (exit 1 on a hit).
"""
import glob
import json
import os
import re
import sys

import yaml

# English words that are not also French ("or", "on", "an", "a", "son"… are).
FUNCTION_WORDS = set("""
the The of and is are with without from by to in for not has have which that
this its their be was were but at as it who what where when must can
cannot does only into per been than then there these those would should could
""".split())


def yaml_strings(path, out):
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except (OSError, yaml.YAMLError):
        return

    def walk(v):
        if isinstance(v, str):
            out.add(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(doc)


def message_texts(m, out):
    """String values of a message's params, except paths."""
    if isinstance(m, dict):
        for k, v in (m.get("params") or {}).items():
            if k == "path":
                continue
            if isinstance(v, str):
                out.add(v)
            elif isinstance(v, dict):
                message_texts(v, out)
            elif isinstance(v, list):
                for x in v:
                    if isinstance(x, str):
                        out.add(x)
                    else:
                        message_texts(x, out)


def findings_names(path, out):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return
    for d in doc.get("dependencies") or []:
        for k in ("subject", "as_org", "operator", "controller"):
            if isinstance(d.get(k), str):
                out.add(d[k])
        for h in d.get("controller_holders") or []:   # holders' names are names
            if isinstance(h, dict) and isinstance(h.get("name"), str):
                out.add(h["name"])
    for r in doc.get("risks") or []:
        if "entity_message" not in r and isinstance(r.get("entity"), str):
            out.add(r["entity"])
        message_texts(r, out)
    for q in doc.get("requirements") or []:
        for f in q.get("findings") or []:
            out.add(f.get("subject") or "")
            message_texts(f, out)


def scan(out_dir, yaml_inputs=(), laws_file=None):
    allowed = set()
    for y in yaml_inputs:
        yaml_strings(y, allowed)
    if laws_file:
        yaml_strings(laws_file, allowed)
    findings_names(os.path.join(out_dir, "findings.json"), allowed)
    allowed = sorted((a for a in allowed if len(a) >= 2), key=len, reverse=True)
    # whole words only: "fr" of a manifest must not cut "offres" into "of"
    allowed = [re.compile(r"(?<!\w)" + re.escape(a) + r"(?!\w)") for a in allowed]
    problems = []
    docs = sorted(glob.glob(os.path.join(out_dir, "*.fr.md")) +
                  glob.glob(os.path.join(out_dir, "*.fr.html")))
    for doc in docs:
        with open(doc, encoding="utf-8") as f:
            text = f.read()
        if doc.endswith(".html"):
            text = re.sub(r"<style.*?</style>|<script.*?</script>|<svg.*?</svg>", " ", text,
                          flags=re.S)
            text = re.sub(r"<[^>]+>", " ", text)
            text = (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                    .replace("&#39;", "'").replace("&amp;", "&"))
        for n, line in enumerate(text.split("\n"), 1):
            l = re.sub(r"«[^»]*»|`[^`]*`|https?://\S+", " ", line)
            for a in allowed:
                l = a.sub(" ", l)
            # a placeholder left unrendered ("{n}", "\\{n risques\\}")
            if re.search(r"\\?\{[a-z_]+(\||\\?\}| )", l):
                problems.append("%s:%d: a placeholder left in the text: %s"
                                % (os.path.basename(doc), n, line.strip()[:200]))
            # identifiers, paths, digests and field names are not words
            tokens = re.findall(r"[A-Za-z0-9_./\\-]+", l)
            hits = [w for w in tokens if w.isalpha() and w in FUNCTION_WORDS]
            if hits:
                problems.append("%s:%d: English (%s): %s" % (os.path.basename(doc), n,
                                ", ".join(sorted(set(hits))), line.strip()[:200]))
    return docs, problems


def main():
    out_dir = sys.argv[1]
    src = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    docs, problems = scan(out_dir, sys.argv[2:], os.path.join(src, "policies", "laws.yaml"))
    for p in problems:
        print(p)
    print("%d French document(s), %d line(s) with English" % (len(docs), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
