package io.netemu.stack;

/** A configuration request the kernel refuses; the message is what iproute2 prints (e.g. {@code RTNETLINK answers: File exists}). */
public final class NetException extends Exception {
    private final int errno;

    public NetException(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    public int errno() { return errno; }

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENETUNREACH = 101;

    public static NetException exists() { return new NetException(EEXIST, "RTNETLINK answers: File exists"); }
    public static NetException noSuchProcess() { return new NetException(ESRCH, "RTNETLINK answers: No such process"); }
    public static NetException invalid() { return new NetException(EINVAL, "RTNETLINK answers: Invalid argument"); }
    public static NetException cannotAssign() {
        return new NetException(99, "RTNETLINK answers: Cannot assign requested address");
    }
    public static NetException netUnreachable() { return new NetException(ENETUNREACH, "RTNETLINK answers: Network is unreachable"); }
    public static NetException noDevice() { return new NetException(ENODEV, "RTNETLINK answers: No such device"); }
}
