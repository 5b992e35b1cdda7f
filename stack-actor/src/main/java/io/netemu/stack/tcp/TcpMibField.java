package io.netemu.stack.tcp;

/** The SNMP counters TCP keeps, with the names /proc/net/snmp ({@code Tcp:}) and /proc/net/netstat ({@code TcpExt:}) print. */
public enum TcpMibField {
    ActiveOpens(true), PassiveOpens(true), AttemptFails(true), EstabResets(true), CurrEstab(true),
    InSegs(true), OutSegs(true), RetransSegs(true), InErrs(true), OutRsts(true), InCsumErrors(true),
    SyncookiesSent(false), EmbryonicRsts(false), PAWSEstab(false), DelayedACKs(false), ListenOverflows(false),
    ListenDrops(false), TCPPureAcks(false), TCPHPAcks(false), TCPRenoRecovery(false), TCPSackRecovery(false),
    TCPLostRetransmit(false), TCPRenoFailures(false), TCPSackFailures(false), TCPLossFailures(false),
    TCPFastRetrans(false), TCPSlowStartRetrans(false), TCPTimeouts(false), TCPAbortOnData(false),
    TCPAbortOnClose(false), TCPAbortOnLinger(false), TCPAbortOnTimeout(false), TCPSACKReorder(false),
    TCPRenoReorder(false), TCPOFOQueue(false), TCPOFODrop(false), TCPRcvCoalesce(false), TCPChallengeACK(false),
    TCPSYNChallenge(false), TCPACKSkippedChallenge(false), TCPACKSkippedSeq(false), TCPSynRetrans(false),
    TCPOrigDataSent(false), TCPWinProbe(false), TCPToZeroWindowAdv(false), TCPFromZeroWindowAdv(false),
    TCPWantZeroWindowAdv(false), TCPDelivered(false), TCPZeroWindowDrop(false),
    TCPTimeWaitRst(false), TW(false), OutOfWindowIcmps(false);

    private final boolean snmp;

    TcpMibField(boolean snmp) {
        this.snmp = snmp;
    }

    /** {@code Tcp:} in /proc/net/snmp, else {@code TcpExt:} in /proc/net/netstat. */
    public boolean snmp() {
        return snmp;
    }
}
