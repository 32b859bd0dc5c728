#!/usr/bin/env python3
"""DNS collection benchmark (run through bench/dns.sh).

What: N names (BENCH_NAMES, default 10,000) — a quarter A only, a quarter
AAAA only, a quarter A+AAAA, a quarter two-hop CNAME chains into a provider
zone ending in A+AAAA — resolved through Unbound -> NSD on loopback (NSD's
response-rate limiting off). Every tool asks A and AAAA for every name.

Peers, each at its best setting where it has settings:
  - sovcheck's collector (tests/dns/dns-driver --bench, BENCH_JOBS in flight);
  - adnshost (GNU adns, asynchronous, names on stdin), one process per batch,
    batches run one after the other, batch sizes swept (BENCH_ADNS_BATCHES,
    default 25 50 75 100 125: from about 150 names a batch its one UDP
    socket's receive buffer overflows here and it waits for its 2-second
    retransmits, 40 s and more for 10,000 names);
    it refuses CNAME -> CNAME chains, so a second pass asks the first CNAME
    target of those names (both passes timed);
  - dig -f (sequential), one process;
  - dnsperf, the servers' ceiling: each query once (-n 1), clients x threads
    x outstanding swept (BENCH_DNSPERF, "c:T:q ..."; beyond about 300
    outstanding it loses queries here); its own queries/s figure (which
    leaves out its start-up) is printed beside.

How: Unbound's cache is warmed first by one collector run (printed as
"cold", not counted), so that every tool measures the same warm path. Then
BENCH_RUNS rounds (default 5, at least 3); in each round every peer runs
once at every setting, in the same order. Every figure is the wall time of
the whole process (all processes, for adnshost's batches), monotonic clock;
names/s = N / wall. Each setting's figure is the median of its runs; a
peer's figure is its best median. Ratios are against those.

Needs root for adnshost (it only talks to port 53: Unbound also listens on
a random 127.X.Y.Z:53 for it); without root, adnshost is skipped.
"""
import os
import re
import socket
import subprocess
import sys
import time

sys.dont_write_bytecode = True   # nothing written into the source tree
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "..", "tests", "dns"))
import benchlib as bl  # noqa: E402
import dnslab  # noqa: E402

N = int(os.environ.get("BENCH_NAMES", "10000"))
DRIVER = sys.argv[1]
JOBS = os.environ.get("BENCH_JOBS", "256")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ADNS_BATCHES = [int(x) for x in os.environ.get("BENCH_ADNS_BATCHES",
                                               "25 50 75 100 125").split()]
DNSPERF = [tuple(int(v) for v in s.split(":")) for s in os.environ.get(
    "BENCH_DNSPERF",
    "1:1:50 1:1:100 1:1:200 2:2:50 2:2:100 4:2:50 4:2:100 8:2:100 32:2:2000").split()]


def zones():
    bench = ["$ORIGIN bench.example.", "$TTL 3600",
             "@ IN SOA ns hostmaster 1 3600 600 86400 3600", "@ IN NS ns", "ns IN A 127.0.0.1"]
    prov = ["$ORIGIN benchprov.example.", "$TTL 3600",
            "@ IN SOA ns hostmaster 1 3600 600 86400 3600", "@ IN NS ns", "ns IN A 127.0.0.1"]
    for i in range(N):
        k = i % 4
        if k == 0:
            bench.append("h%d IN A 10.%d.%d.%d" % (i, i >> 16 & 255, i >> 8 & 255, i & 255))
        elif k == 1:
            bench.append("h%d IN AAAA 2001:db8::%x" % (i, i))
        elif k == 2:
            bench.append("h%d IN A 10.%d.%d.%d" % (i, i >> 16 & 255, i >> 8 & 255, i & 255))
            bench.append("h%d IN AAAA 2001:db8::%x" % (i, i))
        else:
            bench.append("h%d IN CNAME c%d.cdn.benchprov.example." % (i, i))
            prov.append("c%d.cdn IN CNAME e%d.edge" % (i, i % 500))
    for e in range(500):
        prov.append("e%d.edge IN A 192.0.2.%d" % (e, e % 250 + 1))
        prov.append("e%d.edge IN AAAA 2001:db8:e::%x" % (e, e + 1))
    return {"bench.example": "\n".join(bench) + "\n",
            "benchprov.example": "\n".join(prov) + "\n"}


