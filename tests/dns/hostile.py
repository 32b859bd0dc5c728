#!/usr/bin/env python3
"""dns-hostile: the DNS collector against a misbehaving responder.

Every case of hostile-responder.c is resolved in one concurrent run; each
must end with the expected reason, spoofed answers must never be accepted,
and the run must end (the driver is killed after 60 s).
"""
import json
import os
import subprocess
import sys
import tempfile

DRIVER = os.environ["DNS_DRIVER"]
RESPONDER = os.environ["HOSTILE_RESPONDER"]
FAILS = []

# name label -> expected reason
CASES = {
    "ok": "ok",
    "silent": "timeout",
    "slow": "ok",
    "late": "timeout",
    "wrongport": "ok",
    "wrongid": "ok",
    "wrongq": "ok",
    "otherq": "mismatch",
    "notresp": "mismatch",
    "malformed": "malformed",
    "tc": "ok",
    "huge": "too_many_answers",
    "tcpgarbage": "malformed",
    "bigudp": "ok",
    "hugeudp": "malformed",
    "tcpclose": "timeout",
    "loop1": "cname_loop",
    "selfloop": "cname_loop",
    "long0": "chain_too_long",
    "dangling": "nxdomain",
    "servfail": "servfail",
    "refused": "refused",
    "nx": "nxdomain",
    "noaddr": "no_address",
}


def check(cond, what):
    if cond:
        print("ok - " + what)
    else:
        print("FAIL - " + what)
        FAILS.append(what)


def run(names, args):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(names) + "\n")
        nf = f.name
    try:
        r = subprocess.run([DRIVER] + args + ["--stats", nf], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.unlink(nf)
    if r.returncode != 0:
        raise RuntimeError("driver failed (%d): %s" % (r.returncode, r.stderr))
    doc = json.loads(r.stdout)
    return {e["name"]: e for e in doc["names"]}, doc


def main():
    resp = subprocess.Popen([RESPONDER, "127.0.0.1"], stdout=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True)
    try:
        port = int(resp.stdout.readline().strip())
        server = "127.0.0.1:%d" % port
        names = ["%s.hostile.test" % k for k in CASES]
        res, doc = run(names, ["--resolver", server, "--query-timeout", "1000",
                               "--retries", "1", "--jobs", "8"])
        for label, want in CASES.items():
            a = res["%s.hostile.test" % label]["answers"][0]
            check(a["status"] == want, "%s ends as %s (got %s: %s)"
                  % (label, want, a["status"], a["detail"]))
        st = doc["stats"]

        def ips(label):
            return [x["ip"] for x in res["%s.hostile.test" % label]["answers"][0]["addresses"]]
        for label in ("wrongport", "wrongid", "wrongq"):
            check(ips(label) == ["192.0.2.1", "2001:db8::1"],
                  "%s: the spoofed answer is not accepted" % label)
        check(st["dropped_source"] >= 2, "answers from the wrong port are dropped and counted")
        check(st["dropped_id"] >= 2, "answers with a wrong ID are dropped and counted")
        check(st["dropped_question"] >= 2, "answers to another question are dropped and counted")
        check(st["malformed"] >= 2, "malformed packets are counted")
        a = res["tc.hostile.test"]["answers"][0]
        check(a["transport"] == "tcp" and ips("tc") == ["192.0.2.7", "2001:db8::7"],
              "a truncated answer is retried over TCP")
        check(st["tcp"] >= 2, "TCP retries are counted")
        check(len(ips("bigudp")) == 80, "a large EDNS0 answer over UDP is read whole")
        a = res["dangling.hostile.test"]["answers"][0]
        check([h["target"] for h in a["cname"]] == ["nx.hostile.test"],
              "the hop of a dangling CNAME is kept")
        a = res["long0.hostile.test"]["answers"][0]
        check(len(a["cname"]) == 16, "a chain stops at SC_MAX_CNAME_HOPS hops")
        a = res["loop1.hostile.test"]["answers"][0]
        check([h["target"] for h in a["cname"]] == ["loop2.hostile.test"],
              "a loop across answers is found after one hop")
        a = res["tcpclose.hostile.test"]["answers"][0]
        check("TCP connection closed early" in a["detail"],
              "a TCP connection closed unanswered is retried, then reported")
        a = res["silent.hostile.test"]["answers"][0]
        check("after 2 attempts" in a["detail"], "a silent server is asked twice")

        # overall deadline: a run never outlives --timeout
        res, doc = run(["silent.hostile.test", "late.hostile.test"],
                       ["--resolver", server, "--query-timeout", "5000", "--retries", "3",
                        "--timeout", "600"])
        for n in ("silent.hostile.test", "late.hostile.test"):
            a = res[n]["answers"][0]
            check(a["status"] == "timeout" and "overall" in a["detail"],
                  "%s: stopped by the overall timeout" % n)
        check(doc["wall_ms"] < 5000, "the overall timeout ends the run before a query timeout "
              "(%d ms)" % doc["wall_ms"])
    finally:
        resp.terminate()
        resp.wait(timeout=10)
    if FAILS:
        print("%d failure(s)" % len(FAILS))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
