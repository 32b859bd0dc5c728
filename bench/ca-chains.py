#!/usr/bin/env python3
"""bench/ca-chains.py SOVCHECK SHARED_CA_DIR SRC_DIR... — how often sovcheck
names the right CA owner for real certificate chains.

Corpus: every certificate found in the files under SRC_DIR (PEM blocks, also
inside source code string constants, and DER files), each tried as the start
of a chain: the certificate, then its issuers, found among the same
certificates or the Mozilla root certificates of the CCADB reports (included
and removed roots, with their PEMs), up to a Mozilla root. A candidate
issuer must have the child's issuer name as its subject and its key must
verify the child's signature. Kept: chains that end at a Mozilla root (test
PKIs, whose roots are in no root program, drop out) and whose certificates
have a common validity; a start certificate that is itself a root is left to
bench/ca-accuracy.sh. A chain that starts at an intermediate (a real
intermediate and its real root, without a leaf) counts too.

Each chain is looked up with `sovcheck lookup --chain FILE --at D --json
--trust CCADB_ROOTS`, D the middle of the chain's common validity (real
chains have mostly expired). Scored at two levels:
- by certificate: the truth is the CCADB's owner of the issuing CA — the
  chain's second certificate, the one that signed the first — found by its
  SHA-256, else by its subject and key, in the all-intermediates report
  ("Subordinate CA Owner" when set, else "CA Owner"), then the included and
  removed roots reports and the Microsoft report ("Owner" / "CA Owner");
- by hierarchy: no CCADB report lists the issuing CA (an intermediate that
  expired before the reports were taken: the intermediates report holds
  the certificates valid in March 2026), so the truth is the owner of the
  nearest CA above it that one lists (at worst the chain's root). These
  chains are judged at the hierarchy level: the issuing CA itself is
  unknown to the CCADB, and its actual operator may differ from the
  hierarchy's owner (Let's Encrypt's X3 under IdenTrust's DST Root CA X3).
Owners are mapped to registry entities by the registry's own names (the
mapping `sovcheck registry import-ccadb` makes); a chain whose owner no
entity answers to is counted apart, not scored.

Prints: the sources and what each gave (chains by certificate + by
hierarchy, distinct owners), how owners were matched (by certificate,
subject+key, root fingerprint, issuer name — inferred), the chains per
owner, every wrong or unknown chain with the reason, and as its summary
chains / distinct owners (by the truth's owner) / right / wrong / unknown /
accuracy by certificate, by hierarchy and for the union.
"""
import base64
import collections
import concurrent.futures
import csv
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import warnings

warnings.filterwarnings("ignore")
from cryptography import x509  # noqa: E402  (python3-cryptography)
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import dsa, ec, padding, rsa  # noqa: E402

SOV, CA = os.path.abspath(sys.argv[1]), sys.argv[2]
SRCS = sys.argv[3:]
HERE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
MAX_FILE = 8 << 20
MAX_DEPTH = 6
UTC = datetime.timezone.utc
# The CT precertificate poison extension (1.3.6.1.4.1.11129.2.4.3): its
# OID's DER, critical, NULL value.
CT_POISON_DER = bytes.fromhex("060a2b06010401d679020403") + bytes.fromhex("0101ff04020500")


def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(l for l in f if not l.startswith("#")))


def fold(s):
    out = []
    for ch in unicodedata.normalize("NFD", s):
        o = ord(ch)
        if 0x300 <= o <= 0x36F:
            continue
        if o < 0x80:
            if ch.isalnum():
                out.append(ch.lower())
            continue
        if o == 0xA0 or 0x2000 <= o <= 0x206F:
            continue
        out.append(ch.lower())
    return "".join(out)


