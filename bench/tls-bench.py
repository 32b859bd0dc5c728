#!/usr/bin/env python3
"""TLS chain capture benchmark (run through bench/tls.sh).

What: one nginx (2 workers) on loopback with PORTS servers (default 10,
ports picked by the kernel), each with its own wildcard certificate chain
(EC P-256 leaf + intermediate, test CAs of tests/tls/pki.sh) and
`ssl_protocols TLSv1.2 TLSv1.3`, so TLS 1.3 is negotiated (printed, for
both clients). Every run handshakes NAMES fresh endpoints (default 5,000,
spread over the ports): each run has its own SNI names, never used by
another run; what repeats is the PORTS certificate chains (one a port).

Clients, measured in the same run against the same server:
  - sovcheck's capture: tests/tls/tls-driver (the public capture API: one
    SSL_CTX, one epoll loop per thread, every chain analysed and verified),
    1 and 2 threads;
  - the ceiling: bench/tls-bare, a bare epoll client doing the same verified
    handshakes and nothing else, 1 and 2 threads, verifying in every
    handshake (OpenSSL's own verification) and with --verify-once (each
    distinct chain verified once per event loop, as sovcheck does:
    core/tls.c verifies each distinct presented chain once per capture run);
  - a loop of `openssl s_client -showcerts` over SAMPLE endpoints (default
    100), for scale: what a script would do.
Both epoll clients get the same JOBS in flight (default 128) and the same
trust anchor (the test roots). With PORTS distinct chains, verifying each
once saves NAMES - PORTS chain verifications a run: the ceiling is the bare
client's best setting, so that sovcheck is compared with a client doing no
more verification work than it does.

How: a warm-up run of each (not counted; sovcheck's prints the negotiated
versions), then RUNS rounds (default 3, at least 3) in which every client
runs once at every setting; each run timed as a whole process (monotonic
wall clock, peak RSS from /usr/bin/time -v); figures are medians, a
client's figure its best median; the in-process rates each tool prints are
shown beside.
"""
import collections
import json
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True   # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402


def env_int(name, default, lo=1):
    v = int(os.environ.get(name, default))
    if v < lo:
        bl.die("%s must be >= %d" % (name, lo), 64)
    return v


