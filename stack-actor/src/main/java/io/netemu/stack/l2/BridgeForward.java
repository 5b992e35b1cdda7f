package io.netemu.stack.l2;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.MacAddress;
import io.netemu.stack.NetStack;
import io.netemu.stack.bridge.Bridge;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.dev.NetDev;
import java.util.List;

/**
 * The bridge data path (net/bridge/br_input.c, br_forward.c): learn the source, then deliver
 * up, forward to one port or flood. STP is off and ports forward at once, as Linux's default.
 */
public final class BridgeForward {
    private final NetStack stack;

    public BridgeForward(NetStack stack) { this.stack = stack; }

    /** br_handle_frame: a frame received on a bridge port. */
    public void portReceive(NetDev port, SkBuff frame) {
        NetDev br = stack.ns().devs().get(port.master());
        Bridge fdb = stack.ns().bridge(port.master());
        if (br == null || fdb == null || !br.adminUp()) {
            stack.counters().drop(StackDrop.DEV_DOWN);
            return;
        }
        byte[] b = frame.array();
        int off = frame.dataOffset();
        long dst = MacAddress.read(b, off).value();
        long src = MacAddress.read(b, off + 6).value();
        if ((src >>> 40 & 1) != 0 || src == 0) {
            stack.counters().drop(StackDrop.UNICAST_IN_L2_MULTICAST);
            return;
        }
        long now = stack.env().now();
        fdb.learn(port.ifindex(), src, now);
        boolean group = (dst >>> 40 & 1) != 0;
        if (group) {
            flood(br, port.ifindex(), frame.clone());
            up(br, frame.clone());
            return;
        }
        int to = fdb.lookup(dst, now);
        if (to == -1) {
            up(br, frame);
        } else if (to == 0) {
            flood(br, port.ifindex(), frame);
        } else if (to == port.ifindex()) {
            stack.counters().drop(StackDrop.BRIDGE_LOOP); // the destination is behind the port it came from
        } else {
            forward(to, frame);
        }
    }

    /** br_dev_xmit: the bridge device itself sends (the stack's output on br0). */
    public void deviceXmit(NetDev br, SkBuff frame) {
        Bridge fdb = stack.ns().bridge(br.ifindex());
        long dst = MacAddress.read(frame.array(), frame.dataOffset()).value();
        boolean group = (dst >>> 40 & 1) != 0;
        int to = group ? 0 : fdb.lookup(dst, stack.env().now());
        if (to > 0) {
            forward(to, frame);
        } else {
            flood(br, 0, frame);
        }
    }

    private void up(NetDev br, SkBuff frame) {
        stack.softStats().rx(br.ifindex(), frame.len());
        stack.l2().deliver(br, frame);
    }

    private void forward(int portIfindex, SkBuff frame) {
        NetDev port = stack.ns().devs().get(portIfindex);
        if (port == null || !port.running()) {
            stack.counters().drop(StackDrop.DEV_DOWN);
            return;
        }
        stack.env().xmit(portIfindex, frame);
    }

    /** br_flood: every forwarding port but the one the frame came in on; all share the frame's bytes. */
    private void flood(NetDev br, int inPort, SkBuff frame) {
        List<NetDev> ports = stack.ns().devs().ports(br.ifindex());
        SkBuff shared = frame.clone();
        for (NetDev p : ports) {
            if (p.ifindex() != inPort && p.running()) {
                stack.env().xmit(p.ifindex(), shared);
            }
        }
    }
}
