package io.netemu.node.cmd.nft;

import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.nft.NftFamily;

/**
 * Chain hooks and priorities as nft names them (nftables src/rule.c: std_prios, prio2str,
 * std_prio_lookup, std_prio_family_hook_compat): {@code filter + 10} in, {@code filter + 10} out,
 * {@code dstnat} only at prerouting and {@code srcnat} only at postrouting.
 */
final class NftPrio {
    private static final String[] NAMES = {"raw", "mangle", "dstnat", "filter", "security", "srcnat"};
    private static final int[] VALUES = {-300, -150, -100, 0, 50, 100};

    private NftPrio() {}

    static NfHook hook(NftFamily family, String name) {
        if (family == NftFamily.NETDEV) {
            return null;
        }
        NfHook h = switch (name) {
            case "prerouting" -> NfHook.PRE_ROUTING;
            case "input" -> NfHook.LOCAL_IN;
            case "forward" -> NfHook.FORWARD;
            case "output" -> NfHook.LOCAL_OUT;
            case "postrouting" -> NfHook.POST_ROUTING;
            default -> null;
        };
        if (family == NftFamily.ARP && h != NfHook.LOCAL_IN && h != NfHook.LOCAL_OUT) {
            return null;
        }
        return h;
    }

    private static boolean compat(int prio, NfHook hook) {
        return switch (prio) {
            case -100 -> hook == NfHook.PRE_ROUTING;
            case 100 -> hook == NfHook.POST_ROUTING;
            default -> true;
        };
    }

    /** The value of {@code name [+|- offset]}, or null when the name is not valid at this hook. */
    static Integer value(String name, long offset, NfHook hook) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return compat(VALUES[i], hook) ? (int) (VALUES[i] + offset) : null;
            }
        }
        return null;
    }

    /** prio2str: the nearest standard name within 10, if it suits the hook, else the number. */
    static String format(int prio, NfHook hook, boolean numeric) {
        if (!numeric) {
            for (int i = 0; i < NAMES.length; i++) {
                int std = VALUES[i];
                if (Math.abs(prio - std) <= 10) {
                    if (!compat(std, hook)) {
                        break;
                    }
                    return NAMES[i] + (prio > std ? " + " + (prio - std) : prio < std ? " - " + (std - prio) : "");
                }
            }
        }
        return Integer.toString(prio);
    }
}
