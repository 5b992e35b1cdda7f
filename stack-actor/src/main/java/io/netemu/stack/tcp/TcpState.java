package io.netemu.stack.tcp;

/** Connection states (RFC 9293 §3.3.2) with Linux's names ({@code include/net/tcp_states.h}), as ss prints them. */
public enum TcpState {
    ESTABLISHED("ESTAB"),
    SYN_SENT("SYN-SENT"),
    SYN_RECV("SYN-RECV"),
    FIN_WAIT1("FIN-WAIT-1"),
    FIN_WAIT2("FIN-WAIT-2"),
    TIME_WAIT("TIME-WAIT"),
    CLOSE("UNCONN"),
    CLOSE_WAIT("CLOSE-WAIT"),
    LAST_ACK("LAST-ACK"),
    LISTEN("LISTEN"),
    CLOSING("CLOSING");

    private final String ssName;

    TcpState(String ssName) {
        this.ssName = ssName;
    }

    /** The name in ss's State column. */
    public String ssName() {
        return ssName;
    }

    /** Past the handshake and not closed: sequence numbers are synchronized (RFC 9293 §3.5.2). */
    public boolean synchronizedState() {
        return this != SYN_SENT && this != CLOSE && this != LISTEN;
    }
}
