package io.netemu.stack.sock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A namespace's socket tables, as the kernel's inet hashes: the bind table (port → sockets bound to
 * it, with their addresses and SO_REUSEADDR), the established table (4-tuple → socket) and the
 * listeners. Sockets are named by an id the namespace gives them; the table never sees an actor.
 * Lookups go as __inet_lookup does: the exact 4-tuple first, then a listener on the local address,
 * then one on the wildcard address.
 */
public final class SockTable {
    public static final int TCP = 6;
    public static final int UDP = 17;

    /** One socket's place in the tables. {@code lport} 0: not bound yet. */
    public static final class Entry {
        final int id;
        final int proto;
        int laddr;
        int lport;
        int raddr;
        int rport;
        boolean reuse;
        boolean listening;
        /** The application closed it (TIME-WAIT, FIN-WAIT...): SO_REUSEADDR may bind over it. */
        boolean closing;

        Entry(int id, int proto) {
            this.id = id;
            this.proto = proto;
        }

        public int id() { return id; }
        public int proto() { return proto; }
        public int laddr() { return laddr; }
        public int lport() { return lport; }
        public int raddr() { return raddr; }
        public int rport() { return rport; }
        public boolean listening() { return listening; }
    }

    private record Tuple(int proto, int laddr, int lport, int raddr, int rport) {}

    private final Map<Integer, Entry> byId = new HashMap<>();
    /** (proto << 16 | port) → sockets bound to it (inet_bind_bucket). */
    private final Map<Integer, List<Entry>> ports = new HashMap<>();
    private final Map<Tuple, Entry> connected = new HashMap<>();
    private final long seed;
    private long bindCounter;

    public SockTable(long seed) {
        this.seed = seed;
    }

    public Entry open(int id, int proto) {
        Entry e = new Entry(id, proto);
        byId.put(id, e);
        return e;
    }

    public Entry get(int id) {
        return byId.get(id);
    }

    public List<Entry> all() {
        return List.copyOf(byId.values());
    }

    public void setReuse(int id, boolean on) {
        Entry e = byId.get(id);
        if (e != null) {
            e.reuse = on;
        }
    }

    /**
     * bind(2): {@code port} 0 picks a free one from {@code [low, high]} (odd ports first, as
     * inet_csk_find_open_port leaves the even ones to connect). Returns 0, EINVAL (bound already) or
     * EADDRINUSE; the caller has checked that {@code addr} is local.
     */
    public int bind(int id, int addr, int port, int low, int high) {
        Entry e = byId.get(id);
        if (e == null || e.lport != 0) {
            return Errno.EINVAL;
        }
        if (port == 0) {
            port = pick(e, addr, low, high, 1, mix(seed ^ ++bindCounter));
            if (port == 0) {
                return Errno.EADDRINUSE;
            }
        } else if (conflicts(e, addr, port)) {
            return Errno.EADDRINUSE;
        }
        e.laddr = addr;
        e.lport = port;
        ports.computeIfAbsent(key(e.proto, port), k -> new ArrayList<>(2)).add(e);
        return 0;
    }

    /**
     * connect(2)'s half here: an unbound socket gets an ephemeral port (even ports first from an offset
     * hashed from the addresses and the destination port, as __inet_hash_connect), the 4-tuple is
     * registered. Returns 0, EISCONN, or EADDRNOTAVAIL (no free port, or the 4-tuple is taken).
     */
    public int connect(int id, int laddr, int raddr, int rport, int low, int high) {
        Entry e = byId.get(id);
        if (e == null) {
            return Errno.EINVAL;
        }
        if (e.raddr != 0 && e.proto == TCP) {
            return Errno.EISCONN;
        }
        if (e.raddr != 0) {
            connected.remove(tuple(e));
        }
        if (e.lport == 0) {
            long h = mix(seed ^ ((long) laddr << 32 | (raddr & 0xffffffffL)) ^ ((long) rport << 17));
            int port = pick(e, laddr, low, high, 0, h);
            if (port == 0) {
                return Errno.EADDRNOTAVAIL;
            }
            e.lport = port;
            ports.computeIfAbsent(key(e.proto, port), k -> new ArrayList<>(2)).add(e);
        }
        if (e.laddr == 0) {
            e.laddr = laddr;
        }
        Tuple t = new Tuple(e.proto, e.laddr, e.lport, raddr, rport);
        if (connected.containsKey(t)) {
            return Errno.EADDRNOTAVAIL;
        }
        e.raddr = raddr;
        e.rport = rport;
        connected.put(t, e);
        return 0;
    }

