package io.netemu.node.cmd.ip;

import io.netemu.device.xdp.XdpMode;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;

/**
 * {@code ip link set DEV xdp|xdpgeneric|xdpdrv|xdpoffload (off | obj FILE [sec NAME] [verbose] |
 * pinned PATH)}: xdp_parse (ip/iplink_xdp.c) and bpf_parse (lib/bpf_legacy.c), iproute2 6.1.
 * {@code off} (or {@code none}) counts only as the command line's last word, as there.
 *
 * @param mode    the mode flag: null for plain {@code xdp} (the device's default, native on a veth)
 * @param offload {@code xdpoffload}: XDP_FLAGS_HW_MODE, which no emulated device has
 * @param section the ELF section, "prog" when not given (bpf_prog_to_default_section for XDP)
 */
record XdpArgs(String keyword, XdpMode mode, boolean offload, boolean off, String file, String section,
               String pinned, boolean verbose) {

    static boolean isKeyword(String w) {
        return w.equals("xdp") || w.equals("xdpgeneric") || w.equals("xdpdrv") || w.equals("xdpoffload");
    }

    /** Reads from the keyword on; leaves {@code a} on the last word it took. */
    static XdpArgs parse(IprouteArgs a) {
        String kw = a.cur();
        XdpMode mode = switch (kw) {
            case "xdpgeneric" -> XdpMode.GENERIC;
            case "xdpdrv" -> XdpMode.DRV;
            default -> null;
        };
        boolean offload = kw.equals("xdpoffload");
        String w = a.next();
        if (a.rest().size() == 1 && (w.equals("off") || w.equals("none"))) {
            return new XdpArgs(kw, mode, offload, true, null, null, null, false);
        }
        boolean obj = IprouteArgs.matches(w, "object-file") || IprouteArgs.matches(w, "obj");
        boolean pinned = !obj && IprouteArgs.matches(w, "object-pinned") || IprouteArgs.matches(w, "pinned")
                || IprouteArgs.matches(w, "fd");
        if (!obj && !pinned) {
            throw CommandExit.usage("What mode is \"" + w + "\"?");
        }
        String file = a.next();
        String section = "prog";
        boolean verbose = false;
        if (a.rest().size() > 1 && IprouteArgs.matches(a.rest().get(1), "section")) {
            a.skip();
            section = a.next();
        }
        if (a.rest().size() > 1 && IprouteArgs.matches(a.rest().get(1), "verbose")) {
            a.skip();
            verbose = true;
        }
        return new XdpArgs(kw, mode, offload, false, obj ? file : null, section, pinned ? file : null, verbose);
    }
}
