#!/usr/bin/env python3
"""The HTML documents in a real browser: headless Chromium (Debian's
`chromium`, installed by scripts/setup.sh) prints each residual-risk.<lang>.html
to PDF and takes a screenshot, for the demo in French and English and for a
large service whose registry names are hostile (markup, quotes, a
right-to-left override, an emoji) and whose graph must be grouped.

For every document:
  - the PDF's every page is A4 portrait (595 x 842 pt, pdfinfo);
  - every heading of the Markdown edition of the same document is in the
    PDF's text (pdftotext), and so are the running header (the reference)
    and the page numbers "1 / N" ... "N / N";
  - nothing is wider than the printed page: under print media emulation at
    the A4 text width (178 mm, through the DevTools protocol on a pipe), the
    page's scrollWidth is not more than its clientWidth and no element ends
    right of it;
  - the dependency graph is an inline SVG with boxes, laid out at a non-zero
    size, no wider than the text;
  - the page loads nothing and runs nothing (no request is made, no script
    element exists), and the hostile names are shown as text.
The PDF, the screenshot and the first page of the PDF as PNG are kept in
the build directory (their paths are printed). Chromium missing is a
failure, not a skip: the setup installs it.

Usage: html_check.py SOVCHECK SRCDIR ARTIFACT_DIR
"""
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cases"))
from testlib import check, finish  # noqa: E402

SOVCHECK, SRC, ARTIFACTS = sys.argv[1], sys.argv[2], sys.argv[3]
TIMEOUT = 120           # seconds for one browser run
A4 = (595.28, 841.89)   # points
TEXT_WIDTH_PX = 672     # 210 mm - 2 x 16 mm margins = 178 mm = 672.8 CSS px

HOSTILE = 'Big <script>alert(1)</script> "Op" \u202eevil \U0001F680'


def browser():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium_args(tmp):
    return ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--user-data-dir=" + os.path.join(tmp, "profile")]


def run_timed(args, **kw):
    """Run a browser command in its own process group, killed whole at the
    time limit. (returncode, stderr, seconds)."""
    t0 = time.monotonic()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         start_new_session=True, **kw)
    try:
        _, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return None, b"timed out", time.monotonic() - t0
    return p.returncode, err, time.monotonic() - t0


