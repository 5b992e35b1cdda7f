package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.verifier.ArgType.*;

import io.netemu.ebpf.isa.HelperId;
import io.netemu.ebpf.map.MapType;
import java.util.Map;

/** The helpers an XDP program may call, and which map types each accepts. */
final class Helpers {
    private Helpers() {}

    /**
     * The redirect helpers return an XDP verdict: XDP_REDIRECT, or on failure XDP_ABORTED
     * (bpf_redirect) or the fallback action in the low two bits of flags (bpf_redirect_map).
     * Knowing that lets {@code return bpf_redirect_map(...)} pass the exit-value rule.
     */
    private static final long XDP_REDIRECT = 4;

    private static final Map<Integer, HelperProto> PROTOS = Map.ofEntries(
            Map.entry(HelperId.MAP_LOOKUP_ELEM, HelperProto.of("bpf_map_lookup_elem", CONST_MAP_PTR, PTR_TO_MAP_KEY).lookup()),
            Map.entry(HelperId.MAP_UPDATE_ELEM, HelperProto.of("bpf_map_update_elem", CONST_MAP_PTR, PTR_TO_MAP_KEY, PTR_TO_MAP_VALUE, ANYTHING)),
            Map.entry(HelperId.MAP_DELETE_ELEM, HelperProto.of("bpf_map_delete_elem", CONST_MAP_PTR, PTR_TO_MAP_KEY)),
            Map.entry(HelperId.KTIME_GET_NS, HelperProto.of("bpf_ktime_get_ns")),
            Map.entry(HelperId.TRACE_PRINTK, HelperProto.of("bpf_trace_printk", PTR_TO_MEM, CONST_SIZE)),
            Map.entry(HelperId.GET_PRANDOM_U32, HelperProto.of("bpf_get_prandom_u32")),
            Map.entry(HelperId.GET_SMP_PROCESSOR_ID, HelperProto.of("bpf_get_smp_processor_id")),
            Map.entry(HelperId.TAIL_CALL, HelperProto.of("bpf_tail_call", PTR_TO_CTX, CONST_MAP_PTR, ANYTHING)),
            Map.entry(HelperId.REDIRECT, HelperProto.of("bpf_redirect", ANYTHING, ANYTHING).returnsAtMost(XDP_REDIRECT)),
            Map.entry(HelperId.CSUM_DIFF, HelperProto.of("bpf_csum_diff", PTR_TO_MEM_OR_NULL, CONST_SIZE_OR_ZERO, PTR_TO_MEM_OR_NULL, CONST_SIZE_OR_ZERO, ANYTHING)),
            Map.entry(HelperId.XDP_ADJUST_HEAD, HelperProto.of("bpf_xdp_adjust_head", PTR_TO_CTX, ANYTHING).movesPacket()),
            Map.entry(HelperId.REDIRECT_MAP, HelperProto.of("bpf_redirect_map", CONST_MAP_PTR, ANYTHING, ANYTHING).returnsAtMost(XDP_REDIRECT)),
            Map.entry(HelperId.XDP_ADJUST_META, HelperProto.of("bpf_xdp_adjust_meta", PTR_TO_CTX, ANYTHING).movesPacket()),
            Map.entry(HelperId.XDP_ADJUST_TAIL, HelperProto.of("bpf_xdp_adjust_tail", PTR_TO_CTX, ANYTHING).movesPacket()),
            Map.entry(HelperId.FIB_LOOKUP, HelperProto.of("bpf_fib_lookup", PTR_TO_CTX, PTR_TO_MEM, CONST_SIZE, ANYTHING)));

    // bpf_trace_printk: r3-r5 are the format arguments, checked by nobody (the kernel leaves them
    // unchecked too), so a printk with fewer arguments may leave them unset.

    /** The prototype, or null for a helper this program type may not call. */
    static HelperProto proto(int id) { return PROTOS.get(id); }

    static String name(int id) {
        HelperProto p = PROTOS.get(id);
        return p == null ? "unknown" : p.name();
    }

    /** How many argument registers the call reads (all five when the helper is unknown). */
    static int argCount(int id) {
        HelperProto p = PROTOS.get(id);
        return p == null ? 5 : p.args().size();
    }

    /**
     * Whether a map of this type may be passed to this helper, both ways round as the kernel's
     * {@code check_map_func_compatibility}: some maps only work with their own helpers, and some
     * helpers only with their own maps.
     */
    static boolean compatible(MapType t, int helper) {
        switch (t) {
            case PROG_ARRAY -> { if (helper != HelperId.TAIL_CALL) return false; }
            case DEVMAP, DEVMAP_HASH -> {
                if (helper != HelperId.REDIRECT_MAP && helper != HelperId.MAP_LOOKUP_ELEM) return false;
            }
            default -> { }
        }
        return switch (helper) {
            case HelperId.TAIL_CALL -> t == MapType.PROG_ARRAY;
            case HelperId.REDIRECT_MAP -> t == MapType.DEVMAP || t == MapType.DEVMAP_HASH;
            default -> true;
        };
    }
}
