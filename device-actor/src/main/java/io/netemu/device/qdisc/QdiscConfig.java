package io.netemu.device.qdisc;

/** The parameters of one qdisc kind, as {@code tc qdisc ... KIND OPTIONS} hands them to the kernel. */
public sealed interface QdiscConfig permits NetemConfig, TbfConfig {
    /** The kind's name as tc prints it ({@code netem}, {@code tbf}). */
    String kind();
}
