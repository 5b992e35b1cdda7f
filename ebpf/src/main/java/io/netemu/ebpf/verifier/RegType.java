package io.netemu.ebpf.verifier;

/** What a register holds, as the kernel's {@code enum bpf_reg_type}; the names are its log names. */
enum RegType {
    NOT_INIT("?"),
    SCALAR("scalar"),
    PTR_TO_CTX("ctx"),
    PTR_TO_PACKET("pkt"),
    PTR_TO_PACKET_META("pkt_meta"),
    PTR_TO_PACKET_END("pkt_end"),
    PTR_TO_STACK("fp"),
    CONST_PTR_TO_MAP("map_ptr"),
    PTR_TO_MAP_VALUE("map_value"),
    PTR_TO_MAP_VALUE_OR_NULL("map_value_or_null");

    final String logName;

    RegType(String logName) { this.logName = logName; }

    boolean isPointer() { return this != NOT_INIT && this != SCALAR; }

    /** Pointers into the packet that a bounds check against data_end (or data) can widen. */
    boolean isPacket() { return this == PTR_TO_PACKET || this == PTR_TO_PACKET_META; }
}