    /** listen(2): autobinds an unbound socket; EADDRINUSE when another socket already listens on the port. */
    public int listen(int id, int low, int high) {
        Entry e = byId.get(id);
        if (e == null) {
            return Errno.EINVAL;
        }
        if (e.lport == 0) {
            int err = bind(id, 0, 0, low, high);
            if (err != 0) {
                return err;
            }
        }
        for (Entry o : ports.getOrDefault(key(e.proto, e.lport), List.of())) {
            if (o != e && o.listening && overlap(o.laddr, e.laddr)) {
                return Errno.EADDRINUSE;
            }
        }
        e.listening = true;
        return 0;
    }

    /** An accepted connection gets its own socket: its 4-tuple now leads there, and it holds the port too. */
    public void adopt(int childId, int laddr, int lport, int raddr, int rport) {
        Entry e = open(childId, TCP);
        e.laddr = laddr;
        e.lport = lport;
        e.raddr = raddr;
        e.rport = rport;
        e.reuse = true;
        ports.computeIfAbsent(key(TCP, lport), k -> new ArrayList<>(2)).add(e);
        connected.put(tuple(e), e);
    }

    /** The application closed the socket; the connection may linger (FIN-WAIT, TIME-WAIT). */
    public void closing(int id) {
        Entry e = byId.get(id);
        if (e != null) {
            e.closing = true;
            if (e.listening) {
                e.listening = false;
            }
        }
    }

    /** The socket is gone: out of every table. */
    public void release(int id) {
        Entry e = byId.remove(id);
        if (e == null) {
            return;
        }
        if (e.raddr != 0) {
            connected.remove(tuple(e), e);
        }
        if (e.lport != 0) {
            List<Entry> l = ports.get(key(e.proto, e.lport));
            if (l != null) {
                l.remove(e);
                if (l.isEmpty()) {
                    ports.remove(key(e.proto, e.lport));
                }
            }
        }
    }

    /** The socket a TCP segment belongs to: established 4-tuple, else a listener; -1 for none. */
    public int lookupTcp(int laddr, int lport, int raddr, int rport) {
        Entry e = connected.get(new Tuple(TCP, laddr, lport, raddr, rport));
        if (e != null) {
            return e.id;
        }
        Entry wild = null;
        for (Entry o : ports.getOrDefault(key(TCP, lport), List.of())) {
            if (o.listening) {
                if (o.laddr == laddr) {
                    return o.id;
                }
                if (o.laddr == 0) {
                    wild = o;
                }
            }
        }
        return wild == null ? -1 : wild.id;
    }

    /** The socket a UDP datagram goes to: a connected one for its 4-tuple, else one bound to the port; -1 for none. */
    public int lookupUdp(int laddr, int lport, int raddr, int rport) {
        Entry e = connected.get(new Tuple(UDP, laddr, lport, raddr, rport));
        if (e != null) {
            return e.id;
        }
        Entry wild = null;
        for (Entry o : ports.getOrDefault(key(UDP, lport), List.of())) {
            if (o.raddr == 0 || (o.raddr == raddr && o.rport == rport)) {
                if (o.laddr == laddr) {
                    return o.id;
                }
                if (o.laddr == 0) {
                    wild = o;
                }
            }
        }
        return wild == null ? -1 : wild.id;
    }

    private boolean conflicts(Entry e, int addr, int port) {
        for (Entry o : ports.getOrDefault(key(e.proto, port), List.of())) {
            if (!overlap(o.laddr, addr)) {
                continue;
            }
            // SO_REUSEADDR on both lets them share unless one listens (TCP); closing sockets give way to it
            boolean shared = e.reuse && (o.closing || (o.reuse && !o.listening));
            if (!shared) {
                return true;
            }
        }
        return false;
    }

    private int pick(Entry e, int addr, int low, int high, int parity, long hash) {
        int remaining = high - low + 1;
        if (remaining <= 0) {
            return 0;
        }
        int offset = (int) Math.floorMod(hash, (long) remaining);
        offset = (offset & ~1) | parity;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < remaining; i += 2) {
                int port = low + Math.floorMod(offset + i, remaining);
                if (!ports.containsKey(key(e.proto, port))) { // an ephemeral port is one nobody holds
                    return port;
                }
            }
            offset ^= 1;
        }
        return 0;
    }

    private static boolean overlap(int a, int b) {
        return a == 0 || b == 0 || a == b;
    }

    private static Tuple tuple(Entry e) {
        return new Tuple(e.proto, e.laddr, e.lport, e.raddr, e.rport);
    }

    private static int key(int proto, int port) {
        return proto << 16 | port;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
