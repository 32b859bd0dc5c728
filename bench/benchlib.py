"""benchlib — helpers shared by the benchmark scripts in bench/.

- Lab: a temporary directory and the servers started in it, stopped by PID
  (SIGTERM, then SIGKILL) and removed at exit, also on an exception.
- free_port(): a port picked by the kernel on a loopback address, free for
  TCP and UDP, so that two runs at the same time do not collide.
- timed(): one run of a command, timed the same way for every tool: wall
  time by the monotonic clock around the whole process, peak resident set
  size from /usr/bin/time -v (the kernel's ru_maxrss of the child).
- median(), fmt helpers, the test PKI (tests/tls/pki.sh plus wildcard leaf
  certificates) and nginx.

Every address used is on loopback (127.0.0.0/8).
"""
import os
import pty
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
TIME = "/usr/bin/time"


def die(msg, code=4):
    print("%s: %s" % (os.path.basename(sys.argv[0]), msg), file=sys.stderr)
    sys.exit(code)


def need(*tools):
    """Path of each tool (PATH, then /usr/sbin); exits naming the first missing."""
    found = []
    for t in tools:
        p = shutil.which(t) or shutil.which(t, path="/usr/sbin:/sbin")
        if p is None:
            die("%s is missing (Debian: apt-get install %s)"
                % (t, {"time": "time", "nginx": "nginx-light", "dig": "bind9-dnsutils",
                       "adnshost": "adns-tools"}.get(t, t)))
        found.append(p)
    return found


class Lab:
    def __init__(self, prefix):
        self.dir = tempfile.mkdtemp(prefix=prefix)
        self.procs = []
        self._n = 0

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, name, text):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        return p

    def start(self, argv, log):
        """A server in the background, its output in log; stopped by stop()."""
        with open(self.path(log), "w") as f:
            p = subprocess.Popen(argv, stdout=f, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL, cwd=self.dir)
        self.procs.append(p)
        return p

    def tmpname(self, stem):
        self._n += 1
        return self.path("%s.%d" % (stem, self._n))

    def stop(self, keep=False):
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self.procs = []
        if not keep:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop(keep=os.environ.get("BENCH_KEEP") == "1")
        return False


def free_port(addr="127.0.0.1", udp=True, avoid=()):
    """A port the kernel picks on addr, also free for UDP when udp."""
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    for _ in range(200):
        t = socket.socket(fam, socket.SOCK_STREAM)
        try:
            t.bind((addr, 0))
            port = t.getsockname()[1]
            if port in avoid:
                continue
            if udp:
                u = socket.socket(fam, socket.SOCK_DGRAM)
                try:
                    u.bind((addr, port))
                except OSError:
                    continue
                finally:
                    u.close()
            return port
        finally:
            t.close()
    die("no free port on %s" % addr)


def loopback_net():
    """A random 127.X.Y.0/24 (X in 64..254), so that two runs at the same
    time do not share addresses either."""
    return "127.%d.%d" % (random.randint(64, 254), random.randint(1, 254))


