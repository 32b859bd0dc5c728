#!/usr/bin/env python3
"""Signed filings: `check --sign` writes SHA256SUMS.p7s with the set, and
`verify`, `report` and `diff` reject every kind of tampering an auditor
must catch. Keys and certificates are made here with openssl, at run time.

  round trip  EC and RSA keys, with a certificate and without one (pinned
              then by the public key); Ed25519 signs where OpenSSL's CMS can
              and is refused with its reason where it cannot
  recipe      the auditor's check with plain openssl and sha256sum, as
              docs/outputs.md gives it, passes on a signed filing and fails
              on each tampered one
  tampering   a changed document; an evidence.json whose AS number was
              changed and its integrity digest recomputed (then SHA256SUMS
              too, then re-signed with another key); the wrong certificate;
              a removed signature with --require-signature; a file added,
              removed, replaced by a link or a FIFO; a garbage signature
  atomic      a signature never outlives its set: an unsigned run removes
              it, and a signed run killed at random moments leaves a set
              whose signature verifies, or the previous one
  keys        unreadable, encrypted, short, mismatched or non-signing keys
              and certificates: exit 3 (4 for a missing file) with the file
              and the reason, before anything is written

Usage: signed_check.py SOVCHECK SRCDIR
"""
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from testlib import check, finish

SOV, SRC = sys.argv[1], sys.argv[2]
DEMO = os.path.join(SRC, "examples", "acme-storage", "service.yaml")
CASE = os.path.join(SRC, "tests", "cases", "0001-demo-offline")


