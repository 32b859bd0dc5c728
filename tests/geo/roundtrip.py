#!/usr/bin/env python3
"""Builder round trip checked by an independent reader.

Generates overlapping country and ASN ranges (IPv4 and IPv6, text and
numeric CSV variants, organisation names with commas, quotes and UTF-8) and
an RFC 8805 geofeed, builds databases with `sovcheck geodb build` (directly,
through MMDB inputs, and with 24/28/32-bit records), then compares, for
every sampled address, three answers: a reference model computed here from
the inputs (later inputs and later lines win, geofeeds win for country with
their longer prefixes first, IPv4-mapped and 6to4 addresses answer like
their IPv4 address; each answer names the input that decided it),
`mmdblookup` (libmaxminddb's command-line reader, Debian mmdb-bin), and our
reader (sc_geo_lookup, through the geo-lookup helper).
"""
import ipaddress
import os
import random
import subprocess
import sys
import tempfile

SOVCHECK = os.environ["SOVCHECK"]
GEO_LOOKUP = os.environ["GEO_LOOKUP"]
rng = random.Random(20261122)

CCS = ["FR", "DE", "US", "NL", "BE", "IT", "ES", "PL", "GB", "CH", "JP", "CN", "SE", "IE", "AT"]
ORGS = ["OVH SAS", "Hetzner Online GmbH", "Amazon.com, Inc.", 'Example "Quoted" Org',
        "Société Générale", "Scaleway S.A.S.", "Deutsche Telekom AG", "NTT Communications",
        "Org, with, commas"]
V4MAX = (1 << 32) - 1
MAPPED = (0xFFFF << 32, (0xFFFF << 32) | V4MAX)
SIX2FOUR = (0x2002 << 112, (0x2002 << 112) | ((1 << 112) - 1))
# IPv4 areas where ranges pile up, so that overlaps are common.
HOT4 = [int(ipaddress.IPv4Address(a)) for a in ("5.0.0.0", "51.0.0.0", "88.0.0.0", "192.0.0.0")]
HOT6 = [int(ipaddress.IPv6Address(a)) for a in ("2001:db8::", "2a01:4f8::", "2002:c000::", "2600::")]


def rand_v4():
    base = rng.choice(HOT4)
    lo = base + rng.randrange(1 << 20)
    size = rng.choice([1, 2, 7, 64, 256, 300, 1024, 4096, rng.randrange(1, 1 << 16)])
    return lo, min(lo + size - 1, V4MAX)


def rand_v6():
    base = rng.choice(HOT6)
    lo = base + (rng.randrange(1 << 24) << 80) + rng.choice([0, 0, rng.randrange(1 << 80)])
    size = 1 << rng.choice([0, 8, 48, 64, 72, 80, 90])
    size += rng.choice([0, 0, rng.randrange(1 << 40)])
    return lo, min(lo + size - 1, (1 << 128) - 1)


def text(v, fam):
    return str(ipaddress.IPv4Address(v) if fam == 4 else ipaddress.IPv6Address(v))


def csv_field(s):
    if any(c in s for c in ',"'):
        return '"' + s.replace('"', '""') + '"'
    return s


class Layer:
    def __init__(self):
        self.iv = []  # (lo, hi, prio, value, input)

    def add(self, lo, hi, prio, value, src):
        self.iv.append((lo, hi, prio, value, src))

    def at(self, x):
        """(value, input) of the interval of highest priority holding x."""
        best = None
        for lo, hi, prio, value, src in self.iv:
            if lo <= x <= hi and (best is None or prio > best[0]):
                best = (prio, value, src)
        return (best[1], best[2]) if best else (None, None)


