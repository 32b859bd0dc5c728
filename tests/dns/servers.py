#!/usr/bin/env python3
"""dns-servers: the DNS collector against real servers on loopback.

Two NSD instances serve the same test zones, except for one name whose
address differs (GeoDNS seen from two places); two Unbound instances
resolve through them (stub zones). The collector is exercised through the
direct path (--resolver at NSD, IPv4 and IPv6) and the recursive path
(--resolver at Unbound), with zone files as a third source.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dnslab  # noqa: E402

DRIVER = os.environ["DNS_DRIVER"]
FAILS = []

SOA = "@ 300 IN SOA ns1.acme.example. hostmaster.acme.example. 1 3600 600 86400 300\n"


def acme_zone(geo_addr):
    return "$ORIGIN acme.example.\n$TTL 300\n" + SOA + """
@ IN NS ns1
@ IN NS ns.dnshost.example.
@ IN MX 10 mx1
@ IN MX 20 mail.mailhost.example.
ns1 IN A 192.0.2.53
mx1 IN A 192.0.2.25
api IN A 192.0.2.10
api IN AAAA 2001:db8::10
v6only IN AAAA 2001:db8::6
www IN CNAME acme.cdn.cdnprov.example.
geo IN A %s
txtonly IN TXT "no address here"
dangling IN CNAME gone.cdnprov.example.
loop1 IN CNAME loop2
loop2 IN CNAME loop1
""" % geo_addr


def simple_zone(origin, body):
    return ("$ORIGIN %s.\n$TTL 300\n" % origin +
            "@ 300 IN SOA ns.%s. hostmaster.%s. 1 3600 600 86400 300\n" % (origin, origin) +
            "@ IN NS ns.dnshost.example.\n" + body)


def zones(geo_addr):
    return {
        "acme.example": acme_zone(geo_addr),
        "cdnprov.example": simple_zone("cdnprov.example", """
acme.cdn IN CNAME e7.edges
e7.edges IN A 198.51.100.7
e7.edges IN AAAA 2001:db8:cd::7
"""),
        "dnshost.example": simple_zone("dnshost.example", """
ns IN A 198.51.100.53
ns IN AAAA 2001:db8:53::53
"""),
        "mailhost.example": simple_zone("mailhost.example", """