def run(*args, cwd=None):
    return subprocess.run([SOV] + [str(a) for a in args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def ossl(*args, cwd=None):
    return subprocess.run(["openssl"] + [str(a) for a in args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def must(p, what):
    if p.returncode != 0:
        print("setup failed: %s: %s" % (what, (p.stdout + p.stderr).strip()[:400]))
        sys.exit(1)
    return p


# Step 3 of the recipe: the files SHA256SUMS does not list (none: grep exits 1).
UNLISTED = 'ls -A | grep -vxF "$(cut -c67- SHA256SUMS; echo SHA256SUMS; echo SHA256SUMS.p7s)"'


def recipe(d, cert):
    """The auditor's check of docs/outputs.md: True when its three steps pass."""
    v = ossl("cms", "-verify", "-binary", "-inform", "DER", "-in", "SHA256SUMS.p7s",
             "-content", "SHA256SUMS", "-CAfile", cert, "-out", os.devnull, cwd=d)
    s = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=d,
                       capture_output=True, text=True)
    u = subprocess.run(["sh", "-c", UNLISTED], cwd=d, capture_output=True, text=True)
    return v.returncode == 0 and s.returncode == 0 and u.returncode == 1 and u.stdout == ""


def bundle_digest(doc):
    d = dict(doc)
    d.pop("integrity", None)
    return hashlib.sha256(json.dumps(d, sort_keys=True, separators=(",", ":"),
                                     ensure_ascii=False).encode()).hexdigest()


def sums_of(d):
    """A SHA256SUMS for the files of d, as someone covering an edit would."""
    lines = []
    for name in sorted(os.listdir(d)):
        if name in ("SHA256SUMS", "SHA256SUMS.p7s"):
            continue
        with open(os.path.join(d, name), "rb") as f:
            lines.append("%s  %s\n" % (hashlib.sha256(f.read()).hexdigest(), name))
    with open(os.path.join(d, "SHA256SUMS"), "w") as f:
        f.writelines(lines)


def main():
    t = tempfile.mkdtemp(prefix="sc-signed-")
    try:
        k = lambda name: os.path.join(t, name)
        # Keys and certificates of this run.
        must(ossl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                  "-out", k("ec.key")), "EC key")
        must(ossl("req", "-x509", "-new", "-key", k("ec.key"), "-subj",
                  "/CN=Acme filing signer/O=Acme Cloud SAS", "-days", "30", "-out", k("ec.pem")),
             "EC certificate")
        must(ossl("pkey", "-in", k("ec.key"), "-pubout", "-out", k("ec.pub")), "EC public key")
        must(ossl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                  "-out", k("rsa.key")), "RSA key")
        must(ossl("req", "-x509", "-new", "-key", k("rsa.key"), "-subj", "/CN=Acme RSA signer",
                  "-days", "30", "-out", k("rsa.pem")), "RSA certificate")
        must(ossl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                  "-out", k("other.key")), "other key")
        must(ossl("req", "-x509", "-new", "-key", k("other.key"), "-subj", "/CN=Mallory",
                  "-days", "30", "-out", k("other.pem")), "other certificate")
        must(ossl("genpkey", "-algorithm", "ED25519", "-out", k("ed.key")), "Ed25519 key")
        db = k("demo.mmdb")
        must(run("geodb", "build", "--csv", os.path.join(CASE, "geo.csv"), "--csv",
                 os.path.join(CASE, "asn.csv"), "-o", db), "geodb")

        def check_run(out, *extra, date="2026-11-22"):
            return run("check", DEMO, "--offline", "--date", date, "--geodb", db, "-o", out,
                       "--no-progress", *extra)

        # ---------------------------------------------------- round trip
        signed = k("signed")
        p = check_run(signed, "--sign", k("ec.key"), "--cert", k("ec.pem"))
        check(p.returncode == 1 and "signed by" in p.stdout and "Acme filing signer" in p.stdout,
              "check --sign: the demo's exit 1, the signer printed (%d: %s)"
              % (p.returncode, p.stderr.strip()[:200]))
        names = sorted(os.listdir(signed))
        check("SHA256SUMS.p7s" in names, "SHA256SUMS.p7s is written with the set")
        with open(os.path.join(signed, "SHA256SUMS")) as f:
            listed = [line.split("  ", 1)[1].strip() for line in f]
        check(sorted(listed + ["SHA256SUMS", "SHA256SUMS.p7s"]) == names,
              "SHA256SUMS lists every file but itself and its signature")
        p = run("verify", signed, "--cert", k("ec.pem"))
        check(p.returncode == 0 and "Acme filing signer" in p.stdout and p.stderr == "",
              "verify DIR --cert: exit 0, the signer named (%d: %s)"
              % (p.returncode, (p.stdout + p.stderr).strip()[-300:]))
        p = run("verify", os.path.join(signed, "evidence.json"), "--cert", k("ec.pem"), "-q")
        check(p.returncode == 0 and p.stdout == "", "verify BUNDLE -q: exit 0, silent")
        p = run("verify", signed, "--cert", k("ec.pub"), "--require-signature")
        check(p.returncode == 0, "verify pinned by the signer's public key: exit 0")
        p = run("verify", signed)
        check(p.returncode == 0 and "not pinned" in p.stdout,
              "verify without --cert: exit 0, saying the signer is not pinned")
        check(recipe(signed, k("ec.pem")), "the openssl recipe accepts the signed filing")
        p = ossl("cms", "-cmsout", "-print", "-inform", "DER", "-in",
                 os.path.join(signed, "SHA256SUMS.p7s"))
        check(p.returncode == 0 and "signingTime" in p.stdout and "Acme filing signer" in p.stdout,
              "the signature carries the signer's certificate and its signing time")

        # The same run unsigned: the same files (evidence.json differs only
        # by the times of observation it records), and no signature.
        plain = k("plain")
        check_run(plain)
        # (the documents quote evidence.json's digest: each run's own)
        def body(d, n):
            with open(os.path.join(d, "SHA256SUMS"), encoding="utf-8") as f:
                ev = [l.split()[0] for l in f if l.rstrip("\n").endswith("  evidence.json")]
            with open(os.path.join(d, n), "rb") as f:
                data = f.read()
            return data.replace(ev[0].encode(), b"@BUNDLE@") if ev else data
        same = sorted(os.listdir(plain)) == sorted(set(names) - {"SHA256SUMS.p7s"}) and all(
            body(plain, n) == body(signed, n) for n in listed if n != "evidence.json")
        check(same, "signing changes no document; an unsigned run writes no signature")

        rsa = k("rsa-signed")
        p = check_run(rsa, "--sign", k("rsa.key"), "--cert", k("rsa.pem"))
        check(p.returncode == 1 and run("verify", rsa, "--cert", k("rsa.pem")).returncode == 0
              and recipe(rsa, k("rsa.pem")),
              "RSA 2048: signed, verified by sovcheck and by the openssl recipe")

        keyonly = k("keyonly")
        p = check_run(keyonly, "--sign", k("ec.key"))
        check(p.returncode == 1 and "sovcheck signer" in p.stdout,
              "--sign without --cert: a certificate named after the key's fingerprint")
        check(run("verify", keyonly, "--cert", k("ec.pub")).returncode == 0,
              "a key-only signature verifies pinned by the public key")
        p = run("verify", keyonly, "--cert", k("ec.pem"))
        check(p.returncode == 1 and "[other-signer]" in p.stderr,
              "... but not pinned by another certificate of the same key (exact pin)")
        # The key-only recipe: verify with the certificate it carries, then
        # compare that certificate's key with the one handed over.
        v = ossl("cms", "-verify", "-binary", "-inform", "DER", "-in", "SHA256SUMS.p7s",
                 "-content", "SHA256SUMS", "-noverify", "-signer", k("carried.pem"),
                 "-out", os.devnull, cwd=keyonly)
        pub = ossl("x509", "-in", k("carried.pem"), "-pubkey", "-noout")
        check(v.returncode == 0 and pub.stdout == open(k("ec.pub")).read(),
              "the key-only openssl recipe: the signature verifies, the key is the one given")

        ed = k("ed-signed")
        p = check_run(ed, "--sign", k("ed.key"))
        if p.returncode == 3:
            check("Ed25519" in p.stderr and "ed.key" in p.stderr and not os.path.exists(ed),
                  "Ed25519 where OpenSSL's CMS cannot sign: exit 3, the key and the reason, "
                  "nothing written (%s)" % p.stderr.strip()[:200])
        else:
            check(p.returncode == 1 and run("verify", ed).returncode == 0,
                  "Ed25519 where OpenSSL's CMS can sign: signed and verified")

        # ---------------------------------------------------- tampering
        def copy(name):
            d = k(name)
            shutil.copytree(signed, d)
            return d

        d = copy("t-doc")
        with open(os.path.join(d, "summary.md"), "a") as f:
            f.write("\nAll requirements pass.\n")
        p = run("verify", d, "--cert", k("ec.pem"))
        check(p.returncode == 1 and "summary.md: error: [changed]" in p.stderr
              and "CHANGED" in p.stdout,
              "a changed document: exit 1 naming summary.md (%s)" % p.stderr.strip()[:200])
        check(not recipe(d, k("ec.pem")), "the recipe rejects it too")
        p = run("report", os.path.join(d, "evidence.json"), "-q")
        check(p.returncode == 1, "report of its untouched bundle still runs (only the bundle "
              "is report's input)")

        # evidence.json: an AS number changed, its integrity digest recomputed.
        d = copy("t-bundle")
        bpath = os.path.join(d, "evidence.json")
        with open(bpath, encoding="utf-8") as f:
            doc = json.load(f)
        answer = next(a for a in doc["geo"]["answers"] if a.get("asn"))
        answer["asn"] = 64496
        for s in answer["sources"]:
            if s.get("asn"):
                s["asn"] = 64496
        doc["integrity"]["digest"] = bundle_digest(doc)
        with open(bpath, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
        alone = k("alone.json")
        shutil.copy(bpath, alone)
        p = run("report", alone, "-q")
        check(p.returncode in (0, 1, 2),
              "the edited bundle alone passes its own digest (what a signature is for)")
        p = run("verify", d, "--cert", k("ec.pem"))
        check(p.returncode == 1 and "evidence.json: error: [changed]" in p.stderr,
              "edited bundle, digest recomputed: verify exit 1 naming evidence.json")
        p = run("report", bpath, "-q")
        check(p.returncode == 3 and "evidence.json: error: [changed]" in p.stderr
              and "refused" in p.stderr,
              "... report refuses it, exit 3 naming evidence.json (%s)" % p.stderr.strip()[:300])
        p = run("diff", os.path.join(signed, "evidence.json"), bpath)
        check(p.returncode == 3 and "evidence.json: error: [changed]" in p.stderr,
              "... diff refuses it, exit 3")
        p = check_run(k("with-baseline"), "--baseline", bpath)
        check(p.returncode == 3 and "evidence.json: error: [changed]" in p.stderr
              and not os.path.exists(k("with-baseline")),
              "... check --baseline refuses it, exit 3, nothing written")
        sums_of(d)
        p = run("verify", d)
        check(p.returncode == 1 and "SHA256SUMS.p7s: error: [bad-signature]" in p.stderr
              and "SHA256SUMS changed after it was signed" in p.stderr,
              "SHA256SUMS recomputed too: bad signature, even unpinned (%s)"
              % p.stderr.strip()[:300])
        check(not recipe(d, k("ec.pem")), "the recipe rejects it too")
        p = run("report", bpath, "-q")
        check(p.returncode == 3 and "SHA256SUMS.p7s" in p.stderr, "... report refuses it")
        must(ossl("cms", "-sign", "-binary", "-in", "SHA256SUMS", "-signer", k("other.pem"),
                  "-inkey", k("other.key"), "-outform", "DER", "-out", "SHA256SUMS.p7s",
                  cwd=d), "re-sign")
        p = run("verify", d, "--cert", k("ec.pem"))
        check(p.returncode == 1 and "[other-signer]" in p.stderr and "Mallory" in p.stderr,
              "re-signed with another key: rejected by the pinned certificate")
        p = run("verify", d)
        check(p.returncode == 0 and "Mallory" in p.stdout and "not pinned" in p.stdout,
              "... and accepted without a pin, naming the other signer (why --cert matters)")
        p = run("report", bpath, "-q", "--cert", k("ec.pem"))
        check(p.returncode == 3 and "[other-signer]" in p.stderr, "... report --cert refuses it")
        check(not recipe(d, k("ec.pem")), "... the recipe with the right certificate rejects it")

        p = run("verify", signed, "--cert", k("other.pem"))
        check(p.returncode == 1 and "SHA256SUMS.p7s: error: [other-signer]" in p.stderr,
              "the wrong certificate: exit 1 naming SHA256SUMS.p7s")
        check(not recipe(signed, k("other.pem")), "the recipe with the wrong certificate fails")
        p = run("report", os.path.join(signed, "evidence.json"), "-q", "--cert", k("other.pem"))
        check(p.returncode == 3, "report --cert with the wrong certificate: exit 3")

        d = copy("t-unsigned")
        os.unlink(os.path.join(d, "SHA256SUMS.p7s"))
        p = run("verify", d, "--require-signature")
        check(p.returncode == 1 and "SHA256SUMS.p7s: error: [unsigned]" in p.stderr,
              "signature removed, --require-signature: exit 1")
        check(run("verify", d, "--cert", k("ec.pem")).returncode == 1,
              "... and with --cert (a pin requires a signature)")
        p = run("verify", d)
        check(p.returncode == 0 and "not signed" in p.stdout,
              "... without either: exit 0, saying it is not signed")
        p = run("report", os.path.join(d, "evidence.json"), "-q", "--require-signature")
        check(p.returncode == 3 and "not signed" in p.stderr,
              "report --require-signature refuses an unsigned bundle (%s)" % p.stderr[:200])
        p = run("diff", os.path.join(signed, "evidence.json"), os.path.join(d, "evidence.json"),
                "--require-signature")
        check(p.returncode == 3, "diff --require-signature refuses it too")
        check(run("report", alone, "-q", "--require-signature").returncode == 3,
              "a lone bundle with --require-signature: exit 3")
        p = run("diff", os.path.join(signed, "evidence.json"),
                os.path.join(rsa, "evidence.json"), "--require-signature")
        check(p.returncode == 0, "diff of two signed bundles: exit 0 (%s)" % p.stderr[:200])

        d = copy("t-extra")
        with open(os.path.join(d, "notes.txt"), "w") as f:
            f.write("added later\n")
        p = run("verify", d)
        check(p.returncode == 1 and "notes.txt: error: [unlisted]" in p.stderr,
              "a file added to the filing: exit 1 naming it")
        u = subprocess.run(["sh", "-c", UNLISTED], cwd=d, capture_output=True, text=True)
        check(not recipe(d, k("ec.pem")) and u.stdout == "notes.txt\n",
              "the recipe's third step names it too")
        d = copy("t-missing")
        os.unlink(os.path.join(d, "residual-risk.fr.md"))
        p = run("verify", d)
        check(p.returncode == 1 and "residual-risk.fr.md: error: [missing]" in p.stderr,
              "a file removed: exit 1 naming it")
        d = copy("t-link")
        os.unlink(os.path.join(d, "summary.md"))
        os.symlink(os.path.join(signed, "summary.md"), os.path.join(d, "summary.md"))
        p = run("verify", d)
        check(p.returncode == 1 and "summary.md: error: [changed]" in p.stderr,
              "a file replaced by a link to the right content: exit 1 (not a regular file)")
        d = copy("t-fifo")
        os.unlink(os.path.join(d, "summary.md"))
        os.mkfifo(os.path.join(d, "summary.md"))
        p = run("verify", d)
        check(p.returncode == 1 and "summary.md: error: [changed]" in p.stderr,
              "a FIFO in place of a file: exit 1, no hang")
        d = copy("t-garbage")
        with open(os.path.join(d, "SHA256SUMS.p7s"), "wb") as f:
            f.write(os.urandom(700))
        p = run("verify", d)
        check(p.returncode == 1 and "[bad-signature]" in p.stderr and "not a CMS" in p.stderr,
              "a garbage signature: exit 1, bad signature")
        d = copy("t-pem")
        must(ossl("cms", "-cmsout", "-inform", "DER", "-in", "SHA256SUMS.p7s", "-outform", "PEM",
                  "-out", "SHA256SUMS.p7s", cwd=d), "PEM signature")
        check(run("verify", d, "--cert", k("ec.pem")).returncode == 0,
              "a signature converted to PEM still verifies")

        # Cannot be checked: exit 3.
        p = run("verify", k("nowhere"))
        check(p.returncode == 3, "verify of a path that does not exist: exit 3")
        d = copy("t-nosums")
        os.unlink(os.path.join(d, "SHA256SUMS"))
        p = run("verify", d)
        check(p.returncode == 3 and "SHA256SUMS" in p.stderr, "no SHA256SUMS: exit 3, named")
        p = run("report", os.path.join(d, "evidence.json"), "-q")
        check(p.returncode == 3 and "SHA256SUMS" in p.stderr,
              "report of a bundle whose signed filing lost SHA256SUMS: exit 3")
        for name, text, needle in [
                ("t-parent", "%s  ../service.yaml\n" % ("0" * 64), "SHA256SUMS:1"),
                ("t-upper", "%s  summary.md\n" % ("A" * 64), "SHA256SUMS:1"),
                ("t-twice", "%s  a\n%s  a\n" % ("0" * 64, "1" * 64), "SHA256SUMS:2"),
                ("t-truncated", "%s  summ" % ("0" * 64), "no newline")]:
            d = copy(name)
            with open(os.path.join(d, "SHA256SUMS"), "w") as f:
                f.write(text)
            p = run("verify", d)
            check(p.returncode == 3 and needle in p.stderr,
                  "hostile SHA256SUMS (%s): exit 3 with '%s' (%d: %s)"
                  % (name, needle, p.returncode, p.stderr.strip()[:200]))
        p = run("verify", signed, "--cert", k("ec.key"))
        check(p.returncode == 3 and "private key" in p.stderr,
              "verify --cert given a private key: exit 3, saying so")
        p = run("verify")
        check(p.returncode == 64, "verify without an argument: usage error")
        p = run("verify", "--help")
        check(p.returncode == 0 and "openssl cms -verify" in p.stdout and "--cert" in p.stdout
              and "Exit status" in p.stdout, "verify --help teaches the check and the recipe")

        # ---------------------------------------------------- atomic
        d = k("atomic")
        check_run(d, "--sign", k("ec.key"), "--cert", k("ec.pem"))
        check_run(d, date="2026-11-23")
        check(not os.path.exists(os.path.join(d, "SHA256SUMS.p7s"))
              and run("verify", d).returncode == 0,
              "an unsigned run after a signed one removes the signature")
        check_run(d, "--sign", k("ec.key"), "--cert", k("ec.pem"), date="2026-11-24")
        check(run("verify", d, "--cert", k("ec.pem")).returncode == 0,
              "a signed run after an unsigned one: the new set is signed")
        t0 = time.monotonic()
        check_run(d, "--sign", k("ec.key"), "--cert", k("ec.pem"), date="2026-11-25")
        span = max(time.monotonic() - t0, 0.05)
        rng = random.Random(1813)
        bad = []
        killed = 0
        for i in range(20):
            date = "2026-12-%02d" % (i + 1)
            a = [SOV, "check", DEMO, "--offline", "--date", date, "--geodb", db, "-o", d,
                 "-q", "--no-progress", "--sign", k("ec.key"), "--cert", k("ec.pem")]
            proc = subprocess.Popen(a, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, span))
            proc.send_signal(signal.SIGKILL)
            killed += proc.wait() == -signal.SIGKILL
            p = run("verify", d, "--cert", k("ec.pem"), "-q")
            if p.returncode != 0:
                bad.append("%s: %s" % (date, p.stderr.strip()[:200]))
        check(not bad, "20 signed runs killed at random moments (%d before they ended): the "
              "filing always verifies with its signature (%s)" % (killed, bad[:2]))

        # ---------------------------------------------------- keys
        must(ossl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                  "-aes256", "-pass", "pass:secret", "-out", k("enc.key")), "encrypted key")
        must(ossl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024",
                  "-out", k("short.key")), "short key")
        must(ossl("req", "-x509", "-new", "-key", k("ec.key"), "-subj", "/CN=CA only",
                  "-addext", "keyUsage=critical,keyCertSign", "-days", "30",
                  "-out", k("ca-only.pem")), "keyCertSign certificate")
        with open(k("junk.pem"), "w") as f:
            f.write("-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n")
        cases = [
            ("encrypted key", ["--sign", k("enc.key")], 3, ["enc.key", "encrypted"]),
            ("RSA of 1024 bits", ["--sign", k("short.key")], 3, ["short.key", "2048"]),
            ("certificate of another key", ["--sign", k("ec.key"), "--cert", k("other.pem")], 3,
             ["other.pem", "not the certificate of the key"]),
            ("certificate that may not sign", ["--sign", k("ec.key"), "--cert", k("ca-only.pem")],
             3, ["ca-only.pem", "keyUsage"]),
            ("a certificate given as the key", ["--sign", k("ec.pem")], 3,
             ["ec.pem", "not a private key"]),
            ("a damaged key", ["--sign", k("junk.pem")], 3, ["junk.pem", "not a PEM private key"]),
            ("a key file that does not exist", ["--sign", k("none.key")], 4,
             ["none.key", "cannot open"]),
            ("a certificate file that does not exist",
             ["--sign", k("ec.key"), "--cert", k("none.pem")], 4, ["none.pem", "cannot open"]),
            ("a key file for a certificate", ["--sign", k("ec.key"), "--cert", k("ec.key")], 3,
             ["ec.key", "not a certificate"]),
            ("--cert without --sign", ["--cert", k("ec.pem")], 64, ["--sign"]),
        ]
        for what, extra, code, needles in cases:
            out = k("never")
            p = check_run(out, *extra)
            ok = p.returncode == code and all(n in p.stderr for n in needles) \
                and not os.path.exists(out) and "Sanitizer" not in p.stderr
            check(ok, "%s: exit %d naming %s, nothing written (%d: %s)"
                  % (what, code, needles, p.returncode, p.stderr.strip()[:200]))
        p = run("check", DEMO, "--offline", "--sign", k("ec.key"))
        check(p.returncode == 64 and "-o" in p.stderr, "--sign without -o: usage error")
    finally:
        shutil.rmtree(t, ignore_errors=True)
    finish()


main()
