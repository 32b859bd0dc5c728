#!/usr/bin/env python3
"""Text from inputs is shown, never acted on: a manifest whose names carry
terminal escape sequences, carriage returns, C1 controls, a bidirectional
override, an HTML script element, quotes, an emoji and a spreadsheet formula
goes through check (terminal with -v, Markdown, HTML, CSV, SARIF, JSON, the
bundle), report and diff; no output but the JSON ones (which escape them the
JSON way) holds any of those characters, no CSV field starts like a formula,
and the HTML documents show the markup as text.

Usage: escape_check.py SOVCHECK SRCDIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from testlib import check, finish

SOVCHECK, SRC = sys.argv[1], sys.argv[2]

MANIFEST = r'''sovcheck: 1
service: {name: "Evil\e[2J\e[32mALL PASS\r\u202Egnp.exe\u0085x <script>alert('x')</script> \"q\" \U0001F680"}
provider: {name: "Prov\e]0;pwned\a", registered_office: FR, central_administration: FR,
           principal_establishment: FR, government_links: []}
locations:
  data: [{site: "PAR\r-1", country: FR, holds: [customer]}]
endpoints:
  - {host: api.shop.example, role: api, data: customer, tls: false}
subcontractors:
  - {name: "=HYPERLINK(\"http://x\",\"click\")", country: US, service: "cdn\e[1A", data_access: customer}
sources: {zones: [shop.zone]}
'''
ZONE = """$ORIGIN shop.example.
$TTL 60
@ IN SOA ns1 h 1 7200 3600 1209600 60
@ IN NS ns1
ns1 IN A 192.0.2.1
api IN A 192.0.2.10
"""
BAD = [b"\x1b", b"\x07", "\u202e".encode(), "\u0085".encode()]


def clean(data, name, allow_crlf=False):
    text = data.replace(b"\r\n", b"\n") if allow_crlf else data
    found = [repr(b) for b in BAD + [b"\r"] if b in text]
    check(not found, "%s holds no raw control or override characters %s" % (name, found))


def main():
    tmp = tempfile.mkdtemp(prefix="sc-escape-")
    try:
        m = os.path.join(tmp, "service.yaml")
        with open(m, "w", encoding="utf-8") as f:
            f.write(MANIFEST)
        with open(os.path.join(tmp, "shop.zone"), "w") as f:
            f.write(ZONE)
        out = os.path.join(tmp, "out")
        p = subprocess.run([SOVCHECK, "check", m, "--offline", "--date", "2026-11-22", "-v", "-o",
                            out, "--format", "json,md,html,csv,sarif,evidence", "--lang", "fr,en"],
                           capture_output=True, timeout=120)
        check(p.returncode in (1, 2), "check runs (exit %d)" % p.returncode)
        clean(p.stdout, "the terminal output (check -v)")
        clean(p.stderr, "the terminal errors")
        check(b"\\x1B" in p.stdout, "the escape is shown as \\x1B on the terminal")
        for name in sorted(os.listdir(out)):
            with open(os.path.join(out, name), "rb") as f:
                data = f.read()
            if name.endswith(".md"):
                clean(data, name)
            elif name.endswith(".html"):
                clean(data, name)
                check(b"<script" not in data.lower(), "%s holds no script element" % name)
                check(b"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;q&quot; "
                      + "\U0001F680".encode() in data,
                      "%s shows the name's markup, quotes and emoji as text" % name)
            elif name.endswith(".csv"):
                clean(data, name, allow_crlf=True)
                for line in data.decode().splitlines():
                    for cell in line.split(","):
                        c = cell.lstrip('"')
                        check(not c.startswith(("=", "+", "@")), "%s: no cell starts like a formula "
                              "(%r)" % (name, c[:30]))
            elif name.endswith((".json", ".sarif")):
                doc = json.loads(data)
                check(b"\x1b" not in data, "%s escapes controls the JSON way" % name)
        with open(os.path.join(out, "findings.json"), encoding="utf-8") as f:
            check("\x1b[2J" in json.load(f)["service"], "findings.json keeps the value itself")
        again = os.path.join(tmp, "again")
        p = subprocess.run([SOVCHECK, "report", os.path.join(out, "evidence.json"), "-o", again,
                            "-v"], capture_output=True, timeout=120)
        clean(p.stdout, "report -v")
        p = subprocess.run([SOVCHECK, "diff", os.path.join(out, "evidence.json"),
                            os.path.join(out, "evidence.json")], capture_output=True, timeout=120)
        clean(p.stdout, "diff")
        # A manifest error quoting a hostile value.
        bad = os.path.join(tmp, "bad.yaml")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('sovcheck: 1\nservice: {name: x}\n"evil\\e[2Jkey": 1\n')
        p = subprocess.run([SOVCHECK, "validate", bad], capture_output=True, timeout=60)
        check(p.returncode == 3, "the bad manifest is refused")
        clean(p.stderr, "a diagnostic quoting a hostile key")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
