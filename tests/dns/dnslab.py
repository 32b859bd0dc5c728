"""dnslab — start real NSD and Unbound instances on loopback for the dns
suite and the benchmark: generated configurations in a temporary
directory, readiness checked by querying (dig), stopped by PID.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

NSD = shutil.which("nsd") or "/usr/sbin/nsd"
UNBOUND = shutil.which("unbound") or "/usr/sbin/unbound"
DIG = shutil.which("dig") or "/usr/bin/dig"


def free_port(lo=None, hi=None, used=()):
    """A port free for both UDP and TCP on 127.0.0.1 and ::1, chosen by the
    kernel (bind to port 0), so that runs at the same time do not collide.
    lo and hi are accepted for old callers and ignored."""
    for _ in range(200):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        if port in used:
            continue
        ok = True
        for fam, addr in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
            for typ in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                t = socket.socket(fam, typ)
                try:
                    t.bind((addr, port))
                except OSError:
                    ok = False
                finally:
                    t.close()
        if ok:
            return port
    raise RuntimeError("no free port")


class Lab:
    def __init__(self, prefix="sc-dns-"):
        self.dir = tempfile.mkdtemp(prefix=prefix)
        self.procs = []

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def _start(self, argv, log):
        f = open(self.path(log), "w")
        p = subprocess.Popen(argv, stdout=f, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL)
        f.close()
        self.procs.append(p)
        return p

    def nsd(self, name, zones, listen, extra=""):
        """zones: {zone name: zone file text}; listen: ["127.0.0.1@PORT", ...]."""
        d = self.path(name)
        os.makedirs(d, exist_ok=True)
        conf = ["server:"]
        for addr in listen:
            conf.append('  ip-address: %s' % addr)
        conf += [
            '  port: %s' % listen[0].split("@")[1],
            '  username: ""',
            '  chroot: ""',
            '  zonesdir: "%s"' % d,
            '  database: ""',
            '  pidfile: "%s/nsd.pid"' % d,
            '  xfrdfile: "%s/xfrd.state"' % d,
            '  zonelistfile: "%s/zone.list"' % d,
            '  logfile: "%s/nsd.log"' % d,
            '  server-count: 1',
            '  verbosity: 0',
            '  hide-version: yes',
            '  rrl-ratelimit: 0',
            '  rrl-whitelist-ratelimit: 0',
            '  tcp-count: 200',
        ]
        conf.append(extra)
        conf += ["remote-control:", "  control-enable: no"]
        for zname, text in zones.items():
            with open(os.path.join(d, zname + ".zone"), "w") as f:
                f.write(text)
            conf += ["zone:", "  name: %s" % zname, "  zonefile: %s.zone" % zname]
        cfile = os.path.join(d, "nsd.conf")
        with open(cfile, "w") as f:
            f.write("\n".join(conf) + "\n")
        return self._start([NSD, "-d", "-c", cfile], name + ".out")

    def unbound(self, name, listen, stubs, extra=""):
        """stubs: {zone: ["127.0.0.1@PORT", ...]}."""
        d = self.path(name)
        os.makedirs(d, exist_ok=True)
        conf = ["server:"]
        for addr in listen:
            conf.append("  interface: %s" % addr)
        conf += [
            "  port: %s" % listen[0].split("@")[1],
            "  do-daemonize: no",
            '  chroot: ""',
            '  username: ""',
            '  directory: "%s"' % d,
            '  pidfile: "%s/unbound.pid"' % d,
            '  logfile: "%s/unbound.log"' % d,
            "  use-syslog: no",
            "  verbosity: 0",
            "  num-threads: 1",
            "  do-not-query-localhost: no",
            '  module-config: "iterator"',
            "  access-control: 127.0.0.0/8 allow",
            "  access-control: ::1/128 allow",
            "  qname-minimisation: no",
            "  minimal-responses: yes",
            "  so-rcvbuf: 0",
            "  ratelimit: 0",
            "  ip-ratelimit: 0",
        ]
        conf.append(extra)
        conf += ["remote-control:", "  control-enable: no"]
        for zone, addrs in stubs.items():
            conf += ["stub-zone:", '  name: "%s"' % zone]
            conf += ["  stub-addr: %s" % a for a in addrs]
        cfile = os.path.join(d, "unbound.conf")
        with open(cfile, "w") as f:
            f.write("\n".join(conf) + "\n")
        return self._start([UNBOUND, "-d", "-c", cfile], name + ".out")

    def wait_ready(self, proc, addr, port, qname, tries=50):
        """Query until the server answers (bounded: tries x ~0.2 s)."""
        for _ in range(tries):
            if proc.poll() is not None:
                raise RuntimeError("server exited with %s; logs in %s"
                                   % (proc.returncode, self.dir))
            r = subprocess.run([DIG, "+tries=1", "+time=1", "-p", str(port),
                                "@" + addr, qname, "A"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
            if r.returncode == 0 and "status:" in r.stdout:
                return
            time.sleep(0.2)
        raise RuntimeError("server at %s@%s not ready" % (addr, port))

    def stop(self, keep=False):
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self.procs = []
        if not keep:
            shutil.rmtree(self.dir, ignore_errors=True)
