#!/usr/bin/env python3
"""`sovcheck lookup --chain FILE --at DATE`: an expired chain judged at a
date within its validity.

A test PKI generated with `openssl ca` whose three certificates all expired
long ago (root 2019-01-01..2024-01-01, intermediate 2019-06-01..2023-01-01,
leaf 2020-01-01..2021-01-01), a registry whose CA index knows the
intermediate by its SHA-256, and an owner that changed parent on 2020-09-01.

Checks: without --at the chain does not verify (expired) and names no CA
owner (exit 2); with --at inside the common validity it verifies and the
owner is the index's, with the parent in force on that date and how that
parent is held (the registry's control, null when not recorded) (exit 0); before
or after the leaf's validity it does not verify; an RFC 3339 time with an
offset is taken in UTC; a malformed date, --at without a value and --at with
an address are usage errors (exit 64).
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

SOVCHECK = os.environ["SOVCHECK"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def sh(*args, cwd):
    p = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        sys.exit("%s failed: %s" % (args[0:2], p.stderr))
    return p.stdout


def lookup(*args):
    p = subprocess.run([SOVCHECK, "lookup", *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def one(out):
    lines = [l for l in out.splitlines() if l.strip()]
    return json.loads(lines[0]) if len(lines) == 1 else {}


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


tmp = tempfile.mkdtemp(prefix="sovcheck-lookup-at-")
try:
    write(os.path.join(tmp, "ext.cnf"), """\