def wait_tcp(addrs, proc=None, timeout=15):
    """Wait until every (address, port) accepts a connection."""
    deadline = time.monotonic() + timeout
    for a, p in addrs:
        while True:
            if proc is not None and proc.poll() is not None:
                die("a server exited early (%s)" % proc.args[0])
            try:
                socket.create_connection((a, p), 0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    die("%s:%d never accepted a connection" % (a, p))
                time.sleep(0.05)


class Run:
    def __init__(self, wall, rss_kb, rc, out, err):
        self.wall, self.rss_kb, self.rc, self.out, self.err = wall, rss_kb, rc, out, err

    @property
    def rss_mib(self):
        return self.rss_kb / 1024.0


def timed(lab, argv, env=None, stdin_text=None, cwd=None):
    """Run argv once: wall time (monotonic, whole process) and peak RSS."""
    tf = lab.tmpname("time")
    t0 = time.monotonic()
    r = subprocess.run([TIME, "-v", "-o", tf] + list(argv), input=stdin_text,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       env=env, cwd=cwd)
    wall = time.monotonic() - t0
    rss = 0
    with open(tf) as f:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
        if m:
            rss = int(m.group(1))
    os.unlink(tf)
    return Run(wall, rss, r.returncode, r.stdout, r.stderr)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def runs_text(xs, unit="s"):
    return ", ".join("%.3f" % x for x in xs) + (" " + unit if unit else "")


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def kv(line):
    """key=value pairs of a one-line summary."""
    return dict(w.split("=", 1) for w in line.split() if "=" in w)


# ------------------------------------------------------------------ PKI

# Test CAs of tests/tls/pki.sh usable for EC leaves: (file prefix, host part).
CAS = [("certigna", "certigna"), ("isrg", "lencr"), ("digicert", "digicert")]


def make_pki(lab, leaves):
    """tests/tls/pki.sh into lab/pki, then one wildcard leaf per entry of
    leaves: (name, [dns names], ca prefix). Returns the pki directory; each
    leaf as NAME.key and NAME.chain.pem (leaf + intermediate); roots.pem is
    the trust anchor file."""
    d = lab.path("pki")
    r = subprocess.run(["bash", os.path.join(SRC, "tests", "tls", "pki.sh"), d],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        die("tests/tls/pki.sh failed: " + r.stderr[-500:])
    hostpart = dict(CAS)
    env = dict(os.environ, OPENSSL_CONF="/dev/null")
    for name, sans, ca in leaves:
        hp = hostpart[ca]
        e = dict(env, SAN=",".join("DNS:" + s for s in sans), CAHOST="ca.%s.test" % hp,
                 CRLHOST="crl.%s.test" % hp, OCSPHOST="ocsp.%s.test" % hp)
        for argv in (
                ["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                 "ec_paramgen_curve:P-256", "-out", name + ".key"],
                ["openssl", "req", "-new", "-key", name + ".key", "-subj", "/CN=" + sans[0],
                 "-config", "ext.cnf", "-out", name + ".csr"],
                ["openssl", "x509", "-req", "-in", name + ".csr", "-CA", ca + "-int.crt",
                 "-CAkey", ca + "-int.key", "-CAcreateserial", "-days", "60", "-sha256",
                 "-extfile", "ext.cnf", "-extensions", "leaf_ext", "-out", name + ".crt"]):
            r = subprocess.run(argv, cwd=d, env=e, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                die("openssl failed for %s: %s" % (name, r.stderr[-300:]))
        with open(os.path.join(d, name + ".chain.pem"), "w") as out:
            for part in (name + ".crt", ca + "-int.crt"):
                with open(os.path.join(d, part)) as f:
                    out.write(f.read())
    return d


# ---------------------------------------------------------------- nginx

def nginx(lab, servers, workers=2):
    """One nginx on loopback. servers: dicts with addr, port, names (server
    names), chain, key, protocols ("TLSv1.2" or "TLSv1.2 TLSv1.3"). Full
    handshakes only: no session cache, no tickets. Returns the process."""
    os.makedirs(lab.path("nginx", "tmp"), exist_ok=True)
    c = ["daemon off;", "worker_processes %d;" % workers,
         "pid %s;" % lab.path("nginx", "nginx.pid"),
         "error_log %s error;" % lab.path("nginx", "error.log"),
         "worker_rlimit_nofile 65536;",
         "events { worker_connections 16384; multi_accept on; }",
         "http {", "  access_log off;", "  ssl_session_cache off;", "  ssl_session_tickets off;"]
    for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        c.append("  %s_temp_path %s;" % (k, lab.path("nginx", "tmp")))
    for s in servers:
        c += ["  server {",
              "    listen %s:%d ssl backlog=4096;" % (s["addr"], s["port"]),
              "    server_name %s;" % " ".join(s["names"]),
              "    ssl_protocols %s;" % s["protocols"],
              "    ssl_certificate %s;" % s["chain"],
              "    ssl_certificate_key %s;" % s["key"],
              "    return 204;", "  }"]
    c.append("}")
    conf = lab.write(os.path.join("nginx", "nginx.conf"), "\n".join(c) + "\n")
    (ngx,) = need("nginx")
    p = lab.start([ngx, "-p", lab.path("nginx"), "-c", conf, "-e",
                   lab.path("nginx", "error.log")], "nginx.out")
    wait_tcp([(s["addr"], s["port"]) for s in servers], p)
    return p


def nginx_version():
    r = subprocess.run([need("nginx")[0], "-v"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return r.stdout.strip().split("/")[-1]


def openssl_version():
    r = subprocess.run(["openssl", "version"], stdout=subprocess.PIPE, text=True)
    return " ".join(r.stdout.split()[:2])


def env_int(name, default, lo=1):
    """An integer from the environment, at least lo (exit 64 otherwise)."""
    v = int(os.environ.get(name, default))
    if v < lo:
        die("%s must be >= %d" % (name, lo), 64)
    return v


# ------------------------------------------------------------------ DNS

SOA = ["$TTL 3600", "@ IN SOA ns hostmaster 1 3600 600 86400 3600", "@ IN NS ns",
       "ns IN A 127.0.0.1"]


def ca_zones(aux):
    """The zones of the test CAs' CA, OCSP and CRL hosts (named in the
    certificates of make_pki), every host on aux: resolved, never contacted."""
    zones = {}
    for _, hp in CAS + [("globalsign", "globalsign")]:
        zones["%s.test" % hp] = (["$ORIGIN %s.test." % hp] + SOA +
                                 ["%s IN A %s" % (h, aux) for h in ("ca", "crl", "ocsp")])
    return zones


def dns_lab(lab, zones, probe):
    """NSD authoritative for zones ({name: [zone file lines]}) behind
    Unbound (recursive, every name "." forwarded to NSD: no query can leave
    loopback), both on 127.0.0.1 on ports the kernel picks; waits until
    both answer NOERROR for the name probe. Returns Unbound's ADDR:PORT."""
    pn = free_port("127.0.0.1")
    pu = free_port("127.0.0.1", avoid={pn})
    nd = lab.path("nsd")
    os.makedirs(nd)
    conf = ["server:", "  ip-address: 127.0.0.1@%d" % pn, "  port: %d" % pn,
            '  username: ""', '  chroot: ""', '  zonesdir: "%s"' % nd, '  database: ""',
            '  pidfile: "%s/nsd.pid"' % nd, '  xfrdfile: "%s/xfrd.state"' % nd,
            '  zonelistfile: "%s/zone.list"' % nd, '  logfile: "%s/nsd.log"' % nd,
            "  server-count: 1", "  verbosity: 0", "  rrl-ratelimit: 0",
            "  rrl-whitelist-ratelimit: 0", "remote-control:", "  control-enable: no"]
    for z, lines in zones.items():
        with open(os.path.join(nd, z + ".zone"), "w") as f:
            f.write("\n".join(lines) + "\n")
        conf += ["zone:", "  name: %s" % z, "  zonefile: %s.zone" % z]
    lab.write("nsd/nsd.conf", "\n".join(conf) + "\n")
    ud = lab.path("unbound")
    os.makedirs(ud)
    uconf = ["server:", "  interface: 127.0.0.1@%d" % pu, "  port: %d" % pu,
             "  do-daemonize: no", '  chroot: ""', '  username: ""', '  directory: "%s"' % ud,
             '  pidfile: "%s/unbound.pid"' % ud, '  logfile: "%s/unbound.log"' % ud,
             "  use-syslog: no", "  verbosity: 0", "  num-threads: 1",
             "  do-not-query-localhost: no", '  module-config: "iterator"',
             "  access-control: 127.0.0.0/8 allow", "  qname-minimisation: no",
             "  msg-cache-size: 64m", "  rrset-cache-size: 128m", "  outgoing-range: 4096",
             "  num-queries-per-thread: 4096", "  ratelimit: 0", "  ip-ratelimit: 0",
             "  so-rcvbuf: 4m", "  so-sndbuf: 4m",
             # RFC 6761 names: Unbound answers NXDOMAIN for test. by default.
             '  local-zone: "test." nodefault',
             "remote-control:", "  control-enable: no",
             "forward-zone:", '  name: "."', "  forward-addr: 127.0.0.1@%d" % pn]
    lab.write("unbound/unbound.conf", "\n".join(uconf) + "\n")
    nsd_bin, unbound_bin, dig = need("nsd", "unbound", "dig")
    pnsd = lab.start([nsd_bin, "-d", "-c", lab.path("nsd/nsd.conf")], "nsd.out")
    pub = lab.start([unbound_bin, "-d", "-c", lab.path("unbound/unbound.conf")], "unbound.out")
    for proc, port in ((pnsd, pn), (pub, pu)):
        for _ in range(100):
            if proc.poll() is not None:
                die("%s exited (logs kept with BENCH_KEEP=1)" % proc.args[0])
            r = subprocess.run([dig, "+tries=1", "+time=1", "-p", str(port), "@127.0.0.1",
                                probe, "A"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
            if r.returncode == 0 and "status: NOERROR" in r.stdout:
                break
            time.sleep(0.2)
        else:
            die("DNS server on port %d not ready" % port)
    return "127.0.0.1:%d" % pu


def loopback_geodb(lab, sovcheck, geo_rows, asn_rows, name="loopback.mmdb"):
    """A geolocation database of loopback ranges built with `sovcheck geodb
    build`: geo_rows "FIRST,LAST,CC", asn_rows "FIRST,LAST,ASN,ORG" (CSV
    lines). Returns its path."""
    lab.write("geo.csv", "".join(r + "\n" for r in geo_rows))
    lab.write("asn.csv", "".join(r + "\n" for r in asn_rows))
    out = lab.path(name)
    r = subprocess.run([sovcheck, "geodb", "build", "--csv", lab.path("geo.csv"), "--csv",
                        lab.path("asn.csv"), "-o", out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        die("sovcheck geodb build failed: " + r.stderr[-300:])
    return out


def stage_timings(argv, env):
    """One run with stderr on a pseudo-terminal: the progress lines
    ("collecting dns: 0/N" ...) stamped as they arrive."""
    master, slave = pty.openpty()
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=slave, env=env)
    os.close(slave)
    marks = {}
    tail = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        t = time.monotonic() - t0
        tail = (tail + data)[-4096:]
        for stage, done, total in re.findall(rb"collecting (\w+): (\d+)/(\d+)", tail):
            key = (stage.decode(), "end" if done == total and done != b"0" else "start")
            marks.setdefault(key, t)
        tail = tail[tail.rfind(b"\r") + 1:] if b"\r" in tail else tail
    p.wait()
    os.close(master)
    return marks, time.monotonic() - t0, p.returncode
