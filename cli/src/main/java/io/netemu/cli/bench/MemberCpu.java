package io.netemu.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of another process on this machine, from {@code /proc/PID/stat} (utime + stime, in
 * clock ticks of 10 ms): how busy each member JVM was during a measured window.
 */
final class MemberCpu {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private MemberCpu() {}

    /** CPU nanoseconds {@code pid} has used so far, -1 if unknown (no /proc, or it exited). */
    static long nanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK; // fields 14, 15
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
