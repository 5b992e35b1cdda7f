package io.netemu.cluster.member;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** TCP checks that turn a member's start failures into sentences: a port in use, a seed that does not answer. */
final class Ports {
    private Ports() {}

    /**
     * Binds {@code at} for a moment, so a port in use is reported before Pekko starts (whose own
     * bind failure comes as a stack trace); a race with another process is still caught by
     * {@link #isBindFailure}.
     */
    static void checkFree(HostPort at) throws MemberException {
        InetSocketAddress addr = new InetSocketAddress(at.host(), at.port());
        if (addr.isUnresolved()) {
            throw MemberException.usage("--host " + at.host() + ": unknown host; use an address of this machine, such as 127.0.0.1");
        }
        if (at.port() == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(addr);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw inUse(at);
            }
            throw MemberException.failure("cannot bind " + at + ": " + e.getMessage() + "; choose an address of this machine for --host");
        } catch (IOException e) {
            throw MemberException.failure("cannot bind " + at + ": " + e.getMessage());
        }
    }

    static MemberException inUse(HostPort at) {
        return MemberException.failure("cannot bind " + at + ": address already in use; choose another --port");
    }

    /** Whether starting Artery failed because its port could not be bound. */
    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Failed to bind")) {
                return true;
            }
        }
        return false;
    }

    /** A port free on {@code host} now (the kernel's choice); another process may still take it before it is used. */
    static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        }
    }

    /** Why no cluster formed, seed by seed: nothing listening, or listening but not letting this member in. */
    static String diagnoseSeeds(ClusterSettings s) {
        List<String> silent = new ArrayList<>();
        List<String> refusing = new ArrayList<>();
        for (HostPort seed : s.seeds()) {
            if (seed.equals(s.self())) {
                continue;
            }
            (listening(seed) ? refusing : silent).add(seed.toString());
        }
        if (!silent.isEmpty()) {
            return (silent.size() == 1 ? "seed " + silent.get(0) : "seeds " + String.join(", ", silent))
                    + " did not answer; check --seed and that the seed member is running";
        }
        if (!refusing.isEmpty()) {
            return (refusing.size() == 1 ? "seed " + refusing.get(0) + " is" : "seeds " + String.join(", ", refusing) + " are")
                    + " listening but did not let this member join; check that it is a netemu member"
                    + " (actor system \"" + MemberSystem.SYSTEM_NAME + "\") with the same --tls setting";
        }
        return "the seeds " + s.seeds() + " did not form a cluster; start the first seed (the first --seed) first";
    }

    private static boolean listening(HostPort at) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(at.host(), at.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