def entity_names(regdir):
    """folded name/alias/former name -> entity id, read from the registry."""
    import yaml  # python3-yaml
    names = {}
    for fn in sorted(os.listdir(regdir)):
        if not fn.endswith(".yaml"):
            continue
        with open(os.path.join(regdir, fn), encoding="utf-8") as f:
            d = yaml.safe_load(f)
        for e in (d or {}).get("entities", []) or []:
            for n in [e["name"]] + e.get("aliases", []) + [x["name"] for x in e.get("former_names", [])]:
                names.setdefault(fold(str(n)), e["id"])
    return names


class Cert:
    __slots__ = ("der", "x", "sha256", "subject", "issuer", "spki", "sspki", "ca", "nb", "na",
                 "label", "src")

    def __init__(self, der, x, src):
        self.der, self.x, self.src = der, x, src
        self.sha256 = hashlib.sha256(der).hexdigest().upper()
        self.subject = x.subject.public_bytes()
        self.issuer = x.issuer.public_bytes()
        self.spki = x.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
        self.sspki = hashlib.sha256(self.subject + self.spki).hexdigest().upper()
        try:
            self.ca = x.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except Exception:
            self.ca = False
        self.nb = x.not_valid_before_utc
        self.na = x.not_valid_after_utc
        cn = x.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        on = x.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)
        self.label = str((cn or on)[0].value) if (cn or on) else x.subject.rfc4514_string()


def load_der(der, src):
    try:
        x = x509.load_der_x509_certificate(der)
        x.public_key()
        return Cert(der, x, src)
    except Exception:
        return None


PEM = re.compile(rb"-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----(.*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----",
                 re.S)
B64 = re.compile(rb"[^A-Za-z0-9+/=]")


def pem_bodies(data):
    """Base64 bodies of the PEM certificates in data: plain files, and
    string constants of source code ("...\\n" + "..." in Go, C, Python)."""
    for m in PEM.finditer(data):
        body = m.group(1).replace(b"\\n", b"\n").replace(b"\\r", b"")
        body = re.sub(rb'"\s*\+?\s*"', b"", body)        # "..." + "..." and "..." "..."
        body = re.sub(rb"^\s*(//|#|\*)", b"", body, flags=re.M)
        body = B64.sub(b"", body.replace(b'"', b""))
        try:
            yield base64.b64decode(body, validate=False)
        except Exception:
            continue


# A DER certificate inside other data: SEQUENCE (long form) holding a
# TBSCertificate SEQUENCE (long form) that opens with the v3 version tag
# [0] INTEGER 2 or (v1) with the serial number's INTEGER.
EMBEDDED = re.compile(rb"\x30\x82..\x30\x82..(?:\xa0\x03\x02\x01\x02|\x02)", re.S)
HEX = re.compile(rb"(?:(?:30|\\x30)[0-9a-fA-F\\x\s\"'+,]{1100,})")
HEXCHUNK = re.compile(rb"[0-9a-fA-F]{2,}")
B64BARE = re.compile(rb"MII[A-Za-z0-9+/]{600,}={0,2}")


def embedded(data):
    """DER certificates carried inside other DER or binary data: PKCS#7
    bundles and signatures (Authenticode, JAR, APK), OCSP responses, CT log
    entries, Java key stores."""
    i = 0
    while True:
        m = EMBEDDED.search(data, i)
        if m is None:
            return
        n = 4 + int.from_bytes(data[m.start() + 2:m.start() + 4], "big")
        der = data[m.start():m.start() + n]
        if len(der) == n:
            yield der
        i = m.start() + 1


def texts(data):
    """Certificates written as text other than PEM in source code and test
    data: hex strings (Go and C constants, with or without \\x escapes,
    "..." + "..." concatenations) and bare base64 (JSON, CT log entries),
    each searched for DER certificates."""
    for m in HEX.finditer(data):
        hexs = b"".join(HEXCHUNK.findall(m.group(0).replace(b"\\x", b"")))
        if len(hexs) % 2:
            hexs = hexs[:-1]
        try:
            yield from embedded(bytes.fromhex(hexs.decode()))
        except ValueError:
            continue
    for m in B64BARE.finditer(data):
        body = m.group(0)
        try:
            yield from embedded(base64.b64decode(body + b"=" * (-len(body) % 4)))
        except Exception:
            continue