[ca]
default_ca = ca_default
[ca_default]
database = index.txt
new_certs_dir = certs
serial = serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
countryName = optional
[req]
distinguished_name = dn
[dn]
[root_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[int_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:old.example
""")
    os.makedirs(os.path.join(tmp, "certs"))
    write(os.path.join(tmp, "index.txt"), "")
    write(os.path.join(tmp, "serial"), "1000\n")

    def cert(name, subj, ext, start, end, signer=None):
        sh("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
           name + ".key", cwd=tmp)
        sh("openssl", "req", "-new", "-key", name + ".key", "-subj", subj, "-config", "ext.cnf",
           "-out", name + ".csr", cwd=tmp)
        sign = ["-selfsign", "-keyfile", name + ".key"] if signer is None else \
               ["-cert", signer + ".crt", "-keyfile", signer + ".key"]
        sh("openssl", "ca", "-batch", "-config", "ext.cnf", *sign, "-in", name + ".csr",
           "-startdate", start, "-enddate", end, "-extensions", ext, "-notext",
           "-out", name + ".crt", cwd=tmp)

    cert("root", "/CN=Old Root CA Test/O=Old Trust Test/C=FR", "root_ext",
         "20190101000000Z", "20240101000000Z")
    cert("int", "/CN=Old Issuing CA Test/O=Old Trust Test/C=FR", "int_ext",
         "20190601000000Z", "20230101000000Z", "root")
    cert("leaf", "/CN=old.example", "leaf_ext", "20200101000000Z", "20210101000000Z", "int")

    def read(name):
        with open(os.path.join(tmp, name), encoding="ascii") as f:
            return f.read()

    chain = write(os.path.join(tmp, "chain.pem"), read("leaf.crt") + read("int.crt"))
    roots = os.path.join(tmp, "root.crt")
    der = subprocess.run(["openssl", "x509", "-in", os.path.join(tmp, "int.crt"), "-outform", "DER"],
                         capture_output=True, timeout=60).stdout
    int_sha = hashlib.sha256(der).hexdigest()

    # The intermediate's owner in the CA index; that owner belonged to one
    # group until 2020-09-01, to another from then on.
    src = ('    sources: [{url: "https://example.org/test-pki", fact: "generated test PKI", '
           'covers: [name, country, parent], reviewed: 2026-11-22}]\n')
    reg = os.path.join(tmp, "registry")
    os.makedirs(reg)
    write(os.path.join(reg, "old-trust.yaml"),
          "sovcheck-registry: 1\nentities:\n"
          "  - id: old-trust-test\n    name: \"Old Trust Test\"\n    country: FR\n"
          "    parents: [{id: first-group-test, until: 2020-09-01}, "
          "{id: second-group-test, from: 2020-09-01}]\n" + src +
          "  - id: first-group-test\n    name: \"First Group Test\"\n    country: FR\n" + src +
          "  - id: second-group-test\n    name: \"Second Group Test\"\n    country: US\n"
          "    control: listed\n" + src.replace("parent]", "control]"))
    write(os.path.join(reg, "old-ca-index.yaml"),
          "sovcheck-ca-index: 1\n"
          "source: {url: \"https://example.org/test-pki\", fact: \"generated test PKI\", "
          "reviewed: 2026-11-22}\ncertificates:\n"
          "  - {sha256: %s, name: \"Old Issuing CA Test\", owner: old-trust-test}\n" % int_sha)
    base = ["--trust", roots, "--registry", os.path.join(reg, "old-trust.yaml"),
            "--registry", os.path.join(reg, "old-ca-index.yaml")]

    # ---- now: the chain expired, no CA owner
    rc, out, err = lookup("--json", "--chain", chain, *base)
    o = one(out)
    check(rc == 2, "expired chain without --at exits 2 (got %d: %s)" % (rc, err))
    check(o.get("verified") is False, "expired chain without --at is not verified: %r" % o)
    check("expired" in (o.get("verify_error") or ""), "the reason is expiry: %r" % o.get("verify_error"))
    check((o.get("ca_owner") or {}).get("found") is False, "no CA owner without --at: %r" % o)
    check(o.get("at") is None, "no --at: at is null: %r" % o.get("at"))

    # ---- at a date within the validity: verified, owner and parent then
    rc, out, err = lookup("--json", "--chain", chain, "--at", "2020-06-01", *base)
    o = one(out)
    ow = o.get("ca_owner") or {}
    check(rc == 0, "--at within the validity exits 0 (got %d: %s)" % (rc, err))
    check(o.get("verified") is True, "--at within the validity: verified: %r" % o)
    check(o.get("at") == "2020-06-01T12:00:00Z", "a date is taken at noon UTC: %r" % o.get("at"))
    check(ow.get("owner_id") == "old-trust-test" and ow.get("matched_by") == "certificate",
          "the CA index's owner by certificate: %r" % ow)
    check(ow.get("ultimate_id") == "first-group-test" and ow.get("country") == "FR",
          "the parent in force on 2020-06-01: %r" % ow)
    check("ultimate_control" in ow and ow["ultimate_control"] is None,
          "how the first group is held is not recorded: null, not a guess: %r" % ow)
    check("ultimate_holders" in ow and ow["ultimate_holders"] is None,
          "nor who holds it: holders null: %r" % ow)
    rc, out, err = lookup("--chain", chain, "--at", "2020-06-01", *base)
    check("  control:  not recorded (who holds First Group Test is not in the registry)" in out,
          "text: the parent's control is said to be unrecorded: %r" % out)

    rc, out, err = lookup("--json", "--chain", chain, "--at", "2020-10-01T08:30:00Z", *base)
    o = one(out)
    ow = o.get("ca_owner") or {}
    check(rc == 0 and o.get("verified") is True, "RFC 3339 time within the validity: %r" % o)
    check(o.get("at") == "2020-10-01T08:30:00Z", "the time as given: %r" % o.get("at"))
    check(ow.get("ultimate_id") == "second-group-test" and ow.get("country") == "US",
          "the parent in force on 2020-10-01: %r" % ow)
    check(ow.get("ultimate_control") == "listed", "the second group is listed: %r" % ow)
    rc, out, err = lookup("--chain", chain, "--at", "2020-10-01T08:30:00Z", *base)
    check("  control:  listed (Second Group Test)" in out,
          "text: the parent's control, named: %r" % out)

    # An offset: 2021-01-01T00:30:00+01:00 is 2020-12-31T23:30:00Z, the
    # leaf's last day.
    rc, out, err = lookup("--json", "--chain", chain, "--at", "2021-01-01T00:30:00+01:00", *base)
    o = one(out)
    check(o.get("verified") is True and o.get("at") == "2020-12-31T23:30:00Z",
          "an offset is taken in UTC: %r" % o)

    # ---- outside the leaf's validity
    for d, why in (("2019-12-31", "not yet valid"), ("2021-01-02", "expired")):
        rc, out, err = lookup("--json", "--chain", chain, "--at", d, *base)
        o = one(out)
        check(rc == 2 and o.get("verified") is False and why in (o.get("verify_error") or ""),
              "--at %s: %s, exit 2 (got %d, %r)" % (d, why, rc, o.get("verify_error")))
        check((o.get("ca_owner") or {}).get("found") is False, "--at %s: no CA owner" % d)

    # ---- text output says when
    rc, out, err = lookup("--chain", chain, "--at", "2020-06-01", *base)
    check(rc == 0 and "chain verified (judged at 2020-06-01T12:00:00Z)" in out,
          "text output: verified and when: %r" % out)
    check("Old Trust Test" in out and "First Group Test" in out, "text output: owner: %r" % out)

    # ---- usage errors
    for bad in ("2020-13-01", "2020-02-30", "01/06/2020", "2020-06-01T25:00:00Z",
                "2020-06-01T08:30Z", "2020-06-01T08:30:00", "1970-01-01T00:00:00Z", ""):
        rc, out, err = lookup("--chain", chain, "--at", bad, *base)
        check(rc == 64 and "--at" in err and "is not a date" in err and out == "",
              "--at %r is a usage error (got %d: %s)" % (bad, rc, err))
    rc, out, err = lookup("--chain", chain, "--at")
    check(rc == 64 and "--at needs an argument" in err, "--at without a value: %d %s" % (rc, err))
    rc, out, err = lookup("--at", "2020-06-01", "192.0.2.1")
    check(rc == 64 and "--chain" in err, "--at with an address: %d %s" % (rc, err))
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    sys.exit("%d failure(s)" % len(failures))
print("lookup --at: all checks passed")
