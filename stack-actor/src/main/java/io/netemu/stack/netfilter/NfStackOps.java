package io.netemu.stack.netfilter;

import io.netemu.packet.SkBuff;

/** What targets need from the stack: answers (REJECT) and the kernel log (LOG). */
public interface NfStackOps {
    /** icmp_send about {@code offending} (data at its IP header), as REJECT --reject-with icmp-* does. */
    void sendIcmpError(SkBuff offending, int type, int code);

    /** A TCP RST answering {@code offending} (REJECT --reject-with tcp-reset: nf_send_reset). */
    void sendTcpReset(SkBuff offending);

    /** Appends a line to the namespace's kernel log (what {@code dmesg} shows). */
    void klog(String line);

    /** The source address the stack would use on {@code dev} towards {@code dst} (MASQUERADE, REDIRECT); 0 if none. */
    int selectSource(io.netemu.stack.dev.NetDev dev, int dst);

    /** Now, on the run's clock. */
    long now();
}
