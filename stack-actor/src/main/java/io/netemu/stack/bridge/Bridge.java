package io.netemu.stack.bridge;

/** STUB — to be replaced by the bridge engineer. */
public final class Bridge {
    public Bridge(int brIfindex, long brMac) {}
    public void portAdded(int ifindex, long mac) {}
    public void portRemoved(int ifindex) {}
}