def make_inputs(d):
    country, asn = Layer(), Layer()
    seq = [0]

    def prio(rank, plen=0):
        # CSV and MMDB inputs by input order then line; geofeeds above
        # them, by prefix length (on the 128-bit scale) first.
        seq[0] += 1
        return (1 if rank >= 100 else 0, plen, rank, seq[0])

    def keep(lo, hi):
        # The builder drops data inside the aliased ranges (::ffff:0:0/96,
        # 2002::/16); the model never consults it either, since model()
        # answers those addresses with their IPv4 address.
        return True

    samples = []
    nested = []  # addresses inside geofeed aggregates: all of them sampled
    # c1: country, text, with unknown markers that must not override anything
    with open(os.path.join(d, "c1.csv"), "w") as f:
        f.write("ip_range_start,ip_range_end,country_code\n# text variant\n")
        for i in range(1500):
            fam = 4 if rng.random() < 0.7 else 6
            lo, hi = rand_v4() if fam == 4 else rand_v6()
            cc = rng.choice(CCS + ["??", "ZZ", "EU"]) if i % 10 == 0 else rng.choice(CCS)
            f.write("%s,%s,%s\n" % (text(lo, fam), text(hi, fam), cc.lower() if i % 7 == 0 else cc))
            if cc not in ("??", "ZZ", "EU") and (fam == 4 or keep(lo, hi)):
                country.add(lo, hi, prio(0), cc, "c1")
            samples += [lo, hi, lo - 1, hi + 1, rng.randint(lo, hi)]
    # c2: country, numeric variant, overrides c1
    with open(os.path.join(d, "c2.csv"), "w") as f:
        for i in range(500):
            fam = 4 if rng.random() < 0.7 else 6
            lo, hi = rand_v4() if fam == 4 else rand_v6()
            cc = rng.choice(CCS)
            f.write("%d,%d,%s\n" % (lo, hi, cc))
            if fam == 4 or keep(lo, hi):
                country.add(lo, hi, prio(1), cc, "c2")
            samples += [lo, hi, rng.randint(lo, hi)]
    # a1: ASN + organisation, text
    with open(os.path.join(d, "a1.csv"), "w") as f:
        for i in range(1500):
            fam = 4 if rng.random() < 0.7 else 6
            lo, hi = rand_v4() if fam == 4 else rand_v6()
            n = rng.choice([0, 13335, 16276, 16509, 24940, 12876, 3320, 2914, 4200000001])
            org = rng.choice(ORGS)
            f.write("%s,%s,%d,%s\n" % (text(lo, fam), text(hi, fam), n, csv_field(org)))
            if n != 0 and (fam == 4 or keep(lo, hi)):
                asn.add(lo, hi, prio(2), (n, org), "a1")
            samples += [lo, hi, rng.randint(lo, hi)]
    # feed: RFC 8805 geofeed, overrides every country
    with open(os.path.join(d, "feed.csv"), "w") as f:
        f.write("# RFC 8805 geofeed\n")
        for i in range(150):
            fam = 4 if rng.random() < 0.6 else 6
            lo, _ = rand_v4() if fam == 4 else rand_v6()
            plen = rng.randint(20, 32) if fam == 4 else rng.randint(40, 64)
            net = ipaddress.ip_network((text(lo, fam), plen), strict=False)
            cc = rng.choice(CCS)
            f.write("%s,%s,XX-YY,Some City,\n" % (net, cc))
            lo, hi = int(net.network_address), int(net.broadcast_address)
            if fam == 4 or keep(lo, hi):
                country.add(lo, hi, prio(100, plen + (96 if fam == 4 else 0)), cc, "feed")
            samples += [lo, hi, lo - 1, hi + 1]
        # Aggregates with more specific prefixes inside them, the lines in
        # random order: each address answers with the longest prefix.
        for i in range(60):
            fam = 4 if rng.random() < 0.6 else 6
            lo, _ = rand_v4() if fam == 4 else rand_v6()
            agg = ipaddress.ip_network((text(lo, fam), 20 if fam == 4 else 40), strict=False)
            lines = [(agg, rng.choice(CCS))]
            for k in range(rng.randint(1, 4)):
                sub_len = rng.randint(22, 30) if fam == 4 else rng.randint(44, 64)
                start = int(agg.network_address) + rng.randrange(agg.num_addresses)
                lines.append((ipaddress.ip_network((text(start, fam), sub_len), strict=False),
                              rng.choice(CCS)))
            rng.shuffle(lines)
            for net, cc in lines:
                f.write("%s,%s,,,\n" % (net, cc))
                nlo, nhi = int(net.network_address), int(net.broadcast_address)
                plen = net.prefixlen + (96 if fam == 4 else 0)
                country.add(nlo, nhi, prio(100, plen), cc, "feed")
                nested += [nlo, nhi, rng.randint(nlo, nhi)]
        f.write("192.0.2.1/24,FR,,,\nnot a prefix,FR,,,\n2001:db8::/129,DE,,,\n")
    for _ in range(300):
        samples.append(rng.randrange(1 << 32))
        samples.append(rng.choice(HOT6) + rng.randrange(1 << 100))
    return country, asn, samples, nested


