package io.netemu.stack.route;

/** STUB — to be replaced by the routing engineer. */
public final class Fib {
    public void flushDev(int ifindex) {}
}