class DevTools:
    """The DevTools protocol over --remote-debugging-pipe (fd 3 in, fd 4
    out, messages ending in NUL): enough to emulate print media and read
    the layout."""

    def __init__(self, exe, tmp):
        self.to_r, self.to_w = os.pipe()
        self.from_r, self.from_w = os.pipe()

        def fds():
            os.dup2(self.to_r, 3)
            os.dup2(self.from_w, 4)
        self.p = subprocess.Popen([exe] + chromium_args(tmp) + ["--remote-debugging-pipe",
                                                                "about:blank"],
                                  pass_fds=(3, 4), preexec_fn=fds, start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(self.to_r)
        os.close(self.from_w)
        self.buf = b""
        self.next = 0
        self.deadline = time.monotonic() + TIMEOUT

    def send(self, method, params=None, session=None):
        self.next += 1
        msg = {"id": self.next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        return self.next

    def wait(self, id_=None, event=None):
        while True:
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                msg = json.loads(raw)
                if id_ is not None and msg.get("id") == id_:
                    if "error" in msg:
                        raise RuntimeError("%s" % msg["error"])
                    return msg.get("result", {})
                if event is not None and msg.get("method") == event:
                    return msg.get("params", {})
            left = self.deadline - time.monotonic()
            ready, _, _ = select.select([self.from_r], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError("the browser did not answer within %d s" % TIMEOUT)
            data = os.read(self.from_r, 1 << 20)
            if not data:
                raise RuntimeError("the browser closed the pipe")
            self.buf += data

    def call(self, method, params=None, session=None):
        return self.wait(id_=self.send(method, params, session))

    def close(self):
        try:
            self.send("Browser.close")
            self.p.wait(timeout=10)
        except Exception:
            pass
        if self.p.poll() is None:
            os.killpg(self.p.pid, signal.SIGKILL)
            self.p.wait()
        os.close(self.to_w)
        os.close(self.from_r)


LAYOUT = r"""JSON.stringify((() => {
  const root = document.documentElement, w = root.clientWidth;
  const wide = Array.from(document.querySelectorAll("body *"))
    .filter(e => e.getBoundingClientRect().right > w + 0.5)
    .slice(0, 5).map(e => e.tagName + ": " + (e.textContent || "").slice(0, 60));
  const svg = document.querySelector("figure svg");
  const box = svg ? svg.getBoundingClientRect() : null;
  return {media: matchMedia("print").matches, scrollWidth: root.scrollWidth,
          clientWidth: w, wide: wide, svg: !!svg,
          svgWidth: box ? box.width : 0, svgHeight: box ? box.height : 0,
          boxes: svg ? svg.querySelectorAll("rect").length : 0,
          scripts: document.scripts.length,
          resources: performance.getEntriesByType("resource").length,
          hostile: Array.from(document.querySelectorAll("bdi"))
            .some(b => b.textContent.indexOf("<script>alert(1)</script>") >= 0)};
})())"""


def layout(exe, tmp, html):
    """The page's layout under print media at the A4 text width."""
    dt = DevTools(exe, tmp)
    try:
        target = dt.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = dt.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        dt.call("Page.enable", session=s)
        dt.call("Emulation.setEmulatedMedia", {"media": "print"}, session=s)
        dt.call("Emulation.setScrollbarsHidden", {"hidden": True}, session=s)
        dt.call("Emulation.setDeviceMetricsOverride",
                {"width": TEXT_WIDTH_PX, "height": 1000, "deviceScaleFactor": 1,
                 "mobile": False}, session=s)
        dt.send("Page.navigate", {"url": "file://" + html}, session=s)
        dt.wait(event="Page.loadEventFired")
        r = dt.call("Runtime.evaluate", {"expression": LAYOUT, "returnByValue": True},
                    session=s)
        return json.loads(r["result"]["value"])
    finally:
        dt.close()


def page_sizes(pdf):
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", pdf], capture_output=True,
                         text=True, timeout=60).stdout
    return [(float(a), float(b)) for a, b in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)]


def headings(md_path):
    """The headings of the Markdown edition, as text (Markdown escapes
    undone)."""
    with open(md_path, encoding="utf-8") as f:
        return [re.sub(r"\\(.)", r"\1", m.group(1)).strip()
                for m in re.finditer(r"^#{1,6} (.*)$", f.read(), re.M)]


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def check_document(exe, tmp, out, name, lang, reference, document="residual-risk", chart=False):
    """document: residual-risk (with the graph) or compliance (none; with
    chart, a scored pack's scorecard chart)."""
    graph = document == "residual-risk" or chart
    html = os.path.join(out, "%s.%s.html" % (document, lang))
    md = os.path.join(out, "%s.%s.md" % (document, lang))
    tag = "%s %s %s" % (name, document, lang)
    stem = os.path.join(ARTIFACTS, "html-%s-%s%s" % (name, lang, "" if graph else "-" + document))
    pdf, shot, page1 = stem + ".pdf", stem + "-screen.png", stem + "-page1"
    for f in (pdf, shot, page1 + ".png"):
        if os.path.exists(f):
            os.remove(f)
    check(os.path.exists(html), "%s: %s.%s.html is written" % (tag, document, lang))
    with open(html, encoding="utf-8") as f:
        source = f.read()
    if graph:
        check(source.count("<svg") == 1 and "<rect" in source,
              "%s: the page holds one inline SVG with boxes" % tag)
    if chart:
        check('class="scorecard"' in source and source.count("<rect") >= 8,
              "%s: the scorecard chart has a bar per objective" % tag)
    check("<script" not in source.lower() and "src=" not in source and "href=" not in source
          and "url(" not in source and "@import" not in source,
          "%s: no script, no link, no external resource in the source" % tag)

    rc, err, secs = run_timed([exe] + chromium_args(tmp) + [
        "--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + html])
    check(rc == 0 and os.path.exists(pdf),
          "%s: chromium prints it to PDF (%.1f s)%s" % (tag, secs,
                                                        "" if rc == 0 else ": " + err[-300:].decode(
                                                            errors="replace")))
    if not os.path.exists(pdf):
        return
    sizes = page_sizes(pdf)
    check(sizes and all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in sizes),
          "%s: %d pages, every one A4 portrait (%s)" % (tag, len(sizes),
                                                         sorted(set(sizes))[:3]))
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          text=True, timeout=60).stdout
    flat = squash(text)
    missing = [h for h in headings(md) if squash(h) not in flat]
    check(not missing, "%s: every heading of the Markdown is in the PDF text%s"
          % (tag, " (missing: %s)" % missing[:3] if missing else ""))
    pages = text.split("\f")
    n = len(sizes)
    # (pdftotext may drop the spaces around the slash of a short number)
    check(squash(reference) in squash(pages[0]) and re.search(r"\b1 ?/ ?%d\b" % n, pages[0])
          and re.search(r"\b%d ?/ ?%d\b" % (n, n), pages[n - 1]),
          "%s: the running header and the page numbers 1 / %d ... %d / %d are printed"
          % (tag, n, n, n))

    rc, err, secs = run_timed([exe] + chromium_args(tmp) + [
        "--hide-scrollbars", "--window-size=794,1123", "--screenshot=" + shot, "file://" + html])
    with open(shot, "rb") if os.path.exists(shot) else open(os.devnull, "rb") as f:
        head = f.read(8)
    check(rc == 0 and head == b"\x89PNG\r\n\x1a\n",
          "%s: chromium takes a screenshot (%.1f s): %s" % (tag, secs, shot))
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "96", "-png", "-singlefile", pdf,
                    page1], timeout=60, check=False)
    check(os.path.exists(page1 + ".png"),
          "%s: the first printed page as PNG: %s.png" % (tag, page1))

    try:
        lay = layout(exe, tmp, html)
    except Exception as e:   # the check below says what failed
        lay = {"error": str(e)}
    check(lay.get("media") is True and lay.get("scrollWidth", 1e9) <= lay.get("clientWidth", 0)
          and not lay.get("wide"),
          "%s: under print media at %d px nothing is wider than the page (%s)"
          % (tag, TEXT_WIDTH_PX, {k: lay.get(k) for k in ("scrollWidth", "clientWidth", "wide",
                                                          "error")}))
    if graph:
        check(lay.get("svg") and lay.get("boxes", 0) > 0 and lay.get("svgWidth", 0) > 0 and
              lay.get("svgHeight", 0) > 0 and lay.get("svgWidth", 1e9) <= TEXT_WIDTH_PX + 0.5,
              "%s: the graph is drawn: %s boxes, %.0f x %.0f px" % (
                  tag, lay.get("boxes"), lay.get("svgWidth", 0), lay.get("svgHeight", 0)))
    check(lay.get("scripts") == 0 and lay.get("resources") == 0,
          "%s: the page loads nothing and runs no script" % tag)
    return lay


