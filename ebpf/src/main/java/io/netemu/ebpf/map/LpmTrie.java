package io.netemu.ebpf.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BPF_MAP_TYPE_LPM_TRIE. A key is {@code u32 prefixlen} (host order) followed by the data bytes
 * in network order, most significant bit first. A lookup returns the value of the longest stored
 * prefix that covers the key's data within the key's own prefixlen; update and delete act on the
 * exact (prefixlen, data under the prefix) pair.
 *
 * <p>A plain binary trie, one node per bit: at most 32 steps for IPv4 and 128 for IPv6, which is
 * lean enough without the kernel's path compression. Lookups take no lock: writers (serialised
 * on this) publish nodes and entries through volatile fields, so a reader sees each whole.
 */
final class LpmTrie implements BpfMap, MapIteration {
    /** A stored prefix: its key as last written (bits past the prefix kept, as the kernel does) and its value. */
    private record Leaf(byte[] key, ValueRef value) {}

    private static final class Node {
        volatile Node zero, one;
        volatile Leaf leaf;

        Node child(int bit) {
            return bit == 0 ? zero : one;
        }

        void setChild(int bit, Node n) {
            if (bit == 0) zero = n;
            else one = n;
        }
    }

    private final MapSpec spec;
    private final int maxPrefixlen;
    private final Node root = new Node();
    private int count; // guarded by this

    LpmTrie(MapSpec spec) {
        this.spec = spec;
        this.maxPrefixlen = 8 * (spec.keySize() - 4);
    }

    @Override
    public MapSpec spec() {
        return spec;
    }

    private static int bit(byte[] key, int dataOff, int i) {
        return (key[dataOff + (i >>> 3)] >>> (7 - (i & 7))) & 1;
    }

    @Override
    public ValueRef lookup(byte[] key, int keyOff) {
        long plen = Integer.toUnsignedLong(Bytes.u32(key, keyOff));
        int depth = (int) Math.min(plen, maxPrefixlen);
        Node n = root;
        Leaf best = n.leaf;
        for (int i = 0; i < depth; i++) {
            n = n.child(bit(key, keyOff + 4, i));
            if (n == null) break;
            Leaf l = n.leaf;
            if (l != null) best = l;
        }
        return best == null ? null : best.value;
    }

    /** The node exactly at the key's prefix, or null; -1 prefix (too long) is the caller's to refuse. */
    private Node exact(byte[] key, int keyOff, int plen) {
        Node n = root;
        for (int i = 0; i < plen && n != null; i++) n = n.child(bit(key, keyOff + 4, i));
        return n;
    }

    /** The key's prefixlen, or -1 when it exceeds the data's bits. */
    private int prefixlen(byte[] key, int keyOff) {
        long plen = Integer.toUnsignedLong(Bytes.u32(key, keyOff));
        return plen > maxPrefixlen ? -1 : (int) plen;
    }

    @Override
    public synchronized int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (flags < ANY || flags > EXIST) return -EINVAL;
        int plen = prefixlen(key, keyOff);
        if (plen < 0) return -EINVAL;
        byte[] stored = Arrays.copyOfRange(key, keyOff, keyOff + spec.keySize());
        Node at = exact(key, keyOff, plen);
        Leaf old = at == null ? null : at.leaf;
        if (old != null) {
            if (flags == NOEXIST) return -EEXIST;
            System.arraycopy(value, valueOff, old.value.array(), old.value.offset(), spec.valueSize());
            at.leaf = new Leaf(stored, old.value); // same value array: a held ValueRef stays live
            return 0;
        }
        if (flags == EXIST) return -ENOENT;
        if (count >= spec.maxEntries()) return -ENOSPC;
        ValueRef v = new ValueRef(ValueSlots.single(spec.valueSize()), ValueSlots.BASE);
        System.arraycopy(value, valueOff, v.array(), v.offset(), spec.valueSize());
        Node n = root;
        for (int i = 0; i < plen; i++) {
            int b = bit(key, keyOff + 4, i);
            Node c = n.child(b);
            if (c == null) {
                c = new Node();
                n.setChild(b, c);
            }
            n = c;
        }
        n.leaf = new Leaf(stored, v);
        count++;
        return 0;
    }

    @Override
    public synchronized int delete(byte[] key, int keyOff) {
        int plen = prefixlen(key, keyOff);
        if (plen < 0) return -EINVAL;
        Node[] path = new Node[plen + 1];
        path[0] = root;
        for (int i = 0; i < plen; i++) {
            path[i + 1] = path[i].child(bit(key, keyOff + 4, i));
            if (path[i + 1] == null) return -ENOENT;
        }
        if (path[plen].leaf == null) return -ENOENT;
        path[plen].leaf = null;
        count--;
        // unhook nodes left with neither a prefix nor children, deepest first
        for (int i = plen; i > 0; i--) {
            Node n = path[i];
            if (n.leaf != null || n.zero != null || n.one != null) break;
            path[i - 1].setChild(bit(key, keyOff + 4, i - 1), null);
        }
        return 0;
    }

    /** Every stored key in the kernel's order: more specific prefixes before the ones covering them. */
    private List<Leaf> postorder() {
        List<Leaf> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<Leaf> out) {
        if (n == null) return;
        collect(n.zero, out);
        collect(n.one, out);
        Leaf l = n.leaf;
        if (l != null) out.add(l);
    }

    @Override
    public synchronized byte[] nextKey(byte[] key) {
        List<Leaf> all = postorder();
        int next = 0;
        if (key != null) {
            int plen = prefixlen(key, 0);
            Node at = plen < 0 ? null : exact(key, 0, plen);
            Leaf found = at == null ? null : at.leaf;
            if (found != null) next = all.indexOf(found) + 1; // absent: start from the first
        }
        return next < all.size() ? all.get(next).key.clone() : null;
    }

    /** How many prefixes are stored (intermediate nodes not counted, as the kernel's n_entries). */
    synchronized int size() {
        return count;
    }

    @Override
    public synchronized List<byte[]> keys() {
        List<byte[]> out = new ArrayList<>();
        for (Leaf l : postorder()) out.add(l.key.clone());
        return out;
    }
}
