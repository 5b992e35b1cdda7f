#!/usr/bin/env python3
"""Real Linux's answers to bad TCP input, for TcpBadInputDifferentialTest.

Two fresh network namespaces joined by a veth pair: A (10.99.0.1, the client under test) and
B (10.99.0.2, the server). For each case a new connection is made, a few bytes go both ways, the
client's sequence numbers are read from its own last segment (sniffed on B's end), and crafted
frames are injected into A from B's end with a packet socket. The script prints one line per case:

    CASE name alive=0|1 data=<bytes the client read> err=<errno of the client's next recv or 0>
         replies=<segments A sent back> COUNTER=delta ...

with the deltas of the Tcp/TcpExt counters that moved in A. Needs root; makes and deletes its own
namespaces (names carry the process id); sends nothing outside them.
"""
import ctypes
import errno
import os
import select
import socket
import struct
import subprocess
import sys
import time

CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL("libc.so.6", use_errno=True)
TAG = "nxtcp%d" % os.getpid()
NA, NB = TAG + "a", TAG + "b"
A_IP, B_IP = "10.99.0.1", "10.99.0.2"
PORT = 7000
CHALLENGE_STORM = int(os.environ.get("STORM", "50"))


def sh(*args):
    subprocess.run(args, check=True)


def enter(ns):
    fd = os.open("/run/netns/" + ns, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns " + ns)
    os.close(fd)


def counters():
    out = {}
    for f in ("snmp", "netstat"):
        with open("/proc/thread-self/net/" + f) as fh:
            lines = fh.read().splitlines()
        for i in range(0, len(lines) - 1, 2):
            names, values = lines[i].split(), lines[i + 1].split()
            prefix = names[0][:-1]
            if prefix not in ("Tcp", "TcpExt"):
                continue
            for n, v in zip(names[1:], values[1:]):
                out[prefix + n] = int(v)
    return out


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(dst_mac, src_mac, sport, dport, seq, ack, flags, payload=b"", options=b"", doff=None, window=502):
    hl = 20 + len(options)
    off = (hl // 4) if doff is None else doff
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, off << 4, flags, window, 0, 0)
    tcp += options + payload
    src, dst = socket.inet_aton(B_IP), socket.inet_aton(A_IP)
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    c = csum(pseudo + tcp)
    tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0x1234, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return dst_mac + src_mac + b"\x08\x00" + ip + tcp


def mac(ns, dev):
    out = subprocess.run(["ip", "-n", ns, "-br", "link", "show", dev], check=True, capture_output=True, text=True)
    return bytes.fromhex(out.stdout.split()[2].replace(":", ""))


def last_from_a(sniff, cport):
    """The client's latest segment seen on B's end: (seq, ack, len)."""
    got = None
    while select.select([sniff], [], [], 0.2)[0]:
        f = sniff.recv(65535)
        if f[12:14] != b"\x08\x00" or f[23] != 6 or f[26:30] != socket.inet_aton(A_IP):
            continue
        ihl = (f[14] & 15) * 4
        t = f[14 + ihl:]
        sp, dp, seq, ack, offb = struct.unpack("!HHIIB", t[:13])
        if sp != cport:
            continue
        total = struct.unpack("!H", f[16:18])[0]
        got = (seq, ack, total - ihl - (offb >> 4) * 4)
    return got


def count_replies(sniff, cport):
    n = 0
    while select.select([sniff], [], [], 0.3)[0]:
        f = sniff.recv(65535)
        if f[12:14] == b"\x08\x00" and f[23] == 6 and f[26:30] == socket.inet_aton(A_IP):
            ihl = (f[14] & 15) * 4
            if struct.unpack("!H", f[14 + ihl:16 + ihl])[0] == cport:
                n += 1
    return n


def case(name, listener, raw, sniff, amac, bmac, make):
    enter(NA)
    cli = socket.create_connection((B_IP, PORT))
    cport = cli.getsockname()[1]
    enter(NB)
    srv, _ = listener.accept()
    cli.sendall(b"hello")
    srv.recv(100)
    srv.sendall(b"world")
    cli.recv(100)
    time.sleep(0.3)  # delayed ACKs out, so the sniffed ACK is the latest
    seq, ack, _ = last_from_a(sniff, cport)
    enter(NA)
    before = counters()
    for f in make(cport, rcv_nxt=ack, snd_nxt=seq):
        raw.send(frame(amac, bmac, PORT, cport, *f[:3], **f[3]))
    replies = count_replies(sniff, cport)
    cli.setblocking(False)
    data, err = b"", 0
    try:
        data = cli.recv(100)
    except BlockingIOError:
        pass
    except OSError as e:
        err = e.errno
    try:
        cli.send(b"x")
    except OSError as e:
        err = err or e.errno
    time.sleep(0.1)
    alive = 1 if cli.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)[0] == 1 else 0  # tcpi_state ESTABLISHED
    after = counters()
    deltas = " ".join("%s=%d" % (k, after[k] - before.get(k, 0)) for k in sorted(after)
                      if after[k] != before.get(k, 0) and k not in ("TcpCurrEstab",))
    print("CASE %s alive=%d data=%s err=%s replies=%d %s" % (name, alive, data.decode(errors="replace") or "-",
                                                              errno.errorcode.get(err, "0"), replies, deltas))
    sys.stdout.flush()
    cli.close()
    srv.close()
    enter(NB)


