#!/usr/bin/env python3
"""Live end-to-end benchmark (run through bench/e2e-live.sh).

What it measures: `sovcheck check` of a service with N TLS endpoints
(default 10,000) collected live — DNS through Unbound (recursive, every
zone forwarded to NSD, authoritative) and a TLS handshake per endpoint to
nginx — against the TLS ceiling, bench/tls-bare (a bare epoll client doing
the same verified handshakes: same addresses, ports and SNI names, the same
trust anchor, no DNS, no analysis, no output).

The lab, all on loopback (a random 127.X.Y.0/24, ports picked by the kernel):
  - LBS load balancers (default 8) on ADDRS addresses (default 4), each an
    nginx server with its own wildcard certificate (EC P-256 leaf +
    intermediate, the test CAs of tests/tls/pki.sh); half of them allow
    TLS 1.2 only, the other half TLS 1.2 and 1.3;
  - endpoint i is hI.sK.e2e.test (K = i mod LBS) on load balancer K: many
    names -> the same addresses; one in three is a CNAME into cdn.test;
  - the certificates' CA, OCSP and CRL hosts resolve too (zones
    certigna.test, lencr.test, digicert.test, globalsign.test);
  - a geolocation database for 127.0.0.0/8 (FR, AS16276) built with
    `sovcheck geodb build`, before the default database when there is one.
sovcheck has no option for a trust anchor: SSL_CERT_FILE points it to the
test roots (OpenSSL's default store honours it); tls-bare gets the same file
with --ca.

How: RUNS rounds (default 3, at least 3), interleaved: in each round one
`sovcheck check MANIFEST --resolver ... --geodb ... --date 2026-11-22 -o DIR
-q` and one run of tls-bare per setting, swept: threads (BARE_THREADS,
"1 2"), jobs (BARE_JOBS, "64", sovcheck's default), verification in every
handshake or of each distinct chain once as sovcheck does (BARE_VERIFY,
"every once"). Both sides
are timed the same way: wall time of the whole process (monotonic clock)
and peak RSS (/usr/bin/time -v). Figures are medians; the ceiling is the
bare client's best median over its settings. A first round of each, not
counted, warms Unbound's cache and the servers. One more sovcheck run
without -q on a pseudo-terminal times its stages from the progress lines.
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True   # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

MANIFEST_LIMIT = 10000   # SC_MAX_LIST_ITEMS in core/sc-limits.h today


def build_lab(lab, n, sovcheck, nlb, naddr):
    net = bl.loopback_net()
    addrs = ["%s.%d" % (net, a + 1) for a in range(naddr)]
    aux = "%s.250" % net           # CA/OCSP/CRL hosts: resolved, never contacted
    lbs = []
    used = set()
    for k in range(nlb):
        addr = addrs[k % naddr]
        port = bl.free_port(addr, udp=False, avoid=used)
        used.add(port)
        ca = bl.CAS[k % len(bl.CAS)][0]
        lbs.append({"k": k, "addr": addr, "port": port, "ca": ca,
                    "protocols": "TLSv1.2" if k % 2 == 0 else "TLSv1.2 TLSv1.3"})
    pki = bl.make_pki(lab, [("lb%d" % lb["k"], ["*.s%d.e2e.test" % lb["k"]], lb["ca"])
                            for lb in lbs])
    bl.nginx(lab, [{"addr": lb["addr"], "port": lb["port"],
                    "names": ["*.s%d.e2e.test" % lb["k"]],
                    "chain": os.path.join(pki, "lb%d.chain.pem" % lb["k"]),
                    "key": os.path.join(pki, "lb%d.key" % lb["k"]),
                    "protocols": lb["protocols"]} for lb in lbs])

    e2e = ["$ORIGIN e2e.test."] + bl.SOA
    cdn = ["$ORIGIN cdn.test."] + bl.SOA
    for lb in lbs:
        cdn.append("lb%d IN A %s" % (lb["k"], lb["addr"]))
    endpoints, targets = [], []
    for i in range(n):
        lb = lbs[i % nlb]
        host = "h%d.s%d.e2e.test" % (i, lb["k"])
        if i % 3 == 0:
            e2e.append("h%d.s%d IN CNAME lb%d.cdn.test." % (i, lb["k"], lb["k"]))
        else:
            e2e.append("h%d.s%d IN A %s" % (i, lb["k"], lb["addr"]))
        endpoints.append("  - {host: %s, port: %d, role: api, data: customer, tls: true}"
                         % (host, lb["port"]))
        targets.append("%s@%s:%d" % (host, lb["addr"], lb["port"]))
    zones = {"e2e.test": e2e, "cdn.test": cdn}
    zones.update(bl.ca_zones(aux))
    lab.write("service.yaml", "sovcheck: 1\nservice: {name: E2E live}\nendpoints:\n" +
              "\n".join(endpoints) + "\n")
    lab.write("targets.txt", "\n".join(targets) + "\n")

    # DNS: NSD authoritative for every zone, Unbound recursive in front.
    resolver = bl.dns_lab(lab, zones, "h1.s1.e2e.test")

    # Geolocation of the loopback addresses, so that every address is
    # located and attributed as a real one would be.
    bl.loopback_geodb(lab, sovcheck, ["127.0.0.0,127.255.255.255,FR"],
                      ["127.0.0.0,127.255.255.255,16276,OVH SAS"])
    return {"lbs": lbs, "net": net, "resolver": resolver, "pki": pki}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sovcheck", required=True)
    ap.add_argument("--bare", required=True)
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--geodb", default="")
    a = ap.parse_args()
    runs = bl.env_int("RUNS", 3, 3)
    nlb = bl.env_int("LBS", 8, 2)
    naddr = bl.env_int("ADDRS", 4)
    threads = [int(x) for x in os.environ.get("BARE_THREADS", "1 2").split()]
    jobs = [int(x) for x in os.environ.get("BARE_JOBS", "64").split()]
    verify = os.environ.get("BARE_VERIFY", "every once").split()
    if not set(verify) <= {"every", "once"}:
        bl.die("BARE_VERIFY: every, once or both", 64)
    bl.need("time", "openssl")
    n = a.n

    with bl.Lab("sc-e2e-live-") as lab:
        lab_info = build_lab(lab, n, a.sovcheck, nlb, naddr)
        geodbs = [lab.path("loopback.mmdb")] + ([a.geodb] if a.geodb else [])
        roots = os.path.join(lab_info["pki"], "roots.pem")
        env = dict(os.environ, SSL_CERT_FILE=roots, SSL_CERT_DIR=lab.path("no-cert-dir"))
        sov = [a.sovcheck, "check", lab.path("service.yaml"), "--resolver",
               lab_info["resolver"], "--date", "2026-11-22"]
        for g in geodbs:
            sov += ["--geodb", g]
        settings = [(t, j, v) for t in threads for j in jobs for v in verify]

        def sovcheck_run(i):
            out = lab.path("out%d" % i)
            return bl.timed(lab, sov + ["-o", out, "-q"], env=env), out

        def bare_run(t, j, v):
            return bl.timed(lab, [a.bare, "--ca", roots, "--jobs", str(j), "--threads", str(t),
                                  "--targets", lab.path("targets.txt")] +
                            (["--verify-once"] if v == "once" else []))

        lbs = lab_info["lbs"]
        print("Live end-to-end benchmark: %d TLS endpoints, %d load balancers on %d addresses "
              "(%s.0/24), %d CPUs, %s, nginx %s"
              % (n, nlb, naddr, lab_info["net"], os.cpu_count(), bl.openssl_version(),
                 bl.nginx_version()))
        print("  TLS 1.2 only: %d load balancers, TLS 1.2 + 1.3: %d; DNS: Unbound %s -> NSD; "
              "one endpoint in three a CNAME"
              % (sum(lb["protocols"] == "TLSv1.2" for lb in lbs),
                 sum(lb["protocols"] != "TLSv1.2" for lb in lbs), lab_info["resolver"]))
        print("  trust anchor: the test roots, through SSL_CERT_FILE for sovcheck "
              "(no --trust option) and --ca for tls-bare")
        print("  geodb: %s" % ", ".join(os.path.basename(g) for g in geodbs))
        if n > MANIFEST_LIMIT:
            print("  note: the manifest loader refuses more than %d endpoints today "
                  "(SC_MAX_LIST_ITEMS)" % MANIFEST_LIMIT)
        print("  load average at start: %s" % bl.loadavg())
        print()

        # Warm-up: Unbound's cache, nginx, the page cache. Not counted.
        w, out = sovcheck_run(0)
        refused = w.rc in (3, 64)
        if refused or w.rc == 4:
            msg = (w.err.strip().splitlines() or ["(no message)"])[-1]
            print("sovcheck check exit %d: %s" % (w.rc, msg))
        else:
            print("%-44s %8.3f s  (cold Unbound cache, not counted), exit %d"
                  % ("sovcheck check, warm-up", w.wall, w.rc))
        wb = bare_run(*settings[0])
        print("%-44s %8.3f s  (not counted): %s"
              % ("tls-bare, warm-up", wb.wall, wb.out.strip()))
        if wb.rc != 0:
            print(wb.err, file=sys.stderr)
            bl.die("the bare client did not verify every handshake")

        s_runs, b_runs = [], {s: [] for s in settings}
        for r in range(runs):
            if not refused:
                s_runs.append(sovcheck_run(r + 1)[0])
            for st in settings:
                b_runs[st].append(bare_run(*st))
        print()
        print("Medians of %d runs, interleaved; whole process, wall clock and peak RSS "
              "(/usr/bin/time -v):" % runs)
        if s_runs:
            rcs = sorted({x.rc for x in s_runs})
            sw = [x.wall for x in s_runs]
            print("  %-42s %8.3f s  %7.0f handshakes/s  RSS %6.1f MiB  exit %s  (%s)"
                  % ("sovcheck check (-q)", bl.median(sw), n / bl.median(sw),
                     bl.median([x.rss_mib for x in s_runs]), "/".join(map(str, rcs)),
                     bl.runs_text(sw)))
        best = None
        for (t, j, v), rs in b_runs.items():
            bw = [x.wall for x in rs]
            bad = [x for x in rs if x.rc != 0]
            internal = bl.median([float(bl.kv(x.out).get("handshakes_per_s", 0)) for x in rs])
            print("  %-42s %8.3f s  %7.0f handshakes/s  RSS %6.1f MiB  (%s; in-loop %.0f/s)%s"
                  % ("tls-bare, %d thread%s, %d jobs, verify %s"
                     % (t, "s" if t > 1 else "", j, v),
                     bl.median(bw), n / bl.median(bw), bl.median([x.rss_mib for x in rs]),
                     bl.runs_text(bw), internal, "  FAILURES" if bad else ""))
            if not bad and (best is None or bl.median(bw) < best[0]):
                best = (bl.median(bw), t, j, rs[-1].out.strip(), v)
        if best is None:
            bl.die("no bare-client setting verified every handshake")
        print()
        print("TLS versions negotiated:")
        print("  tls-bare: %s" % " ".join("%s=%s" % kvp for kvp in bl.kv(best[3]).items()
                                          if kvp[0].startswith("TLS")))
        if s_runs:
            ev_path = os.path.join(lab.path("out%d" % runs), "evidence.json")
            try:
                with open(ev_path) as f:
                    ev = json.load(f)
                prot, verified, status = {}, 0, {}
                for t in ev.get("tls") or []:
                    c = t.get("capture") or {}
                    prot[c.get("protocol")] = prot.get(c.get("protocol"), 0) + 1
                    status[c.get("status")] = status.get(c.get("status"), 0) + 1
                    verified += bool((c.get("verify") or {}).get("ok"))
                print("  sovcheck: %s; status %s; chains verified: %d of %d"
                      % (" ".join("%s=%d" % (k, v) for k, v in sorted(prot.items(), key=str)),
                         " ".join("%s=%d" % (k, v) for k, v in sorted(status.items(), key=str)),
                         verified, len(ev.get("tls") or [])))
                print("  evidence.json: %.1f MiB" % (os.path.getsize(ev_path) / 1048576))
            except (OSError, ValueError) as e:
                print("  sovcheck: cannot read %s: %s" % (ev_path, e))
        print()
        if s_runs:
            sm = bl.median([x.wall for x in s_runs])
            print("sovcheck / bare client (best: %d thread%s, %d jobs, verify %s): %.2fx   "
                  "(target <= 1.25x)" % (best[1], "s" if best[1] > 1 else "", best[2],
                                         best[4], sm / best[0]))
            # Where the time goes: one more run, progress lines on a pty.
            marks, total, rc = bl.stage_timings(sov + ["-o", lab.path("out-stages")], env)
            ds, de = marks.get(("dns", "start")), marks.get(("dns", "end"))
            ts, te = marks.get(("tls", "start")), marks.get(("tls", "end"))
            if None not in (ds, de, ts, te):
                print("stages (one more run, from the progress lines on a pseudo-terminal, "
                      "total %.3f s):" % total)
                print("  %-58s %7.3f s" % ("start -> DNS (load manifest, pack, registry, laws)",
                                           ds))
                print("  %-58s %7.3f s" % ("DNS collection (%d names)" % n, de - ds))
                print("  %-58s %7.3f s" % ("DNS end -> TLS start (TLS context, targets)",
                                           ts - de))
                print("  %-58s %7.3f s  (bare client, whole process: %.3f s)"
                      % ("TLS handshakes and chain analysis", te - ts, best[0]))
                print("  %-58s %7.3f s" % ("after TLS (cert. hosts' DNS, geo, graph, "
                                           "evaluation, reports)", total - te))
            else:
                print("stages: no progress lines seen (exit %d)" % rc)
        print("load average at end: %s" % bl.loadavg())


if __name__ == "__main__":
    main()
