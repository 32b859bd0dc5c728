#!/usr/bin/env python3
"""servers.py READYFILE MODE[@ADDR]:PORT[:ARG...]... — misbehaving and SMTP
servers for the tls suites, on 127.0.0.1 (or ADDR, a loopback address).
Writes READYFILE once every port listens, then serves until killed.

Modes:
  plain        answers with an HTTP error in plain text (not TLS)
  stall        accepts and never answers (handshake timeout)
  trickle      answers one byte of a TLS record every 200 ms
  reset        reads the ClientHello, then resets the connection (RST)
  closed       accepts and closes at once
  garbage      answers the ClientHello with a TLS record of nonsense
  badcert      TLS 1.2 ServerHello, then a Certificate message whose DER
               does not decode
  backlog      a listen queue that is kept full: connects time out
  smtp:CHAIN:KEY  SMTP with STARTTLS (RFC 3207), then TLS with CHAIN/KEY
  smtp502      SMTP that refuses STARTTLS
  smtpinject   SMTP that sends bytes after "220" to STARTTLS
"""
import os
import socket
import ssl
import struct
import sys
import threading
import time

held = []  # sockets kept open on purpose


def read_hello(c):
    c.settimeout(5)
    try:
        return c.recv(65536)
    except OSError:
        return b""


def rec(ctype, body):
    return struct.pack("!BHH", ctype, 0x0303, len(body)) + body


def hs(mtype, body):
    return struct.pack("!B", mtype) + len(body).to_bytes(3, "big") + body


def handle(mode, c, arg):
    try:
        if mode == "plain":
            read_hello(c)
            c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            c.close()
        elif mode == "stall":
            held.append(c)
        elif mode == "trickle":
            read_hello(c)
            for b in b"\x16\x03\x03\x00\x40" + b"\x02" * 64:
                c.sendall(bytes([b]))
                time.sleep(0.2)
        elif mode == "reset":
            read_hello(c)
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            c.close()
        elif mode == "closed":
            c.close()
        elif mode == "garbage":
            read_hello(c)
            c.sendall(rec(22, b"\xfe" * 16))
            time.sleep(1)
            c.close()
        elif mode == "badcert":
            read_hello(c)
            # RFC 5246 §7.4.1.3: version, random, empty session id,
            # ECDHE-ECDSA-AES128-GCM-SHA256, no compression, and the
            # renegotiation_info extension (RFC 5746) OpenSSL 3 insists on.
            sh = (b"\x03\x03" + bytes(range(32)) + b"\x00" + b"\xc0\x2b" + b"\x00" +
                  b"\x00\x05\xff\x01\x00\x01\x00")
            bad = b"\x30\x82\x01\x00" + b"\x02\x01" * 20  # SEQUENCE that lies about its length
            certs = len(bad).to_bytes(3, "big") + bad
            cert = len(certs).to_bytes(3, "big") + certs
            c.sendall(rec(22, hs(2, sh) + hs(11, cert)))
            time.sleep(1)
            c.close()
        elif mode.startswith("smtp"):
            smtp(mode, c, arg)
    except OSError:
        pass


def smtp(mode, c, arg):
    f = c.makefile("rb")
    c.sendall(b"220 mx.test ESMTP test\r\n")
    while True:
        line = f.readline(1000)
        if not line:
            return
        cmd = line.strip().upper()
        if cmd.startswith(b"EHLO"):
            c.sendall(b"250-mx.test greets you\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
        elif cmd == b"STARTTLS":
            if mode == "smtp502":
                c.sendall(b"502 5.5.1 not here\r\n")
                continue
            if mode == "smtpinject":
                c.sendall(b"220 2.0.0 go ahead\r\n250 injected\r\n")
                time.sleep(1)
                c.close()
                return
            c.sendall(b"220 2.0.0 ready\r\n")
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(arg[0], arg[1])
            t = ctx.wrap_socket(c, server_side=True)
            try:
                t.recv(1)
            except (OSError, ssl.SSLError):
                pass
            t.close()
            return
        elif cmd == b"QUIT":
            c.sendall(b"221 bye\r\n")
            return
        else:
            c.sendall(b"500 unknown\r\n")


def serve(mode, s, arg):
    while True:
        c, _ = s.accept()
        threading.Thread(target=handle, args=(mode, c, arg), daemon=True).start()


def main():
    ready = sys.argv[1]
    for spec in sys.argv[2:]:
        parts = spec.split(":")
        mode, port, arg = parts[0], int(parts[1]), parts[2:]
        mode, _, addr = mode.partition("@")
        if not addr.startswith("127."):
            addr = "127.0.0.1"
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, port))
        if mode == "backlog":
            # Never accept; fill the queue so that further SYNs are dropped.
            # With a backlog of 0 one established connection fills it: make
            # that one (blocking) before saying ready.
            s.listen(0)
            held.append(s)
            k = socket.create_connection(("127.0.0.1", port), 5)
            held.append(k)
            for _ in range(2):
                k = socket.socket()
                k.setblocking(False)
                try:
                    k.connect(("127.0.0.1", port))
                except BlockingIOError:
                    pass
                held.append(k)
            continue
        s.listen(128)
        threading.Thread(target=serve, args=(mode, s, arg), daemon=True).start()
    with open(ready + ".tmp", "w") as f:
        f.write("ready\n")
    os.rename(ready + ".tmp", ready)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