def scan(root, label, pool):
    """Every certificate in the files under root into pool (by SHA-256);
    returns how many distinct certificates this source added."""
    before = len(pool)
    for d, _, files in os.walk(root):
        for fn in files:
            p = os.path.join(d, fn)
            try:
                if os.path.islink(p) or os.path.getsize(p) > MAX_FILE:
                    continue
                with open(p, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            found = []
            if b"CERTIFICATE-----" in data:
                found = [c for c in (load_der(b, label) for b in pem_bodies(data)) if c]
            else:   # DER files, and DER inside other structures
                found = [c for c in (load_der(b, label) for b in embedded(data)) if c]
            # certificates written as hex or bare base64
            found += [c for c in (load_der(b, label) for b in texts(data)) if c]
            for c in found:
                pool.setdefault(c.sha256, c)
    return len(pool) - before


SERVER_EKUS = {x509.oid.ExtendedKeyUsageOID.SERVER_AUTH, x509.oid.ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
               x509.ObjectIdentifier("2.16.840.1.113730.4.1"),     # Netscape Server Gated Crypto
               x509.ObjectIdentifier("1.3.6.1.4.1.311.10.3.3")}    # Microsoft Server Gated Crypto


def not_server(c):
    """The extended key usages of a leaf that may not authenticate a TLS
    server (code signing, time stamping, OCSP signing, client, e-mail), as
    names; empty when it may (no extension, serverAuth, SGC or any) and for
    a CA certificate (a chain that starts at an intermediate is scored on
    the CAs, whatever they issue)."""
    if c.ca:
        return []
    try:
        eku = c.x.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except Exception:
        return []
    if any(u in SERVER_EKUS for u in eku):
        return []
    return sorted(getattr(u, "_name", None) or u.dotted_string for u in eku)


def signed_by(child, parent):
    """The parent's key verifies the child's signature (SHA-1 too: real
    chains of the 2010s are signed with it)."""
    k, x = parent.x.public_key(), child.x
    try:
        if isinstance(k, rsa.RSAPublicKey):
            pad = x.signature_algorithm_parameters or padding.PKCS1v15()
            k.verify(x.signature, x.tbs_certificate_bytes, pad, x.signature_hash_algorithm)
        elif isinstance(k, ec.EllipticCurvePublicKey):
            k.verify(x.signature, x.tbs_certificate_bytes, ec.ECDSA(x.signature_hash_algorithm))
        elif isinstance(k, dsa.DSAPublicKey):
            k.verify(x.signature, x.tbs_certificate_bytes, x.signature_hash_algorithm)
        else:
            k.verify(x.signature, x.tbs_certificate_bytes)
        return True
    except Exception:
        return False


def main():
    raw = os.path.join(CA, "raw")
    names = entity_names(os.path.join(HERE, "geodb", "registry"))

    # ---- the truth: CCADB owners by SHA-256 and by subject + key
    by_sha, by_sspki = {}, {}

    def truth(sha, sspki, owner, report):
        owner = (owner or "").replace("\n", " ").strip()
        if not owner:
            return
        if sha:
            by_sha.setdefault(sha.upper().replace(":", ""), (owner, report))
        if sspki:
            by_sspki.setdefault(sspki.upper(), (owner, report))

    for r in rows(os.path.join(raw, "mozilla_PublicAllIntermediateCerts_2026-03.csv")):
        truth(r["SHA-256 Fingerprint"], r["Subject + SPKI SHA256"],
              r.get("Subordinate CA Owner") or r["CA Owner"], "intermediates")
    roots, root_sspki = {}, set()   # root_sspki: subject + key of the reports' roots
    for rep, tag in (("mozilla_IncludedCACertificateWithPEMReport.csv", "included roots"),
                     ("mozilla_RemovedCACertificateWithPEMReport.csv", "removed roots")):
        for r in rows(os.path.join(raw, rep)):
            truth(r["SHA-256 Fingerprint"], r["Subject + SPKI SHA256"], r["Owner"], tag)
            root_sspki.add(r["Subject + SPKI SHA256"].upper())
            pem = (r.get("PEM Info") or r.get("PEM") or "").strip().strip("'").encode()
            for b in pem_bodies(pem):
                c = load_der(b, "Mozilla roots (CCADB)")
                if c:
                    roots.setdefault(c.sha256, c)
    public = set(roots)   # roots of a root program in the CCADB, by SHA-256
    ms = os.path.join(CA, "microsoft_root_program_ccadb_report.csv")
    if os.path.exists(ms):
        for r in rows(ms):
            truth(r.get("SHA-256 Fingerprint"), None, r.get("CA Owner"), "Microsoft roots")
            public.add((r.get("SHA-256 Fingerprint") or "").upper().replace(":", ""))
    old = os.path.join(raw, "mozilla_IncludedCACertificateReport_2024-01.csv")
    if os.path.exists(old):
        for r in rows(old):
            truth(r["SHA-256 Fingerprint"], r.get("Subject + SPKI SHA256"), r["Owner"],
                  "included roots 2024-01")
            public.add(r["SHA-256 Fingerprint"].upper().replace(":", ""))
            root_sspki.add((r.get("Subject + SPKI SHA256") or "").upper())

    # ---- the pool: every certificate of the sources, then the roots
    pool, per_src = {}, collections.OrderedDict()
    for s in SRCS:
        label = os.path.basename(s.rstrip("/"))
        per_src[label] = scan(s, label, pool)
    n_found = len(pool)
    for sha, c in roots.items():
        pool.setdefault(sha, c)
    # Roots of the CCADB reports without a PEM there (the Microsoft report,
    # the older Mozilla one) whose certificate a source carries; and other
    # self-signed certificates of a CCADB root, with its subject and key
    # (the same CA: a root re-issued with new dates keeps both, and the
    # CCADB identifies a CA by them).
    n_moz, n_same_key = len(roots), 0
    for sha, c in pool.items():
        if c.subject != c.issuer or sha in roots:
            continue
        if sha in public:
            roots[sha] = c
        elif c.sspki in root_sspki and signed_by(c, c):
            roots[sha] = c
            n_same_key += 1
    by_subject = collections.defaultdict(list)
    for c in pool.values():
        by_subject[c.subject].append(c)

    def rank(c):   # CCADB roots first, then CAs the CCADB lists
        return (c.sha256 not in roots, c.sha256 not in by_sha and c.sspki not in by_sspki)

    memo = {}

    def issuers(c):
        if c.sha256 not in memo:
            memo[c.sha256] = sorted((p for p in by_subject.get(c.issuer, ())
                                     if p.sha256 != c.sha256 and signed_by(c, p)), key=rank)
        return memo[c.sha256]

    def build(path):
        """Leaf first, up to a CCADB root, with a common validity."""
        top = path[-1]
        if top.sha256 in roots and len(path) > 1:
            return path
        if len(path) >= MAX_DEPTH or top.subject == top.issuer:
            return None
        nb, na = max(c.nb for c in path), min(c.na for c in path)
        for p in issuers(top):
            if p in path or max(nb, p.nb) >= min(na, p.na):
                continue
            got = build(path + [p])
            if got:
                return got
        return None

    chains, why_not, not_tls = [], collections.Counter(), []
    for c in sorted(pool.values(), key=lambda c: c.sha256):
        if c.sha256 in roots:
            continue
        if CT_POISON_DER in c.der:
            why_not["a CT precertificate (poison extension), never served"] += 1
            continue
        if c.subject == c.issuer and signed_by(c, c):
            why_not["self-signed, in no CCADB root report (a test or private root)"] += 1
            continue
        ch = build([c])
        if ch is None:
            why_not["no path to a CCADB root with a common validity"] += 1
            continue
        eku = not_server(c)
        if eku:
            why_not["a real chain, but its leaf is not for TLS servers "
                    "(extended key usage without serverAuth)"] += 1
            not_tls.append((ch, eku))
            continue
        chains.append(ch)

    with tempfile.TemporaryDirectory() as t:
        trust = os.path.join(t, "ccadb-roots.pem")
        with open(trust, "w") as f:
            for r in roots.values():
                f.write(r.x.public_bytes(serialization.Encoding.PEM).decode())
        jobs = []
        for i, ch in enumerate(chains):
            p = os.path.join(t, "chain-%04d.pem" % i)
            with open(p, "w") as f:
                for c in ch:
                    f.write(c.x.public_bytes(serialization.Encoding.PEM).decode())
            nb, na = max(c.nb for c in ch), min(c.na for c in ch)
            at = (nb + (na - nb) / 2).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            jobs.append((ch, p, at))

        def look(job):
            ch, p, at = job
            q = subprocess.run([SOV, "lookup", "--json", "--trust", trust, "--chain", p, "--at", at],
                               capture_output=True, text=True, timeout=300)
            if q.returncode not in (0, 2):
                sys.exit("lookup failed (%d): %s" % (q.returncode, q.stderr[-500:]))
            return json.loads(q.stdout)

        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
            results = list(ex.map(look, jobs))

    # ---- scoring, at two levels. By certificate: the issuing CA (the
    # chain's second certificate) is in a CCADB report, its owner is the
    # truth. By hierarchy: no CCADB report lists the issuing CA (mostly an
    # intermediate that expired before the reports were taken), so the
    # truth is the owner of the nearest CA above it that one lists (at
    # worst the root, every chain ending at a CCADB root): these chains
    # are judged at the hierarchy level, the issuing CA itself being
    # unknown to the CCADB.
    LEVELS = ("certificate", "hierarchy")

    class Score:
        def __init__(self):
            self.right = self.wrong = self.unknown = self.inferred = self.higher = 0
            self.owners, self.issuing = collections.Counter(), set()
            self.starts, self.methods = collections.Counter(), collections.Counter()

        def n(self):
            return self.right + self.wrong + self.unknown

        def row(self, name):
            n = self.n()
            return "%-13s %6d %6d %6d %6d %7d %8.1f%%" % (
                name, n, len(self.owners), self.right, self.wrong, self.unknown,
                100.0 * self.right / n if n else 0)

    score = {lv: Score() for lv in LEVELS + ("union",)}
    src_score = collections.defaultdict(lambda: {lv: Score() for lv in LEVELS + ("union",)})
    bad, apart = [], collections.Counter()
    for (ch, p, at), o in zip(jobs, results):
        k, t = 1, None
        for k in range(1, len(ch)):
            t = by_sha.get(ch[k].sha256) or by_sspki.get(ch[k].sspki)
            if t:
                break
        what = "%s (%s) -> %s, at %s" % (ch[0].label, "leaf" if not ch[0].ca else "CA",
                                          " -> ".join(c.label for c in ch[1:]), at[:10])
        if t is None:
            apart["no CA of the chain in a CCADB report"] += 1
            continue
        level = LEVELS[k > 1]
        want = names.get(fold(t[0]))
        if want is None:
            apart["CCADB owner \"%s\" is no registry entity" % t[0]] += 1
            continue
        ow = o.get("ca_owner") or {}
        if not ow.get("found"):
            verdict = "unknown"
            why = ("not verified: %s" % (o.get("verify_error") or o.get("detail") or o.get("status"))
                   if not o.get("verified") else "verified, no CA index entry, root fingerprint or "
                   "issuer name matched")
        elif ow.get("owner_id") == want:
            verdict = "right"
        else:
            verdict = "wrong"
            why = "got %s by %s%s: %s" % (ow.get("owner_id"), ow.get("matched_by"),
                                           " (a CA higher in the chain)" if ow.get("hierarchy") else "",
                                           ow.get("summary"))
        for sc in (score[level], score["union"], src_score[ch[0].src][level],
                   src_score[ch[0].src]["union"]):
            setattr(sc, verdict, getattr(sc, verdict) + 1)
            sc.owners[want] += 1
            sc.issuing.add(ch[1].sha256)
            sc.starts["leaf" if not ch[0].ca else "intermediate"] += 1
            if ow.get("found"):
                sc.methods[ow.get("matched_by")] += 1
                sc.inferred += bool(ow.get("inferred"))
                sc.higher += bool(ow.get("hierarchy"))
        if verdict != "right":
            judged = ("the issuing CA" if level == "certificate" else
                      "%s, %d above the issuing CA (which no CCADB report lists)"
                      % (ch[k].label, k - 1))
            bad.append((verdict, level, what, "want %s (CCADB %s: %s; judged by %s)"
                        % (want, t[1], t[0], judged), why))

    print("sources (distinct certificates found; chains scored that start there, by certificate "
          "+ by hierarchy; distinct owners):")
    for s, k in per_src.items():
        ss = src_score[s]
        print("  %-48s %5d certificates %4d + %3d chains %3d owners" % (
            s, k, ss["certificate"].n(), ss["hierarchy"].n(), len(ss["union"].owners)))
    print("  %-48s %5d roots" % ("Mozilla included and removed roots (CCADB)", n_moz))
    print("  %-48s %5d roots" % ("other CCADB roots a source carries", len(roots) - n_moz - n_same_key))
    print("  %-48s %5d roots" % ("other certificates of a CCADB root (subject+key)", n_same_key))
    print("pool: %d certificates from the sources; %d chains assembled to a CCADB root; "
          "not chains: %s" % (n_found, len(chains),
                              ", ".join("%s %d" % kv for kv in sorted(why_not.items()))))
    if not_tls:
        print("left out, not TLS server chains (the leaf's extended key usage):")
        for ch, eku in sorted(not_tls, key=lambda x: (x[0][0].label, x[0][0].sha256)):
            print("    %s (leaf) -> %s: %s" % (ch[0].label, " -> ".join(c.label for c in ch[1:]),
                                               ", ".join(eku)))
    if apart:
        print("not scored: %d (%s)" % (sum(apart.values()),
                                      "; ".join("%s: %d" % kv for kv in sorted(apart.items()))))
    for lv in ("certificate", "hierarchy"):
        sc = score[lv]
        print("by %s: %d chains (%d starting at a leaf, %d at an intermediate), %d distinct "
              "issuing CAs; matched by %s; by a CA above the issuing one: %d" % (
                  lv, sc.n(), sc.starts["leaf"], sc.starts["intermediate"], len(sc.issuing),
                  ", ".join("%s %d" % kv for kv in sorted(sc.methods.items())) or "-", sc.higher))
    print("owners (chains; by certificate + by hierarchy): " + ", ".join(
        "%s %d+%d" % (w, score["certificate"].owners[w], score["hierarchy"].owners[w])
        for w in sorted(score["union"].owners)))
    for kind, lv, what, want, why in sorted(bad):
        print("%s (by %s): %s\n    %s\n    %s" % (kind, lv, what, want, why))
    print()
    print("CA-owner accuracy on real chains. 'by certificate': the issuing CA is in a CCADB report,")
    print("its owner is the truth. 'by hierarchy': the issuing CA is in none (expired before the")
    print("reports), the truth is the owner of the nearest CA above it that one lists: judged at")
    print("the hierarchy level, the issuing CA itself unknown to the CCADB. Owners: distinct truth")
    print("owners.")
    print("%-13s %6s %6s %6s %6s %7s %9s" % ("level", "chains", "owners", "right", "wrong",
                                            "unknown", "accuracy"))
    print(score["certificate"].row("certificate"))
    print(score["hierarchy"].row("hierarchy"))
    print(score["union"].row("union"))

main()