def main():
    driver, bare = sys.argv[1], sys.argv[2]
    runs = env_int("RUNS", 3, 3)
    nports = env_int("PORTS", 10)
    names = env_int("NAMES", 5000)
    jobs = env_int("JOBS", 128)
    sample = env_int("SAMPLE", 100)
    threads = [int(x) for x in os.environ.get("THREADS", "1 2").split()]
    verify = os.environ.get("BARE_VERIFY", "every once").split()
    if not set(verify) <= {"every", "once"}:
        bl.die("BARE_VERIFY: every, once or both", 64)
    bl.need("time", "openssl", "nginx")

    with bl.Lab("sc-tls-bench-") as lab:
        ports = []
        for p in range(nports):
            ports.append(bl.free_port("127.0.0.1", udp=False, avoid=set(ports)))
        pki = bl.make_pki(lab, [("p%d" % p, ["*.p%d.bench.test" % p],
                                 bl.CAS[p % len(bl.CAS)][0]) for p in range(nports)])
        roots = os.path.join(pki, "roots.pem")
        bl.nginx(lab, [{"addr": "127.0.0.1", "port": ports[p],
                        "names": ["*.p%d.bench.test" % p],
                        "chain": os.path.join(pki, "p%d.chain.pem" % p),
                        "key": os.path.join(pki, "p%d.key" % p),
                        "protocols": "TLSv1.2 TLSv1.3"} for p in range(nports)])
        serial = [0]

        def fresh_targets(count):
            """count endpoints never used before in this benchmark."""
            serial[0] += 1
            path = lab.path("targets.%d" % serial[0])
            with open(path, "w") as f:
                for i in range(count):
                    p = i % nports
                    f.write("r%dn%d.p%d.bench.test@127.0.0.1:%d\n"
                            % (serial[0], i, p, ports[p]))
            return path

        def capture(t, summary=True):
            argv = [driver, "--jobs", str(jobs), "--threads", str(t), "--trust", roots,
                    "--targets", fresh_targets(names)]
            return bl.timed(lab, argv + (["--summary"] if summary else []))

        def bare_run(t, v):
            return bl.timed(lab, [bare, "--ca", roots, "--jobs", str(jobs), "--threads", str(t),
                                  "--targets", fresh_targets(names)] +
                            (["--verify-once"] if v == "once" else []))

        def sclient_loop():
            path = fresh_targets(sample)
            with open(path) as f:
                lines = f.read().split()
            t0 = time.monotonic()
            ok = 0
            for ln in lines:
                host, addr = ln.split("@")
                r = subprocess.run(["openssl", "s_client", "-connect", addr, "-servername",
                                    host, "-showcerts", "-CAfile", roots],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
                ok += "Verify return code: 0 (ok)" in r.stdout
            return time.monotonic() - t0, ok

        print("TLS capture benchmark: %d fresh endpoints a run over %d ports (%d distinct "
              "chains, EC P-256 leaf + intermediate), %d in flight, %d CPUs, %s, nginx %s "
              "(2 workers)" % (names, nports, nports, jobs, os.cpu_count(),
                               bl.openssl_version(), bl.nginx_version()))
        print("Every figure: whole process, wall clock, median of %d interleaved runs" % runs)
        print("load average at start: %s" % bl.loadavg())
        print()

        # Warm-up, and the versions sovcheck negotiated (from its JSON).
        w = capture(threads[0], summary=False)
        if w.rc != 0:
            bl.die("tls-driver failed: " + w.err[-500:])
        res = json.loads(w.out)
        prot = collections.Counter(r.get("protocol") for r in res)
        status = collections.Counter(r.get("status") for r in res)
        verified = sum(bool((r.get("verify") or {}).get("ok")) for r in res)
        wb = bare_run(threads[0], verify[0])
        if wb.rc != 0:
            bl.die("tls-bare did not verify every handshake: " + wb.err[-500:])

        figs = collections.defaultdict(list)
        for _ in range(runs):
            for t in threads:
                figs[("capture", t, "")].append(capture(t))
                for v in verify:
                    figs[("bare", t, v)].append(bare_run(t, v))
            figs[("s_client", 0, "")].append(sclient_loop())

        best = {}
        for (who, t, v), rs in figs.items():
            if who == "s_client":
                continue
            walls = [x.wall for x in rs]
            m = bl.median(walls)
            last = bl.kv(rs[-1].out)
            if who == "capture":
                inner = bl.median([float(bl.kv(x.out).get("chains_per_s", 0)) for x in rs])
                okn = last.get("ok", "0")
                label = "sovcheck capture (tls-driver)"
            else:
                inner = bl.median([float(bl.kv(x.out).get("handshakes_per_s", 0)) for x in rs])
                okn = last.get("ok", "0")
                label = "bare client, verify %s" % v
            fail = any(x.rc != 0 for x in rs) or int(okn) != names
            print("%-30s %d thread%s %8.3f s %7.0f /s  RSS %5.1f MiB  (%s; in-process %.0f/s; "
                  "ok %s of %d)%s" % (label, t, "s" if t > 1 else " ", m, names / m,
                                      bl.median([x.rss_mib for x in rs]), bl.runs_text(walls),
                                      inner, okn, names, "  FAILURES" if fail else ""))
            if not fail and (who not in best or m < best[who][0]):
                best[who] = (m, t, v)
        sw = [x[0] for x in figs[("s_client", 0, "")]]
        sok = figs[("s_client", 0, "")][-1][1]
        srate = sample / bl.median(sw)
        print("%-30s %10.3f s %7.1f /s  (%s; %d endpoints, %d verified)"
              % ("s_client -showcerts loop", bl.median(sw), srate, bl.runs_text(sw), sample, sok))
        print()
        print("TLS versions negotiated:")
        print("  sovcheck capture: %s; status %s; chains verified %d of %d"
              % (" ".join("%s=%d" % kv for kv in sorted(prot.items(), key=str)),
                 " ".join("%s=%d" % kv for kv in sorted(status.items(), key=str)),
                 verified, len(res)))
        print("  bare client:      %s" % " ".join("%s=%s" % kv for kv in bl.kv(wb.out).items()
                                                 if kv[0].startswith("TLS")))
        print()
        if "capture" not in best or "bare" not in best:
            bl.die("a client did not complete every handshake")
        for t in threads:
            c = bl.median([x.wall for x in figs[("capture", t, "")]])
            for v in verify:
                b = bl.median([x.wall for x in figs[("bare", t, v)]])
                print("capture / bare client, %d thread%s, verify %-5s  %4.0f %%"
                      % (t, "s" if t > 1 else " ", v + ":", 100 * b / c))
        cb, ct, _ = best["capture"]
        bb, bt, bv = best["bare"]
        print("capture (best: %d thread%s) / ceiling (bare client best: %d thread%s, verify "
              "%s): %.0f %%   (target >= 85 %%)" % (ct, "s" if ct > 1 else "", bt,
                                                   "s" if bt > 1 else "", bv, 100 * bb / cb))
        print("capture (best) / s_client loop: %.0fx" % ((names / cb) / srate))
        print("load average at end: %s" % bl.loadavg())


if __name__ == "__main__":
    main()
