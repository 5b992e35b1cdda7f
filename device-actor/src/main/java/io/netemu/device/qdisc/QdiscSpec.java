package io.netemu.device.qdisc;

/**
 * One configured qdisc of a device's egress tree: its handle's major number ({@code 1:} is 1),
 * its kind's parameters, and the qdisc grafted on its single class {@code major:1}, or null for
 * the kind's built-in queue (netem's tfifo, tbf's bfifo). netem and tbf each have one class, so
 * the tree is a chain: {@code root handle 1: netem} then {@code parent 1:1 handle 10: tbf}.
 */
public record QdiscSpec(int handle, QdiscConfig config, QdiscSpec child) {
    public QdiscSpec {
        if (handle <= 0 || handle > 0xFFFF || config == null) {
            throw new IllegalArgumentException("qdisc handle must be 1..ffff and a config given");
        }
    }

    public QdiscSpec withChild(QdiscSpec c) { return new QdiscSpec(handle, config, c); }

    public QdiscSpec withConfig(QdiscConfig c) { return new QdiscSpec(handle, c, child); }

    /** The qdisc with handle {@code major} in this chain, or null. */
    public QdiscSpec find(int major) {
        for (QdiscSpec s = this; s != null; s = s.child) {
            if (s.handle == major) {
                return s;
            }
        }
        return null;
    }

    /** This chain with the qdisc of handle {@code major} replaced by {@code by} (null: removed, with what hangs below it). */
    public QdiscSpec replace(int major, QdiscSpec by) {
        if (handle == major) {
            return by;
        }
        return child == null ? this : withChild(child.replace(major, by));
    }
}
