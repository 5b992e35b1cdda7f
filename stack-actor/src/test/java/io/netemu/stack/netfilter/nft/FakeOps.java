package io.netemu.stack.netfilter.nft;

import io.netemu.packet.SkBuff;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfStackOps;
import java.util.ArrayList;
import java.util.List;

/** A stack that records what nft asked of it (ICMP errors, resets, log lines) and whose clock tests set. */
final class FakeOps implements NfStackOps {
    final List<String> sent = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    long now;

    @Override
    public void sendIcmpError(SkBuff offending, int type, int code) {
        sent.add("icmp " + type + "/" + code);
    }

    @Override
    public void sendTcpReset(SkBuff offending) {
        sent.add("rst");
    }

    @Override
    public void klog(String line) {
        log.add(line);
    }

    @Override
    public int selectSource(NetDev dev, int dst) {
        return 0x0a000001;
    }

    @Override
    public long now() {
        return now;
    }
}
