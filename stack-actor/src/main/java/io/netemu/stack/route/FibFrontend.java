package io.netemu.stack.route;

import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import java.util.List;

/** STUB — to be replaced by the routing engineer. */
public final class FibFrontend {
    private FibFrontend() {}
    public static void addrAdded(Fib fib, NetDev dev, InetAddr a) {}
    public static void addrRemoved(Fib fib, NetDev dev, InetAddr gone, List<InetAddr> remaining) {}
    public static void devUp(Fib fib, NetDev dev, List<InetAddr> addrsOnDev) {}
    public static void devDown(Fib fib, NetDev dev, List<InetAddr> addrsOnDev) {}
}
