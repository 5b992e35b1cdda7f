package io.netemu.stack.dev;

import java.util.ArrayList;
import java.util.List;

/** The IPv4 addresses of a namespace, in the order they were added (per device, primaries first). */
public final class InetAddrs {
    private final List<InetAddr> list = new ArrayList<>();

    public List<InetAddr> all() { return List.copyOf(list); }

    public List<InetAddr> onDev(int ifindex) {
        List<InetAddr> out = new ArrayList<>();
        for (InetAddr a : list) {
            if (a.ifindex() == ifindex) {
                out.add(a);
            }
        }
        return out;
    }

    /** The address with this local address and prefix on the device, or null. */
    public InetAddr find(int ifindex, int local, int prefixLen) {
        for (InetAddr a : list) {
            if (a.ifindex() == ifindex && a.local() == local && a.prefixLen() == prefixLen) {
                return a;
            }
        }
        return null;
    }

    /** True when {@code ip} is one of this namespace's addresses (on any device). */
    public boolean isLocal(int ip) {
        for (InetAddr a : list) {
            if (a.local() == ip) {
                return true;
            }
        }
        return false;
    }

    /** The first primary address on the device in {@code dst}'s subnet, else the first primary, else 0. */
    public int selectSource(int ifindex, int dst) {
        int first = 0;
        for (InetAddr a : list) {
            if (a.ifindex() != ifindex || a.secondary()) {
                continue;
            }
            if (a.inSubnet(dst)) {
                return a.local();
            }
            if (first == 0) {
                first = a.local();
            }
        }
        return first;
    }

    /** Any primary address of global scope, for sources of ICMP errors from devices with none (inet_select_addr). */
    public int anyGlobal() {
        for (InetAddr a : list) {
            if (!a.secondary() && a.scope() == Scope.UNIVERSE) {
                return a.local();
            }
        }
        return 0;
    }

    /** Adds an address, marking it secondary when a primary of the same subnet exists on the device. */
    public InetAddr add(InetAddr a) {
        boolean secondary = false;
        for (InetAddr b : list) {
            if (b.ifindex() == a.ifindex() && !b.secondary() && b.prefixLen() == a.prefixLen() && b.inSubnet(a.local())) {
                secondary = true;
                break;
            }
        }
        InetAddr added = new InetAddr(a.ifindex(), a.local(), a.prefixLen(), a.broadcast(), a.scope(), a.label(), secondary);
        list.add(added);
        return added;
    }

    /**
     * Removes an address. Removing a primary removes its secondaries too (as Linux does
     * without promote_secondaries); the removed addresses are returned.
     */
    public List<InetAddr> remove(InetAddr a) {
        List<InetAddr> removed = new ArrayList<>();
        list.removeIf(b -> {
            boolean hit = b.equals(a) || (!a.secondary() && b.secondary() && b.ifindex() == a.ifindex()
                    && b.prefixLen() == a.prefixLen() && a.inSubnet(b.local()));
            if (hit) {
                removed.add(b);
            }
            return hit;
        });
        return removed;
    }

    public void removeDev(int ifindex) {
        list.removeIf(a -> a.ifindex() == ifindex);
    }
}
