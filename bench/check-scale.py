#!/usr/bin/env python3
"""Scale benchmark of `sovcheck check` (run through bench/check-scale.sh).

What: for each size N (default 1,000, 10,000 and 100,000 endpoints), the
whole pipeline — load, DNS from zone files, TLS chains from PEM files,
geolocation, attribution, graph, evaluation, reports and evidence bundle —
with inputs equivalent to a live collection:
  - every endpoint has TLS on, its chain in the chains directory
    (--chains DIR, DIR/HOST.pem; hard links to one chain per load balancer
    or CDN edge: EC P-256 leaf + intermediate from the test CAs);
  - shared load balancers: LBS (default 50) load balancers, each one IPv4
    and one IPv6 address; endpoint hI.sK.big.example is on balancer
    K = I mod LBS (many names -> the same addresses);
  - one endpoint in three is a CNAME into a CDN (eK.cdn.cloudflare.net,
    CDN edges with their own addresses and a US CA's chain), one in three a
    CNAME to its balancer's name, one in three has the balancer's A + AAAA;
  - the certificates' CA, OCSP and CRL hosts resolve from zones too;
  - a geolocation database built with `sovcheck geodb build` (balancers in
    France and Germany, the CDN in the United States);
  - the test roots as trust anchors through SSL_CERT_FILE (sovcheck check
    has no option for a trust anchor; OpenSSL's default store honours it).
How: RUNS runs per size (default 3), whole process, monotonic wall clock
and peak RSS from /usr/bin/time -v; medians. Prints time(100k)/time(10k).
A size the manifest loader refuses (more than 100,000 entries in a list,
more than 2,000,000 YAML nodes) is reported as refused, with sovcheck's
message, and the script goes on.
"""
import datetime
import json
import os
import sys

sys.dont_write_bytecode = True   # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

CDN_EDGES = 10


def inputs(d, n, nlb, pki):
    os.makedirs(os.path.join(d, "chains"))
    soa = ["$TTL 300", "@ IN SOA ns1 h 1 7200 3600 1209600 300", "@ IN NS ns1"]
    z = ["$ORIGIN big.example."] + soa + ["ns1 IN A 192.0.2.1"]
    c = ["$ORIGIN cdn.cloudflare.net."] + soa + ["ns1 IN A 203.0.113.1"]
    for k in range(nlb):
        z.append("lb%d IN A 192.0.2.%d" % (k, k % 250 + 2))
        z.append("lb%d IN AAAA 2001:db8::%x" % (k, k + 2))
    for e in range(CDN_EDGES):
        c.append("e%d IN A 203.0.113.%d" % (e, e + 2))
        c.append("e%d IN AAAA 2001:db8:cd::%x" % (e, e + 2))
    m = ["sovcheck: 1", "service: {name: Scale}", "endpoints:"]
    for i in range(n):
        k = i % nlb
        host = "h%d.s%d.big.example" % (i, k)
        if i % 3 == 0:
            e = i % CDN_EDGES
            z.append("h%d.s%d IN CNAME e%d.cdn.cloudflare.net." % (i, k, e))
            chain = "cdn%d" % e
        else:
            if i % 3 == 1:
                z.append("h%d.s%d IN CNAME lb%d" % (i, k, k))
            else:
                z.append("h%d.s%d IN A 192.0.2.%d" % (i, k, k % 250 + 2))
                z.append("h%d.s%d IN AAAA 2001:db8::%x" % (i, k, k + 2))
            chain = "lb%d" % k
        os.link(os.path.join(pki, chain + ".chain.pem"),
                os.path.join(d, "chains", host + ".pem"))
        m.append("  - {host: %s, port: 443, role: api, data: customer, tls: true}" % host)
    zones = ["big.zone", "cdn.zone"]
    with open(os.path.join(d, "big.zone"), "w") as f:
        f.write("\n".join(z) + "\n")
    with open(os.path.join(d, "cdn.zone"), "w") as f:
        f.write("\n".join(c) + "\n")
    for hp, addr in (("certigna", "192.0.2.250"), ("digicert", "203.0.113.250")):
        with open(os.path.join(d, hp + ".zone"), "w") as f:
            f.write("\n".join(["$ORIGIN %s.test." % hp] + soa + ["ns1 IN A %s" % addr] +
                              ["%s IN A %s" % (h, addr) for h in ("ca", "crl", "ocsp")]) + "\n")
        zones.append(hp + ".zone")
    m.append("sources: {zones: [%s], chains: chains}" % ", ".join(zones))
    with open(os.path.join(d, "service.yaml"), "w") as f:
        f.write("\n".join(m) + "\n")