mail IN A 198.51.100.25
"""),
    }


def check(cond, what):
    if cond:
        print("ok - " + what)
    else:
        print("FAIL - " + what)
        FAILS.append(what)


def run(lab, names, args):
    nf = lab.write("names.txt", "\n".join(names) + "\n")
    r = subprocess.run([DRIVER] + args + ["--stats", nf], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError("driver failed (%d): %s" % (r.returncode, r.stderr))
    doc = json.loads(r.stdout)
    return {e["name"]: e for e in doc["names"]}, doc


HOSTS = ["www.acme.example", "api.acme.example", "v6only.acme.example",
         "nope.acme.example", "txtonly.acme.example", "dangling.acme.example",
         "loop1.acme.example", "domain acme.example"]


def expect_common(res, label, server, loop_reason):
    def ans(name, i=0):
        return res[name]["answers"][i]
    a = ans("www.acme.example")
    check(a["status"] == "ok", "%s: www is ok" % label)
    check([(h["owner"], h["target"]) for h in a["cname"]] ==
          [("www.acme.example", "acme.cdn.cdnprov.example"),
           ("acme.cdn.cdnprov.example", "e7.edges.cdnprov.example")],
          "%s: www keeps both CNAME hops into the provider zone" % label)
    check([x["ip"] for x in a["addresses"]] == ["198.51.100.7", "2001:db8:cd::7"],
          "%s: www resolves to the provider's A and AAAA" % label)
    check(all(x["owner"] == "e7.edges.cdnprov.example" for x in a["addresses"]),
          "%s: addresses belong to the end of the chain" % label)
    check(a["server"] == server, "%s: answering server is %s (got %s)"
          % (label, server, a["server"]))
    check(a["rcode"] == "NOERROR" and a["observed"] is not None,
          "%s: rcode and observation time recorded" % label)
    a = ans("api.acme.example")
    check(a["status"] == "ok" and [x["ip"] for x in a["addresses"]] ==
          ["192.0.2.10", "2001:db8::10"] and a["addresses"][0]["ttl"] > 0,
          "%s: api has A and AAAA with TTLs" % label)
    a = ans("v6only.acme.example")
    check(a["status"] == "ok" and [x["family"] for x in a["addresses"]] == [6],
          "%s: IPv6-only name" % label)
    check(ans("nope.acme.example")["status"] == "nxdomain", "%s: NXDOMAIN" % label)
    check(ans("txtonly.acme.example")["status"] == "no_address",
          "%s: a name without A/AAAA is no_address" % label)
    a = ans("dangling.acme.example")
    check(a["status"] == "nxdomain" and len(a["cname"]) == 1,
          "%s: a dangling CNAME is nxdomain and keeps its hop" % label)
    # NSD hands the loop over hop by hop; Unbound gives up on it itself
    check(ans("loop1.acme.example")["status"] == loop_reason,
          "%s: a CNAME loop ends as %s" % (label, loop_reason))
    a = ans("acme.example")
    check(a["status"] == "ok" and [n["name"] for n in a["ns"]] ==
          ["ns.dnshost.example", "ns1.acme.example"],
          "%s: NS set of the domain" % label)
    check([(m["preference"], m["name"]) for m in a["mx"]] ==
          [(10, "mx1.acme.example"), (20, "mail.mailhost.example")],
          "%s: MX set of the domain" % label)
    for t, via, ip in (("ns.dnshost.example", "ns:acme.example", "198.51.100.53"),
                       ("ns1.acme.example", "ns:acme.example", "192.0.2.53"),
                       ("mx1.acme.example", "mx:acme.example", "192.0.2.25"),
                       ("mail.mailhost.example", "mx:acme.example", "198.51.100.25")):
        e = res.get(t)
        check(e is not None and via in e["via"] and
              ip in [x["ip"] for x in e["answers"][0]["addresses"]],
              "%s: %s resolved as a target of %s" % (label, t, via))


def main():
    lab = dnslab.Lab()
    try:
        used = set()
        pa = dnslab.free_port(22000, 22999, used); used.add(pa)
        pb = dnslab.free_port(22000, 22999, used); used.add(pb)
        pu1 = dnslab.free_port(22000, 22999, used); used.add(pu1)
        pu2 = dnslab.free_port(22000, 22999, used); used.add(pu2)
        pdead = dnslab.free_port(22000, 22999, used); used.add(pdead)
        nsd_a = lab.nsd("nsd-a", zones("192.0.2.100"),
                        ["127.0.0.1@%d" % pa, "::1@%d" % pa])
        nsd_b = lab.nsd("nsd-b", zones("203.0.113.100"), ["127.0.0.1@%d" % pb])
        stubs_a = {z: ["127.0.0.1@%d" % pa] for z in zones("x")}
        stubs_a["lame.example"] = ["127.0.0.1@%d" % pa]  # NSD refuses: SERVFAIL
        stubs_b = {z: ["127.0.0.1@%d" % pb] for z in zones("x")}
        ub1 = lab.unbound("unbound-1", ["127.0.0.1@%d" % pu1], stubs_a)
        ub2 = lab.unbound("unbound-2", ["127.0.0.1@%d" % pu2], stubs_b)
        lab.wait_ready(nsd_a, "127.0.0.1", pa, "api.acme.example")
        lab.wait_ready(nsd_b, "127.0.0.1", pb, "api.acme.example")
        lab.wait_ready(ub1, "127.0.0.1", pu1, "api.acme.example")
        lab.wait_ready(ub2, "127.0.0.1", pu2, "api.acme.example")

        # 1. direct path: the authoritative server itself
        res, _ = run(lab, HOSTS + ["www.unserved.example"],
                     ["--resolver", "127.0.0.1:%d" % pa])
        expect_common(res, "direct", "127.0.0.1:%d" % pa, "cname_loop")
        check(res["www.unserved.example"]["answers"][0]["status"] == "refused",
              "direct: a zone the server does not serve is refused")

        # 2. direct path over IPv6
        res, _ = run(lab, ["www.acme.example", "api.acme.example"],
                     ["--resolver", "[::1]:%d" % pa])
        a = res["www.acme.example"]["answers"][0]
        check(a["status"] == "ok" and a["server"] == "[::1]:%d" % pa and len(a["cname"]) == 2,
              "IPv6 resolver address: chain followed, server recorded")

        # 3. recursive path: Unbound -> NSD through stub zones
        res, _ = run(lab, HOSTS + ["www.lame.example"],
                     ["--resolver", "127.0.0.1:%d" % pu1])
        expect_common(res, "recursive", "127.0.0.1:%d" % pu1, "servfail")
        check(res["www.lame.example"]["answers"][0]["status"] == "servfail",
              "recursive: a lame delegation is servfail")

        # 4. two resolvers that disagree: the difference is recorded
        res, _ = run(lab, ["geo.acme.example", "api.acme.example", "domain acme.example"],
                     ["--resolver", "127.0.0.1:%d" % pu1, "--resolver", "127.0.0.1:%d" % pu2])
        g = res["geo.acme.example"]
        check(len(g["answers"]) == 2 and g["differs"] and g["differences"] == ["addresses"],
              "two resolvers: geo differs in addresses")
        check([a["addresses"][0]["ip"] for a in g["answers"]] ==
              ["192.0.2.100", "203.0.113.100"], "two resolvers: each answer kept")
        check([a["source"] for a in g["answers"]] ==
              ["resolver 127.0.0.1:%d" % pu1, "resolver 127.0.0.1:%d" % pu2],
              "two resolvers: answers in source order")
        check(not res["api.acme.example"]["differs"], "two resolvers: api agrees")
        check(not res["acme.example"]["differs"], "two resolvers: NS/MX agree")

        # 5. zone files as a source beside a live resolver: they agree
        zfiles = []
        for zname, text in zones("192.0.2.100").items():
            zfiles += ["--zone", lab.write(zname + ".zone", text)]
        res, _ = run(lab, ["www.acme.example", "api.acme.example", "geo.acme.example"],
                     ["--resolver", "127.0.0.1:%d" % pa] + zfiles)
        w = res["www.acme.example"]
        check(len(w["answers"]) == 2 and w["answers"][1]["source"] == "zones" and
              not w["differs"] and w["answers"][1]["cname"] == w["answers"][0]["cname"],
              "zone files give the same chain as the live server")

        # 6. a resolver that does not answer: timeout, within the retries
        res, doc = run(lab, ["api.acme.example"],
                       ["--resolver", "127.0.0.1:%d" % pdead, "--query-timeout", "300",
                        "--retries", "1"])
        a = res["api.acme.example"]["answers"][0]
        check(a["status"] == "timeout" and doc["stats"]["queries"] == 4,
              "silent resolver: timeout after 2 attempts per question (%s)" % doc["stats"])

        # 7. injected clock: observation time comes from the caller
        res, _ = run(lab, ["api.acme.example"],
                     ["--resolver", "127.0.0.1:%d" % pa, "--clock", "1795000000123"])
        check(res["api.acme.example"]["answers"][0]["observed"] == "2026-11-18T11:06:40.123Z",
              "injected clock sets the observation time")

        # 8. many names at once, small in-flight cap: every one answered
        many = ["api.acme.example", "www.acme.example"] + \
               ["n%d.acme.example" % i for i in range(300)]
        res, doc = run(lab, many, ["--resolver", "127.0.0.1:%d" % pu1, "--jobs", "16"])
        check(len([n for n in many if n in res]) == len(many) and
              all(res["n%d.acme.example" % i]["answers"][0]["status"] == "nxdomain"
                  for i in range(300)),
              "302 names with 16 in flight: every one answered")
    finally:
        lab.stop(keep=bool(FAILS))
    if FAILS:
        print("%d failure(s); server logs kept in %s" % (len(FAILS), lab.dir))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
