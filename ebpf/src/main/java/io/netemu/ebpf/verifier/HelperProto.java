package io.netemu.ebpf.verifier;

import java.util.List;

/**
 * A helper's signature as the verifier sees it ({@code struct bpf_func_proto}): argument kinds,
 * whether r0 comes back as a map value that may be NULL, and whether the call moves the packet
 * (so every packet pointer taken before it is stale).
 */
record HelperProto(String name, List<ArgType> args, boolean returnsMapValueOrNull, boolean changesPktData,
                   long retMax) {
    static HelperProto of(String name, ArgType... args) {
        return new HelperProto(name, List.of(args), false, false, -1L);
    }

    HelperProto lookup() { return new HelperProto(name, args, true, false, -1L); }

    HelperProto movesPacket() { return new HelperProto(name, args, false, true, -1L); }

    /** r0 comes back in [0, max] (unsigned). */
    HelperProto returnsAtMost(long max) { return new HelperProto(name, args, returnsMapValueOrNull, changesPktData, max); }
}