def to_text(x):
    """Sample integer -> address literal: IPv4 below 2^32, else IPv6."""
    if 0 <= x <= V4MAX:
        return str(ipaddress.IPv4Address(x))
    return str(ipaddress.IPv6Address(x % (1 << 128)))


def model(country, asn, lit, names):
    a = ipaddress.ip_address(lit)
    x = int(a)
    if a.version == 6 and MAPPED[0] <= x <= MAPPED[1]:
        x -= MAPPED[0]
    elif a.version == 6 and SIX2FOUR[0] <= x <= SIX2FOUR[1]:
        x = (x >> 80) & V4MAX
    elif a.version == 6 and x <= V4MAX:
        # ::a.b.c.d is where the IPv4 tree lives: the IPv4 answer.
        pass
    cc, cin = country.at(x)
    an, ain = asn.at(x)
    return (cc or "-", str(an[0]) if an else "-", an[1] if an else "",
            names[cin] if cin else "-", names[ain] if ain else "-")


def mmdblookup(db, lit):
    p = subprocess.run(["mmdblookup", "--file", db, "--ip", lit], capture_output=True)
    out = p.stdout.decode("utf-8")
    if "Could not find an entry" in out + p.stderr.decode("utf-8", "replace"):
        return ("-", "-", "")
    if p.returncode != 0:
        raise SystemExit("mmdblookup failed for %s: %s" % (lit, p.stderr))
    vals, key = {}, None
    for line in out.splitlines():
        s = line.strip()
        if s.startswith('"') and s.endswith('":'):
            key = s[1:-2]
            continue
        if key and s and s not in ("{", "}"):
            v = s.rsplit(" <", 1)[0]
            if v.startswith('"') and v.endswith('"'):
                v = v[1:-1]
            vals[key] = v
            key = None
    return (vals.get("iso_code", "-"), vals.get("autonomous_system_number", "-"),
            vals.get("autonomous_system_organization", ""))


def ours(db, lits):
    p = subprocess.run([GEO_LOOKUP, "print", db], input="\n".join(lits).encode(),
                       capture_output=True, check=True)
    res, nets = {}, {}
    for line in p.stdout.decode("utf-8").splitlines():
        f = line.split("\t")
        if f[1] == "ERROR":
            res[f[0]] = ("ERROR", f[2], f[3])
        else:
            res[f[0]] = (f[1], f[2], f[3], f[7], f[8])
            nets[f[0]] = f[4]
    return res, nets


def check_network(lit, net):
    """The network holds the address and is written as RFC 5952 says
    (Python's ipaddress writes the same canonical form)."""
    if net == "":
        return "no network"
    try:
        n = ipaddress.ip_network(net, strict=True)
    except ValueError as e:
        return "bad network %r: %s" % (net, e)
    a = ipaddress.ip_address(lit)
    if a.version == 6 and a.ipv4_mapped is not None:
        a = a.ipv4_mapped
    if a not in n:
        return "network %s does not hold %s" % (net, lit)
    if str(n) != net:
        return "network %r is not canonical (%s)" % (net, n)
    return None


