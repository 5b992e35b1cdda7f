package io.netemu.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code netemu member} fails fast and clearly: a port in use, a wrong seed, a bad option. */
class MemberCliTest {
    private static ServerSocket hold() throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        return s;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = hold()) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPortInUseIsReportedInOneLine() throws Exception {
        try (ServerSocket held = hold()) {
            int p = held.getLocalPort();
            MemberProcess.Result r = MemberProcess.run(40, Map.of(), "--name", "m1", "--port", Integer.toString(p));
            assertEquals(1, r.exit(), r.stderr());
            assertEquals("netemu member: cannot bind 127.0.0.1:" + p + ": address already in use; choose another --port\n", r.stderr());
            assertEquals("", r.stdout());
        }
    }

    @Test
    void aSeedThatDoesNotAnswerIsNamedWithinTheDefaultBound() throws Exception {
        int seed = freePort(); // nothing listens there
        // the default join timeout is 30 s; the run must end within 40 s, JVM start included
        MemberProcess.Result r = MemberProcess.run(40, Map.of(), "--name", "m2", "--port", Integer.toString(freePort()),
                "--seed", "127.0.0.1:" + seed);
        assertEquals(1, r.exit(), r.stderr());
        assertEquals("netemu member: no cluster formed within 30s: seed 127.0.0.1:" + seed
                + " did not answer; check --seed and that the seed member is running\n", r.stderr());
    }

    @Test
    void aSeedThatIsNotAMemberIsToldApart() throws Exception {
        try (ServerSocket notAMember = hold()) {
            int seed = notAMember.getLocalPort();
            MemberProcess.Result r = MemberProcess.run(40, Map.of(), "--name", "m3", "--port", Integer.toString(freePort()),
                    "--seed", "127.0.0.1:" + seed, "--join-timeout", "4s");
            assertEquals(1, r.exit(), r.stderr());
            assertEquals("netemu member: no cluster formed within 4s: seed 127.0.0.1:" + seed + " is listening but did not let"
                    + " this member join; check that it is a netemu member (actor system \"netemu\") with the same --tls setting\n",
                    r.stderr());
        }
    }

    @Test
    void malformedOptionsAreUsageErrors() throws Exception {
        MemberProcess.Result r = MemberProcess.run(40, Map.of(), "--name", "m4", "--seed", "127.0.0.1:x");
        assertEquals(2, r.exit(), r.stderr());
        assertEquals("netemu member: --seed 127.0.0.1:x: the port must be a number 1-65535\n", r.stderr());
        r = MemberProcess.run(40, Map.of(), "--port", "99999");
        assertEquals(2, r.exit(), r.stderr());
        assertEquals("netemu member: --port 99999: the port must be a number 1-65535\n", r.stderr());
        r = MemberProcess.run(40, Map.of(), "--keystore", "k.p12");
        assertEquals(2, r.exit(), r.stderr());
        assertEquals("netemu member: --keystore, --truststore and --password-env need --tls\n", r.stderr());
    }
}
