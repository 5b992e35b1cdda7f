/**
 * TCP as a pure library: no actors, no I/O, a clock passed in (nanoseconds), deterministic for a seed.
 * The socket actors drive it; tests drive it segment by segment.
 *
 * <h2>Driving a connection</h2>
 * <pre>
 *   socket layer                         TcpConnection / TcpListener              TcpOutput (yours)
 *   ─────────────                        ───────────────────────────              ─────────────────
 *   connect ───────── TcpConnection.connect(cfg, mib, out, isn, addrs, ports, mtu, now) ─▶ emit(SYN)
 *   listen  ───────── new TcpListener(cfg, mib, out, isn, port, backlog)
 *   segment for a 4-tuple ─▶ conn.onSegment(seg, now)      ─▶ emit(...), event(CONNECTED | READABLE | ...)
 *   segment for no tuple  ─▶ listener.onSegment(seg, …)    ─▶ a child in SYN-RECV (keep it in your tuple table)
 *                          or emitReply(TcpListener.resetFor(seg)) for a closed port
 *   CONNECTED on a child  ─▶ listener.accept()
 *   send(buf)     ─▶ conn.write(b, off, len, now) = bytes taken (0: wait for WRITABLE)
 *   recv(max)     ─▶ conn.read(max, now); empty and conn.eof() = end of stream
 *   shutdown(WR)  ─▶ conn.shutdownWrite(now);  close() ─▶ conn.close(now);  SO_LINGER 0 ─▶ conn.abort(now)
 *   after every call ─▶ arm one timer at conn.nextDeadline(); when it fires ─▶ conn.onTimer(now)
 *   CLOSED event  ─▶ drop the connection from the tables (TIME-WAIT included: it is the same object)
 * </pre>
 * Wire bytes: {@link io.netemu.stack.tcp.TcpSegment#parse} (checksum with the IPv4 pseudo header; a bad
 * header is a {@link io.netemu.stack.tcp.TcpDrop}, never an exception) and
 * {@link io.netemu.stack.tcp.TcpSegment#emit}. Counters: one {@link io.netemu.stack.tcp.TcpMib} per
 * namespace (nstat names), {@link io.netemu.stack.tcp.TcpConnection#info} for {@code ss -tin}.
 *
 * <h2>What it does, after Linux</h2>
 * RFC 9293 states with Linux's names; options MSS, window scale, SACK-permitted, SACK, timestamps in
 * Linux's order; ISNs and timestamp offsets from a seeded hash of the 4-tuple; PAWS; RFC 5961 RST, SYN
 * and ACK checks with challenge ACKs limited by tcp_invalid_ratelimit; receive window from half of
 * sk_rcvbuf with autotuning (tcp_rcv_space_adjust), never shrinking; send buffer growing with cwnd;
 * delayed ACKs (quickack at start, every second full segment, else 40 ms; out-of-order data ACKed at
 * once with SACK blocks); Nagle with Minshall's rule, TCP_NODELAY; persist timer and zero-window
 * probes; RTO per RFC 6298 as Linux computes it (min 200 ms, initial 1 s, doubling to 120 s);
 * NewReno (RFC 6582) without SACK, RFC 6675 loss marking with SACK, PRR (RFC 6937) in recovery, RACK's
 * rule for lost retransmissions; tcp_retries2 / tcp_syn_retries / tcp_synack_retries give-up with
 * ETIMEDOUT; CUBIC (RFC 9438, Linux's constants) and Reno; TIME-WAIT 60 s, orphaned FIN-WAIT-2 60 s.
 *
 * <h2>Not supported (yet)</h2>
 * ECN (ECE/CWR are parsed and emitted but ignored), D-SACK, undo of spurious retransmissions (Eifel,
 * F-RTO), tail loss probes, HyStart, pacing, keepalive, urgent data, SYN cookies, TCP Fast Open,
 * TIME-WAIT reuse by a new SYN, slow start after idle, PMTU changes after the handshake, TSO/GSO
 * (segments are at most one MSS), and memory accounting by skb truesize (buffers count payload bytes).
 */
package io.netemu.stack.tcp;