def build(args, out):
    p = subprocess.run([SOVCHECK, "geodb", "build"] + args + ["-o", out],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("geodb build failed (%d): %s" % (p.returncode, p.stderr))
    return p.stdout


def main():
    with tempfile.TemporaryDirectory() as d:
        country, asn, samples, nested = make_inputs(d)
        j = lambda n: os.path.join(d, n)
        lits = []
        for x in rng.sample(samples, min(700, len(samples))) + nested:
            if 0 <= x < (1 << 128):
                lits.append(to_text(x))
        v4 = [l for l in lits if ":" not in l]
        lits += ["::ffff:" + l for l in v4[:60]]
        lits += ["2002:%04x:%04x::1" % (int(ipaddress.IPv4Address(l)) >> 16,
                                        int(ipaddress.IPv4Address(l)) & 0xFFFF) for l in v4[60:120]]
        lits = sorted(set(lits))

        csvs = ["--csv", j("c1.csv"), "--csv", j("c2.csv"), "--csv", j("a1.csv"),
                "--geofeed", j("feed.csv")]
        build(csvs, j("direct.mmdb"))
        build(["--csv", j("c1.csv"), "--csv", j("c2.csv")], j("country.mmdb"))
        build(["--csv", j("a1.csv")], j("asn.mmdb"))
        build(["--mmdb", j("country.mmdb"), "--mmdb", j("asn.mmdb"), "--geofeed", j("feed.csv")],
              j("merged.mmdb"))
        build(csvs + ["--record-size", "28"], j("rs28.mmdb"))
        build(csvs + ["--record-size", "32"], j("rs32.mmdb"))

        # The input each answer names: its file name (no --source given);
        # the merged build read the countries and the ASNs from MMDB files.
        direct = {"c1": "c1.csv", "c2": "c2.csv", "a1": "a1.csv", "feed": "feed.csv"}
        merged = {"c1": "country.mmdb", "c2": "country.mmdb", "a1": "asn.mmdb",
                  "feed": "feed.csv"}
        want = {}
        for name, names in (("direct", direct), ("merged", merged)):
            want[name] = {l: model(country, asn, l, names) for l in lits}
        none = ("-", "-", "", "-", "-")
        found = sum(1 for w in want["direct"].values() if w != none)
        bad = []
        dbs = ["direct.mmdb", "merged.mmdb", "rs28.mmdb", "rs32.mmdb"]
        checked = 0
        for name in dbs:
            db = j(name)
            w = want["merged" if name == "merged.mmdb" else "direct"]
            mine, nets = ours(db, lits)
            # mmdblookup is one process per address: every address for the
            # direct build, a third of them for the others.
            step = 1 if name == "direct.mmdb" else 3
            for i, l in enumerate(lits):
                if mine.get(l) != w[l]:
                    bad.append("%s %s: sc_geo_lookup %s, model %s" % (name, l, mine.get(l), w[l]))
                elif w[l] != none:
                    why = check_network(l, nets.get(l, ""))
                    if why:
                        bad.append("%s %s: %s" % (name, l, why))
                if i % step == 0:
                    got = mmdblookup(db, l)
                    checked += 1
                    if got != w[l][:3]:
                        bad.append("%s %s: mmdblookup %s, model %s" % (name, l, got, w[l][:3]))
        for b in bad[:30]:
            print("MISMATCH", b)
        print("%d addresses (%d with data), %d databases, %d mmdblookup comparisons, %d mismatches"
              % (len(lits), found, len(dbs), checked, len(bad)))
        if found < len(lits) // 3:
            print("too few addresses with data: the test would prove little")
            return 1
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