def demo(tmp, packs=None):
    """The demo of tests/cases/0001-demo-offline, with its test database
    (packs: a --pack list)."""
    case = os.path.join(SRC, "tests", "cases", "0001-demo-offline")
    db = os.path.join(tmp, "demo.mmdb")
    args = [SOVCHECK, "geodb", "build"]
    for c in sorted(f for f in os.listdir(case) if f.endswith(".csv")):
        args += ["--csv", os.path.join(case, c)]
    subprocess.run(args + ["-o", db], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, SOURCE_DATE_EPOCH="1790000000"), timeout=60)
    out = os.path.join(tmp, "demo" if packs is None else "demo-packs")
    p = subprocess.run([SOVCHECK, "check", os.path.join(SRC, "examples", "acme-storage",
                                                        "service.yaml"),
                        "--offline", "--date", "2026-11-22", "--geodb", db, "-o", out, "-q"]
                       + (["--pack", packs] if packs else []),
                       capture_output=True, text=True, timeout=120)
    check(p.returncode == 1, "the demo runs (exit %d) %s" % (p.returncode, p.stderr[-200:]))
    return out


def big(tmp):
    """A service of 90 endpoints behind 40 operators of a registry whose
    first name is hostile: more than 50 boxes, so the graph is grouped."""
    d = os.path.join(tmp, "big")
    os.mkdir(d)
    countries = ["FR", "US", "DE", "CN", "GB", "IT", "JP", "NL"]
    reg = ["sovcheck-registry: 1", "entities:"]
    for k in range(40):
        name = HOSTILE if k == 0 else "Big Operator %d" % k
        reg += ["  - id: big-op-%d" % k, "    name: %s" % json.dumps(name, ensure_ascii=False),
                "    country: %s" % countries[k % len(countries)],
                "    suffixes: {cname: [op%d.example]}" % k,
                "    sources: [{url: https://example.org/%d, fact: test entity, covers: [name, "
                "country, suffixes], reviewed: 2026-11-01}]" % k]
    zone = ["$ORIGIN big.example.", "$TTL 60", "@ IN SOA ns1 h 1 7200 3600 1209600 60",
            "@ IN NS ns1", "ns1 IN A 192.0.2.1"]
    ops = ["$ORIGIN example.", "$TTL 60", "@ IN SOA ns1 h 1 7200 3600 1209600 60",
           "@ IN NS ns1", "ns1 IN A 192.0.2.1"]
    man = ["sovcheck: 1", "service: {name: Big Service}",
           "provider: {name: Big Provider SAS, registered_office: FR, central_administration: FR,"
           " principal_establishment: FR, government_links: []}", "endpoints:"]
    for i in range(90):
        zone.append("h%d IN CNAME h%d.op%d.example." % (i, i, i % 40))
        ops.append("h%d.op%d IN A 192.0.2.%d" % (i, i % 40, 10 + i))
        man.append("  - {host: h%d.big.example, role: api, data: customer, tls: false}" % i)
    man.append("sources: {zones: [big.zone, ops.zone]}")
    for fname, lines in (("registry.yaml", reg), ("big.zone", zone), ("ops.zone", ops),
                         ("s.yaml", man), ("geo.csv", ["192.0.2.0,192.0.2.255,FR"])):
        with open(os.path.join(d, fname), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    db = os.path.join(d, "g.mmdb")
    subprocess.run([SOVCHECK, "geodb", "build", "--csv", os.path.join(d, "geo.csv"), "-o", db],
                   check=True, stdout=subprocess.DEVNULL, timeout=60)
    out = os.path.join(d, "out")
    p = subprocess.run([SOVCHECK, "check", os.path.join(d, "s.yaml"), "--offline", "--geodb", db,
                        "--registry", os.path.join(d, "registry.yaml"), "--date", "2026-11-22",
                        "-o", out, "-q", "--format", "md,html", "--lang", "en"],
                       capture_output=True, text=True, timeout=120)
    check(p.returncode in (1, 2), "the large service runs (exit %d) %s"
          % (p.returncode, p.stderr[-300:]))
    return out


def main():
    exe = browser()
    check(exe is not None, "chromium is installed (scripts/setup.sh deps installs it)")
    for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
        check(shutil.which(tool) is not None, "%s is installed (poppler-utils)" % tool)
    if exe is None or not shutil.which("pdfinfo"):
        finish()
    os.makedirs(ARTIFACTS, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="sc-html-")
    try:
        out = demo(tmp)
        # the demo's manifest gives its document control: the running
        # header carries its reference and version, and its classification
        for lang in ("fr", "en"):
            for document in ("residual-risk", "compliance"):
                check_document(exe, tmp, out, "demo", lang,
                               "ACME-SNC-RR-OBJ-2026 v1.0 · 2026-11-22", document)
                with open(os.path.join(out, "%s.%s.html" % (document, lang)),
                          encoding="utf-8") as f:
                    check("Diffusion restreinte" in f.read(),
                          "demo %s %s: the classification marking is on the page"
                          % (document, lang))
        # several packs, one scored: the compliance report's scorecard and chart
        out = demo(tmp, "secnumcloud-3.2,eu-csf-1.2.1")
        for lang in ("fr", "en"):
            check_document(exe, tmp, out, "demo-csf", lang,
                           "ACME-SNC-RR-OBJ-2026 v1.0 · 2026-11-22", "compliance", chart=True)
        out = big(tmp)
        lay = check_document(exe, tmp, out, "large", "en",
                             "Big Provider SAS · Big Service · SecNumCloud §5.3.d · 2026-11-22")
        with open(os.path.join(out, "residual-risk.en.html"), encoding="utf-8") as f:
            source = f.read()
        check("entries grouped per operator" in source and "more (see the table)" in source,
              "large: the graph groups the entries and cuts its columns")
        check(lay is not None and lay.get("hostile") and "\u202e" not in source,
              "large: the hostile name is text in the page, its override shown, not applied")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
