#!/usr/bin/env python3
"""Batch probe benchmark (run through bench/probe.sh).

What it measures: `sovcheck probe --batch SUPPLIERS.csv` of N suppliers
(default 1,000) with NAMES names each (default 10), collected live on
loopback, beside `sovcheck check` of one manifest whose endpoints are the
same names on the same ports — the same DNS and TLS work, collected once by
each; what differs is the rest (probe: one outside-in judgement per
supplier, the comparison and the concentration; check: one judgement of one
service against its default pack and its documents).

The lab, all on loopback (a random 127.X.Y.0/24, ports picked by the
kernel), shared with bench/e2e-live.py through benchlib:
  - ADDRS addresses (default 4): the first half located in France on
    AS16276 (OVH SAS), the second half in the United States on AS16509
    (Amazon.com, Inc.), both known to the shipped registry (OVHcloud and
    Amazon as ultimate controllers), in a geolocation database built with
    `sovcheck geodb build`;
  - LBS nginx load balancers (default 8), load balancer K on address
    K mod ADDRS, half of them TLS 1.2 only, the others TLS 1.2 and 1.3,
    each with its own EC P-256 certificate from the test CAs of
    tests/tls/pki.sh listing *.sI.probe.test for every supplier I it
    serves (wildcards only: a probe does not follow them, so the run with
    certificate names on has no second round and measures the scan);
  - supplier I (1..N) gives NAMES URLs https://nJ.sI.probe.test:PORT/;
    I mod 3 = 0: all on one OVH load balancer, 1: all on one Amazon load
    balancer, 2: odd J on one OVH, even J on one Amazon load balancer; one
    name in three is a CNAME into cdn.test; criticality critical when
    I mod 4 = 0, important when 1, none otherwise;
  - NSD (authoritative) behind Unbound (recursive, everything forwarded to
    NSD); the test roots given to both with --trust.

How: RUNS rounds (default 3, at least 3), interleaved: in each round
`sovcheck probe --batch suppliers.csv --no-san`, `sovcheck check
manifest.yaml`, and (SAN=1, the default) `sovcheck probe --batch` with the
certificates' names on; all with --resolver, --geodb, --trust, --date
2026-11-22, -o DIR and -q, the default --jobs. Each timed the same way:
wall time of the whole process (monotonic clock) and peak RSS
(/usr/bin/time -v); figures are medians. One warm-up round, not counted,
fills Unbound's cache. Every probe run's output is checked: profiles.json
holds the N suppliers, each with a profile of its NAMES names, and
concentration.json names OVHcloud and Amazon with the suppliers and the
critical-or-important counts the lab implies; the bench fails otherwise.
check must not fail to run (exit 3 or 4) and its evidence must hold a
verified chain per endpoint. One more probe run without -q on a
pseudo-terminal times its stages from the progress lines.

The manifest loader refuses more than 100,000 entries in a list
(SC_MAX_LIST_ITEMS): check gets the first 100,000 / NAMES suppliers' names
when N x NAMES exceeds it (said so); probe collects a batch in chunks of
6,000 names and has no such bound.
"""
import argparse
import json
import os
import shutil
import sys

sys.dont_write_bytecode = True   # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

MANIFEST_LIMIT = 100000  # SC_MAX_LIST_ITEMS in core/base/sc-limits.h
DATE = "2026-11-22"
OVH = ("FR", 16276, "OVH SAS", "ovhcloud")
AMAZON = ("US", 16509, '"Amazon.com, Inc."', "amazon")


def criticality(i):
    return {0: "critical", 1: "important"}.get(i % 4, "")