ACK, PSH, RST = 0x10, 0x08, 0x04


def main():
    sh("ip", "netns", "add", NA)
    sh("ip", "netns", "add", NB)
    try:
        sh("ip", "link", "add", "va", "netns", NA, "type", "veth", "peer", "name", "vb", "netns", NB)
        sh("ip", "-n", NA, "addr", "add", A_IP + "/24", "dev", "va")
        sh("ip", "-n", NB, "addr", "add", B_IP + "/24", "dev", "vb")
        for ns, dev in ((NA, "va"), (NB, "vb"), (NA, "lo"), (NB, "lo")):
            sh("ip", "-n", ns, "link", "set", dev, "up")
        for ns in (NA, NB):
            sh("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.tcp_timestamps=" + os.environ.get("TS", "1"))
        amac, bmac = mac(NA, "va"), mac(NB, "vb")
        enter(NB)
        listener = socket.socket()
        listener.bind((B_IP, PORT))
        listener.listen(8)
        raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        raw.bind(("vb", 0))
        sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
        sniff.bind(("vb", 0))
        cases = {
            "rst-out-of-window": lambda p, rcv_nxt, snd_nxt: [(rcv_nxt + (1 << 30), 0, RST, {})],
            "rst-in-window": lambda p, rcv_nxt, snd_nxt: [(rcv_nxt + 100, 0, RST, {})],
            "rst-storm": lambda p, rcv_nxt, snd_nxt: [(rcv_nxt + 100 + i, 0, RST, {}) for i in range(CHALLENGE_STORM)]
                                                       + [(rcv_nxt + (1 << 30) + i, 0, RST, {}) for i in range(CHALLENGE_STORM)],
            "rst-exact": lambda p, rcv_nxt, snd_nxt: [(rcv_nxt, 0, RST, {})],
            "opt-len0": lambda p, rcv_nxt, snd_nxt: [(rcv_nxt, snd_nxt, ACK | PSH, {"payload": b"Z", "options": b"\x08\x00\x01\x01"})],
            "opt-len1": lambda p, rcv_nxt, snd_nxt: [(rcv_nxt, snd_nxt, ACK | PSH, {"payload": b"Z", "options": b"\x08\x01\x01\x01"})],
            "opt-past-header": lambda p, rcv_nxt, snd_nxt: [(rcv_nxt, snd_nxt, ACK | PSH, {"payload": b"Z", "options": b"\x01\x01\x08\x0a"})],
            "doff-4": lambda p, rcv_nxt, snd_nxt: [(rcv_nxt, snd_nxt, ACK | PSH, {"payload": b"Z", "doff": 4})],
            "doff-past-segment": lambda p, rcv_nxt, snd_nxt: [(rcv_nxt, snd_nxt, ACK | PSH, {"payload": b"Z", "doff": 15})],
        }
        only = sys.argv[1:]
        for name, make in cases.items():
            if not only or name in only:
                case(name, listener, raw, sniff, amac, bmac, make)
    finally:
        subprocess.run(["ip", "netns", "del", NA])
        subprocess.run(["ip", "netns", "del", NB])


if __name__ == "__main__":
    main()