def main():
    sov = sys.argv[1]
    sizes = [int(x) for x in sys.argv[2:]] or [1000, 10000, 100000]
    runs = int(os.environ.get("RUNS", "3"))
    nlb = int(os.environ.get("LBS", "50"))
    if runs < 1 or nlb < 1 or min(sizes) < 1:
        bl.die("RUNS, LBS and sizes must be >= 1", 64)
    bl.need("time", "openssl")
    # The PEM source verifies chains at noon UTC of --date, and the test
    # certificates are issued now (valid 60 days): evaluate tomorrow.
    when = (datetime.datetime.now(datetime.timezone.utc) +
            datetime.timedelta(days=1)).strftime("%Y-%m-%d")

    with bl.Lab("sc-check-scale-") as lab:
        pki = bl.make_pki(lab, [("lb%d" % k, ["*.s%d.big.example" % k], "certigna")
                                for k in range(nlb)] +
                          [("cdn%d" % e, ["*.big.example"] +
                            ["*.s%d.big.example" % k for k in range(nlb)], "digicert")
                           for e in range(CDN_EDGES)])
        lab.write("geo.csv", "192.0.2.0,192.0.2.255,FR\n203.0.113.0,203.0.113.255,US\n"
                  "2001:db8::,2001:db8:0:ffff:ffff:ffff:ffff:ffff,DE\n"
                  "2001:db8:cd::,2001:db8:cd:ffff:ffff:ffff:ffff:ffff,US\n")
        lab.write("asn.csv", "192.0.2.0,192.0.2.255,16276,OVH SAS\n"
                  "203.0.113.0,203.0.113.255,13335,\"Cloudflare, Inc.\"\n"
                  "2001:db8::,2001:db8:0:ffff:ffff:ffff:ffff:ffff,16276,OVH SAS\n"
                  "2001:db8:cd::,2001:db8:cd:ffff:ffff:ffff:ffff:ffff,13335,"
                  "\"Cloudflare, Inc.\"\n")
        # No --trust option: the test roots through OpenSSL's default store.
        env = dict(os.environ, SSL_CERT_FILE=os.path.join(pki, "roots.pem"),
                   SSL_CERT_DIR=lab.path("no-cert-dir"))
        r = bl.timed(lab, [sov, "geodb", "build", "--csv", lab.path("geo.csv"), "--csv",
                           lab.path("asn.csv"), "-o", lab.path("t.mmdb")])
        if r.rc != 0:
            bl.die("sovcheck geodb build failed: " + r.err[-300:])

        print("check scale: sovcheck check --offline, zone files + PEM chains (TLS on for "
              "every endpoint), %d shared load balancers + %d CDN edges, one endpoint in three "
              "a CDN CNAME; %d CPUs; medians of %d runs, whole process" %
              (nlb, CDN_EDGES, os.cpu_count(), runs))
        print("load average at start: %s" % bl.loadavg())
        print()
        results = {}
        for n in sizes:
            d = lab.path("n%d" % n)
            inputs(d, n, nlb, pki)
            argv = [sov, "check", os.path.join(d, "service.yaml"), "--offline", "--geodb",
                    lab.path("t.mmdb"), "--date", when, "-o", os.path.join(d, "out"), "-q"]
            rs = []
            for _ in range(runs):
                rs.append(bl.timed(lab, argv, env=env))
                if rs[-1].rc in (3, 4, 64):
                    break
            last = rs[-1]
            if last.rc in (3, 4, 64):
                msg = " ".join(last.err.strip().splitlines()[:3]) or "(no message)"
                kind = "refused the manifest" if last.rc == 3 else "failed"
                print("%7d endpoints: sovcheck %s (exit %d, %.3f s, RSS %.1f MiB): %s"
                      % (n, kind, last.rc, last.wall, last.rss_mib, msg))
                continue
            wall = bl.median([x.wall for x in rs])
            rss = bl.median([x.rss_mib for x in rs])
            try:
                with open(os.path.join(d, "out", "findings.json")) as f:
                    deps = len(json.load(f).get("dependencies") or [])
                with open(os.path.join(d, "out", "evidence.json")) as f:
                    ev = json.load(f)
                tls = ev.get("tls") or []
                verified = sum(bool(((t.get("capture") or {}).get("verify") or {}).get("ok"))
                               for t in tls)
                evsize = os.path.getsize(os.path.join(d, "out", "evidence.json")) / 1048576
                detail = ("dependencies %d, TLS chains %d (verified %d), evidence.json "
                          "%.1f MiB" % (deps, len(tls), verified, evsize))
            except (OSError, ValueError) as e:
                detail = "cannot read the outputs: %s" % e
            results[n] = (wall, rss)
            print("%7d endpoints: %8.3f s  peak RSS %7.1f MiB  exit %d  (%s; %s)"
                  % (n, wall, rss, last.rc, bl.runs_text([x.wall for x in rs]), detail))
        print()
        if 10000 in results and 100000 in results:
            print("time(100k) / time(10k): %.1f   (linear: 10; target: 100k < 60 s and "
                  "< 500 MB RSS)" % (results[100000][0] / results[10000][0]))
        elif 100000 in sizes:
            print("time(100k) / time(10k): n/a (%s)" % (
                "100,000 endpoints refused" if 100000 not in results else "10,000 not measured"))
        print("load average at end: %s" % bl.loadavg())


if __name__ == "__main__":
    main()