def build_lab(lab, n, names, sovcheck, nlb, naddr):
    net = bl.loopback_net()
    addrs = ["%s.%d" % (net, a + 1) for a in range(naddr)]
    aux = "%s.250" % net           # CA/OCSP/CRL hosts: resolved, never contacted
    owner = {a: (OVH if k < naddr // 2 else AMAZON) for k, a in enumerate(addrs)}
    lbs, used = [], set()
    for k in range(nlb):
        addr = addrs[k % naddr]
        port = bl.free_port(addr, udp=False, avoid=used)
        used.add(port)
        lbs.append({"k": k, "addr": addr, "port": port, "ca": bl.CAS[k % len(bl.CAS)][0],
                    "protocols": "TLSv1.2" if k % 2 == 0 else "TLSv1.2 TLSv1.3",
                    "owner": owner[addr][3], "suppliers": []})
    ovh = [lb for lb in lbs if lb["owner"] == "ovhcloud"]
    amz = [lb for lb in lbs if lb["owner"] == "amazon"]

    # Suppliers, their names and the load balancer of each name.
    suppliers = []
    for i in range(1, n + 1):
        c = i % 3
        lo, la = ovh[i % len(ovh)], amz[i % len(amz)]
        urls = []
        for j in range(1, names + 1):
            lb = lo if c == 0 or (c == 2 and j % 2 == 1) else la
            if i not in lb["suppliers"]:
                lb["suppliers"].append(i)
            urls.append(("n%d.s%d.probe.test" % (j, i), lb))
        suppliers.append({"i": i, "name": "Supplier %d" % i, "urls": urls,
                          "controllers": {lb["owner"] for _, lb in urls},
                          "criticality": criticality(i), "function": "function %d" % (i % 5)})

    pki = bl.make_pki(lab, [("lb%d" % lb["k"], ["lb%d.cdn.test" % lb["k"]] +
                             ["*.s%d.probe.test" % i for i in lb["suppliers"]], lb["ca"])
                            for lb in lbs])
    bl.nginx(lab, [{"addr": lb["addr"], "port": lb["port"],
                    "names": ["lb%d.cdn.test" % lb["k"]],
                    "chain": os.path.join(pki, "lb%d.chain.pem" % lb["k"]),
                    "key": os.path.join(pki, "lb%d.key" % lb["k"]),
                    "protocols": lb["protocols"]} for lb in lbs])

    zone = ["$ORIGIN probe.test."] + bl.SOA
    cdn = ["$ORIGIN cdn.test."] + bl.SOA
    for lb in lbs:
        cdn.append("lb%d IN A %s" % (lb["k"], lb["addr"]))
    rows, endpoints, q = ["supplier,domains,criticality,function"], [], 0
    for s in suppliers:
        for host, lb in s["urls"]:
            rel = host[:-len(".probe.test")]
            if q % 3 == 0:
                zone.append("%s IN CNAME lb%d.cdn.test." % (rel, lb["k"]))
            else:
                zone.append("%s IN A %s" % (rel, lb["addr"]))
            q += 1
        rows.append("%s,%s,%s,%s" % (s["name"], " ".join("https://%s:%d/" % (h, lb["port"])
                                                        for h, lb in s["urls"]),
                                     s["criticality"], s["function"]))
    # check: the same names on the same ports, as far as the loader takes them
    fit = min(n, MANIFEST_LIMIT // names)
    for s in suppliers[:fit]:
        for host, lb in s["urls"]:
            endpoints.append("  - {host: %s, port: %d, role: web, data: customer, tls: true}"
                             % (host, lb["port"]))
    lab.write("suppliers.csv", "\n".join(rows) + "\n")
    lab.write("service.yaml", "sovcheck: 1\nservice: {name: Probe bench}\nendpoints:\n" +
              "\n".join(endpoints) + "\n")
    zones = {"probe.test": zone, "cdn.test": cdn}
    zones.update(bl.ca_zones(aux))
    resolver = bl.dns_lab(lab, zones, "n1.s1.probe.test")
    geodb = bl.loopback_geodb(
        lab, sovcheck, ["%s,%s,%s" % (a, a, owner[a][0]) for a in addrs],
        ["%s,%s,%d,%s" % (a, a, owner[a][1], owner[a][2]) for a in addrs])
    return {"lbs": lbs, "net": net, "resolver": resolver, "pki": pki, "geodb": geodb,
            "suppliers": suppliers, "check_suppliers": fit, "addrs": addrs}


def expected_concentration(suppliers):
    exp = {}
    for s in suppliers:
        for c in s["controllers"]:
            e = exp.setdefault(c, [0, 0])
            e[0] += 1
            e[1] += s["criticality"] in ("critical", "important")
    return exp


def verify_probe(out, info, names):
    """Problems with a probe --batch output directory (empty: sane), and the
    controllers of concentration.json as {id: (suppliers, critical)}."""
    bad = []
    sup = info["suppliers"]
    try:
        with open(os.path.join(out, "profiles.json")) as f:
            profs = json.load(f)["suppliers"]
        with open(os.path.join(out, "concentration.json")) as f:
            conc = {c.get("controller_id"): c for c in json.load(f)["controllers"]}
    except (OSError, ValueError, KeyError) as e:
        return ["cannot read the output: %s" % e], {}
    for f in ("comparison.en.md", "comparison.fr.md", "providers.csv"):
        if not os.path.isfile(os.path.join(out, f)):
            bad.append("no %s" % f)
    if len(profs) != len(sup):
        bad.append("profiles.json: %d suppliers, not %d" % (len(profs), len(sup)))
    want = {s["name"]: s for s in sup}
    for p in profs:
        s = want.get(p.get("supplier"))
        if s is None:
            bad.append("profiles.json: an unknown supplier %r" % p.get("supplier"))
        elif "profile" not in p:
            bad.append("%s: no profile (%s)" % (s["name"], p.get("problem")))
        else:
            got = sorted(t.get("name") for t in p["profile"].get("targets", []))
            if got != sorted(h for h, _ in s["urls"]):
                bad.append("%s: %d names probed, not its %d" % (s["name"], len(got), names))
            elif p.get("criticality", "") != s["criticality"]:
                bad.append("%s: criticality %r" % (s["name"], p.get("criticality")))
        if len(bad) > 10:
            break
    for cid, (count, crit) in expected_concentration(sup).items():
        c = conc.get(cid)
        if c is None:
            bad.append("concentration.json: no %s" % cid)
        elif (c.get("suppliers_count"), c.get("critical_or_important")) != (count, crit):
            bad.append("concentration.json: %s %s suppliers, %s critical or important; "
                       "expected %d, %d" % (cid, c.get("suppliers_count"),
                                            c.get("critical_or_important"), count, crit))
        elif sorted({r for x in c.get("suppliers", []) for r in x.get("roles", [])}) != \
                ["service"]:
            bad.append("concentration.json: %s plays %s" % (
                cid, sorted({r for x in c.get("suppliers", []) for r in x.get("roles", [])})))
    got = {k: (v.get("suppliers_count"), v.get("critical_or_important")) for k, v in conc.items()}
    return bad, got


def verify_check(out, endpoints):
    """Problems with a check output directory (empty: sane)."""
    try:
        with open(os.path.join(out, "evidence.json")) as f:
            ev = json.load(f)
    except (OSError, ValueError) as e:
        return ["cannot read evidence.json: %s" % e]
    tls = ev.get("tls") or []
    ok = sum(bool(((t.get("capture") or {}).get("verify") or {}).get("ok")) for t in tls)
    if len(tls) != endpoints or ok != endpoints:
        return ["evidence.json: %d TLS captures, %d verified, for %d endpoints"
                % (len(tls), ok, endpoints)]
    return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sovcheck", required=True)
    ap.add_argument("-n", type=int, default=1000)
    a = ap.parse_args()
    runs = bl.env_int("RUNS", 3, 3)
    names = bl.env_int("NAMES", 10)
    nlb = bl.env_int("LBS", 8, 2)
    naddr = bl.env_int("ADDRS", 4, 2)
    san = os.environ.get("SAN", "1") != "0"
    check_format = os.environ.get("CHECK_FORMAT", "")
    bl.need("time", "openssl")
    n = a.n
    if naddr % 2 or nlb < naddr:
        bl.die("ADDRS must be even and LBS at least ADDRS", 64)

    with bl.Lab("sc-probe-bench-") as lab:
        info = build_lab(lab, n, names, a.sovcheck, nlb, naddr)
        roots = os.path.join(info["pki"], "roots.pem")
        common = ["--resolver", info["resolver"], "--geodb", info["geodb"], "--trust", roots,
                  "--date", DATE, "-q"]
        csv = lab.path("suppliers.csv")
        fit = info["check_suppliers"]
        kinds = [("probe", ["probe", "--batch", csv, "--no-san"]),
                 ("check", ["check", lab.path("service.yaml")] +
                  (["--format", check_format] if check_format else []))]
        if san:
            kinds.append(("probe-san", ["probe", "--batch", csv]))
        label = {"probe": "probe --batch --no-san", "check": "check (one manifest)",
                 "probe-san": "probe --batch (certificate names on)"}
        sup_of = {"probe": n, "probe-san": n, "check": fit}

        print("Batch probe benchmark: %d suppliers x %d names = %d names, %d load balancers on "
              "%d addresses (%s.0/24), %d CPUs, %s, nginx %s"
              % (n, names, n * names, nlb, naddr, info["net"], os.cpu_count(),
                 bl.openssl_version(), bl.nginx_version()))
        print("  addresses: %s FR AS16276 (OVH SAS), %s US AS16509 (Amazon.com, Inc.); "
              "suppliers: %d OVH only, %d Amazon only, %d both"
              % (", ".join(info["addrs"][:naddr // 2]), ", ".join(info["addrs"][naddr // 2:]),
                 sum(s["i"] % 3 == 0 for s in info["suppliers"]),
                 sum(s["i"] % 3 == 1 for s in info["suppliers"]),
                 sum(s["i"] % 3 == 2 for s in info["suppliers"])))
        print("  TLS 1.2 only: %d load balancers, TLS 1.2 + 1.3: %d; DNS: Unbound %s -> NSD; "
              "one name in three a CNAME; certificates: up to %d wildcard names each"
              % (sum(lb["protocols"] == "TLSv1.2" for lb in info["lbs"]),
                 sum(lb["protocols"] != "TLSv1.2" for lb in info["lbs"]), info["resolver"],
                 max(len(lb["suppliers"]) for lb in info["lbs"])))
        opts = "--resolver %s --geodb loopback.mmdb --trust roots.pem --date %s -q -o DIR" % (
            info["resolver"], DATE)
        print("  runs: sovcheck probe --batch suppliers.csv [--no-san] %s" % opts)
        print("        sovcheck check manifest.yaml %s%s" % (
            opts, " --format " + check_format if check_format else
            "  (default documents: residual-risk md+html, findings.json, summary.md, "
            "evidence.json)"))
        if fit < n:
            print("  note: the manifest loader takes at most %d endpoints (SC_MAX_LIST_ITEMS): "
                  "check gets the first %d suppliers' %d names" % (MANIFEST_LIMIT, fit,
                                                                   fit * names))
        print("  load average at start: %s" % bl.loadavg())
        print()

        results = {k: [] for k, _ in kinds}
        refused = {}
        failures = []
        seen_conc = None

        def one(kind, argv, r):
            nonlocal seen_conc
            out = lab.path("out-%s-%d" % (kind, r))
            x = bl.timed(lab, [a.sovcheck] + argv + common + ["-o", out])
            if x.rc in (3, 4, 64):
                refused[kind] = "exit %d: %s" % (x.rc, (x.err.strip().splitlines() or
                                                        ["(no message)"])[-1])
            elif kind == "check":
                if check_format and "evidence" not in check_format.split(","):
                    pass
                else:
                    failures.extend("check, run %d: %s" % (r, p)
                                    for p in verify_check(out, fit * names))
            else:
                bad, conc = verify_probe(out, info, names)
                failures.extend("%s, run %d: %s" % (kind, r, p) for p in bad)
                seen_conc = conc
            shutil.rmtree(out, ignore_errors=True)
            return x

        for r in range(runs + 1):          # round 0: warm-up, not counted
            for kind, argv in kinds:
                if kind in refused:
                    continue
                x = one(kind, argv, r)
                if r == 0:
                    print("%-46s %8.3f s  (warm-up, cold Unbound cache, not counted), exit %d"
                          % (label[kind], x.wall, x.rc))
                elif kind not in refused:
                    results[kind].append(x)
        for kind, why in refused.items():
            print("%s refused: %s" % (label[kind], why))
        print()
        print("Medians of %d runs, interleaved; whole process, wall clock and peak RSS "
              "(/usr/bin/time -v):" % runs)
        print("  %-38s %9s %6s %8s %11s %9s %9s  %s"
              % ("", "suppliers", "names", "wall s", "suppliers/s", "names/s", "RSS MiB",
                 "exit  runs"))
        med = {}
        for kind, _ in kinds:
            xs = results[kind]
            if not xs:
                continue
            w = bl.median([x.wall for x in xs])
            rss = bl.median([x.rss_mib for x in xs])
            med[kind] = (w, rss)
            ns = sup_of[kind]
            print("  %-38s %9d %6d %8.3f %11.1f %9.0f %9.1f  %-5s (%s)"
                  % (label[kind], ns, ns * names, w, ns / w, ns * names / w, rss,
                     "/".join(map(str, sorted({x.rc for x in xs}))),
                     bl.runs_text([x.wall for x in xs])))
        print()
        if "probe" in med and "check" in med:
            (pw, pr), (cw, cr) = med["probe"], med["check"]
            same = "the same %d names" % (n * names) if fit == n else \
                "probe of %d names, check of %d (per name below)" % (n * names, fit * names)
            print("probe / check (%s): wall %.2fx, per name %.2fx, peak RSS %.2fx"
                  % (same, pw / cw, (pw / (n * names)) / (cw / (fit * names)), pr / cr))
            if "probe-san" in med:
                print("probe with certificate names / without: wall %.2fx, peak RSS %.2fx"
                      % (med["probe-san"][0] / pw, med["probe-san"][1] / pr))
        if "probe" in results and results["probe"]:
            # Where the time goes: one more probe run, progress lines on a pty.
            marks, total, rc = bl.stage_timings(
                [a.sovcheck] + kinds[0][1] + common[:-1] + ["-o", lab.path("out-stages")],
                dict(os.environ))
            ds, de = marks.get(("dns", "start")), marks.get(("dns", "end"))
            ts, te = marks.get(("tls", "start")), marks.get(("tls", "end"))
            if None not in (ds, de, ts, te):
                print("probe --batch --no-san, stages (one more run, from the progress lines on a "
                      "pseudo-terminal, total %.3f s):" % total)
                for what, t in (("start -> DNS (read the list, build the manifest, pack, "
                                 "registry)", ds),
                                ("DNS collection (%d names)" % (n * names), de - ds),
                                ("DNS end -> TLS start", ts - de),
                                ("TLS handshakes and chain analysis", te - ts),
                                ("after TLS (%d suppliers judged, outputs written)" % n,
                                 total - te)):
                    print("  %-62s %7.3f s" % (what, t))
            else:
                print("stages: no progress lines seen (exit %d)" % rc)
            shutil.rmtree(lab.path("out-stages"), ignore_errors=True)
        if seen_conc is not None:
            print("concentration.json (controller: suppliers, critical or important): %s"
                  % ", ".join("%s %s, %s" % (k, v[0], v[1]) for k, v in seen_conc.items()))
            exp = expected_concentration(info["suppliers"])
            print("  expected: %s" % ", ".join("%s %d, %d" % (k, v[0], v[1])
                                              for k, v in sorted(exp.items())))
        print("load average at end: %s" % bl.loadavg())
        if refused:
            failures.extend("%s refused (%s)" % (label[k], v) for k, v in refused.items())
        if failures:
            print()
            for f in failures[:20]:
                print("FAILED: %s" % f)
            sys.exit(1)


if __name__ == "__main__":
    main()