def run(argv, stdin_text=None):
    return subprocess.run(argv, input=stdin_text, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def port53_address():
    """A random 127.X.Y.Z whose port 53 is free (UDP and TCP), or None."""
    if os.geteuid() != 0:
        return None
    for _ in range(50):
        a = bl.loopback_net() + ".53"
        ok = True
        for typ in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
            s = socket.socket(socket.AF_INET, typ)
            try:
                s.bind((a, 53))
            except OSError:
                ok = False
            finally:
                s.close()
        if ok:
            return a
    return None


def main():
    if RUNS < 3:
        bl.die("BENCH_RUNS must be at least 3", 64)
    lab = dnslab.Lab(prefix="sc-dns-bench-")
    try:
        pn = bl.free_port("127.0.0.1")
        pu = bl.free_port("127.0.0.1", avoid={pn})
        a53 = port53_address()
        z = zones()
        nsd = lab.nsd("nsd", z, ["127.0.0.1@%d" % pn])
        listen = ["127.0.0.1@%d" % pu] + (["%s@53" % a53] if a53 else [])
        ub = lab.unbound("unbound", listen, {name: ["127.0.0.1@%d" % pn] for name in z},
                         extra="  msg-cache-size: 64m\n  rrset-cache-size: 128m\n"
                               "  outgoing-range: 4096\n  num-queries-per-thread: 4096\n"
                               "  so-rcvbuf: 4m\n  so-sndbuf: 4m\n")
        lab.wait_ready(nsd, "127.0.0.1", pn, "h0.bench.example")
        lab.wait_ready(ub, "127.0.0.1", pu, "h0.bench.example")

        names = ["h%d.bench.example" % i for i in range(N)]
        names_file = lab.write("names.txt", "\n".join(names) + "\n")
        queries = "".join("%s A\n%s AAAA\n" % (n, n) for n in names)
        qfile = lab.write("queries.txt", queries)
        print("DNS benchmark: %d names (A, AAAA, A+AAAA, two-hop CNAME), A+AAAA asked for "
              "each, Unbound -> NSD on loopback, %d CPUs" % (N, os.cpu_count()))
        print("Every figure: whole-process wall time, median of %d interleaved runs; "
              "names/s = %d / wall" % (RUNS, N))
        print("load average at start: %s" % bl.loadavg())
        print()

        # ---- the peers: name -> {setting: function returning (wall, note)}
        def collector():
            t0 = time.monotonic()
            r = run([DRIVER, "--bench", "--jobs", JOBS, "--resolver", "127.0.0.1:%d" % pu,
                     names_file])
            wall = time.monotonic() - t0
            if r.returncode != 0:
                raise RuntimeError("dns-driver: " + r.stderr)
            m = bl.kv(r.stdout)
            return wall, "ok=%s cname=%s retries=%s timeouts=%s, in-process %s s" % (
                m["ok"], m["with_cname"], m["retries"], m["timeouts"], m["wall"])

        def adns_pass(batch_names, b):
            out = []
            for i in range(0, len(batch_names), b):
                r = run(["adnshost", "--config", "nameserver %s" % a53, "-a", "-Fi",
                         "-t", "addr", "-f"], "\n".join(batch_names[i:i + b]) + "\n")
                out.append(r.stdout)
            return "\n".join(out)

        def adns(b):
            def f():
                t0 = time.monotonic()
                out1 = adns_pass(names, b)
                t1 = time.monotonic()
                failed = [ln for ln in out1.splitlines() if "; failed" in ln]
                second = sorted(set(re.findall(r"(c\d+\.cdn\.benchprov\.example)",
                                               "\n".join(failed))))
                out2 = adns_pass(second, b) if second else ""
                wall = time.monotonic() - t0
                failed2 = sum("; failed" in ln for ln in out2.splitlines())
                return wall, "pass 1 %.3f s (%d refused chains), pass 2 %.3f s (%d failed)" % (
                    t1 - t0, len(failed), wall - (t1 - t0), failed2)
            return f

        def dig():
            t0 = time.monotonic()
            r = run(["dig", "-p", str(pu), "@127.0.0.1", "+tries=1", "+time=2", "+noall",
                     "+answer", "-f", qfile])
            wall = time.monotonic() - t0
            return wall, "exit %d" % r.returncode

        perf_qps = {}

        def dnsperf(c, t, q):
            def f():
                t0 = time.monotonic()
                r = run(["dnsperf", "-s", "127.0.0.1", "-p", str(pu), "-d", qfile, "-n", "1",
                         "-c", str(c), "-T", str(t), "-q", str(q), "-t", "2"])
                wall = time.monotonic() - t0
                qps = re.search(r"Queries per second:\s+([\d.]+)", r.stdout)
                lost = re.search(r"Queries lost:\s+(\d+)", r.stdout)
                perf_qps.setdefault("-c %d -T %d -q %d" % (c, t, q), []).append(
                    float(qps.group(1)) if qps else 0.0)
                return wall, "lost %s" % (lost.group(1) if lost else "?")
            return f

        peers = [("sovcheck collector", [("jobs %s" % JOBS, collector)])]
        if a53:
            peers.append(("adnshost", [("batch %d" % min(b, N), adns(min(b, N)))
                                       for b in sorted(set(min(b, N) for b in ADNS_BATCHES))]))
        peers.append(("dig -f", [("sequential", dig)]))
        peers.append(("dnsperf (ceiling)", [("-c %d -T %d -q %d" % s, dnsperf(*s))
                                            for s in DNSPERF]))

        wall, note = collector()
        print("%-20s %-18s %8.3f s %8.0f names/s  (cold cache, not counted) %s"
              % ("sovcheck collector", "warm-up", wall, N / wall, note))
        if not a53:
            print("adnshost: skipped (needs root to have Unbound listen on port 53)")
        walls = {(p, s): [] for p, ss in peers for s, _ in ss}
        notes = {}
        for _ in range(RUNS):
            for p, ss in peers:
                for s, f in ss:
                    w, note = f()
                    walls[(p, s)].append(w)
                    notes[(p, s)] = note
        best = {}
        for p, ss in peers:
            for s, _ in ss:
                m = bl.median(walls[(p, s)])
                extra = ""
                if s in perf_qps:
                    q = bl.median(perf_qps[s])
                    extra = "; dnsperf's own figure %.0f queries/s = %.0f names/s" % (q, q / 2)
                print("%-20s %-18s %8.3f s %8.0f names/s  (%s; last: %s%s)"
                      % (p, s, m, N / m, bl.runs_text(walls[(p, s)]), notes[(p, s)], extra))
                if p not in best or m < best[p][0]:
                    best[p] = (m, s)
        print()
        for p, (m, s) in best.items():
            print("best %-20s %-18s %8.0f names/s" % (p, s, N / m))
        ours = N / best["sovcheck collector"][0]
        ratios = []
        if "adnshost" in best:
            ratios.append("sovcheck / adnshost (best batch): %.2fx (target >= 3x)"
                          % (ours / (N / best["adnshost"][0])))
        ratios.append("sovcheck / dig -f: %.1fx" % (ours / (N / best["dig -f"][0])))
        ratios.append("sovcheck / dnsperf ceiling (best setting): %.0f%%"
                      % (100 * ours / (N / best["dnsperf (ceiling)"][0])))
        print()
        print("\n".join(ratios))
        print("load average at end: %s" % bl.loadavg())
    finally:
        lab.stop()


if __name__ == "__main__":
    main()
