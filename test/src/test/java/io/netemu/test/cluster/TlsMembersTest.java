package io.netemu.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.cluster.member.ClusterSettings;
import io.netemu.cluster.member.LocalMembers;
import io.netemu.cluster.member.MemberHost;
import io.netemu.cluster.member.MemberSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members over Artery tls-tcp with a throwaway PKCS12 keystore made by the JDK's keytool: two
 * members form a cluster, a lab JVM with the same files joins and finds them, and a member
 * without TLS is not let in.
 */
class TlsMembersTest {
    private static final String PASSWORD_VAR = "NETEMU_TEST_TLS_PASSWORD";
    private static final String PASSWORD = "throwaway-" + Long.toHexString(System.nanoTime());

    private static void keytool(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Test
    @Timeout(300)
    void membersFormAClusterOverTlsAndAPlainMemberIsRefused(@TempDir Path dir) throws Exception {
        keytool(dir, "-genkeypair", "-alias", "member", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=netemu member",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", "keystore.p12", "-storepass", PASSWORD);
        keytool(dir, "-exportcert", "-alias", "member", "-keystore", "keystore.p12", "-storepass", PASSWORD, "-file", "member.crt");
        keytool(dir, "-importcert", "-noprompt", "-alias", "member", "-file", "member.crt",
                "-storetype", "PKCS12", "-keystore", "truststore.p12", "-storepass", PASSWORD);
        Path keystore = dir.resolve("keystore.p12");
        Path truststore = dir.resolve("truststore.p12");
        List<String> tls = List.of("--tls", "--keystore", keystore.toString(), "--truststore", truststore.toString(),
                "--password-env", PASSWORD_VAR);

        LocalMembers.Options o = LocalMembers.Options.defaults().withMemberArgs(tls).withEnv(Map.of(PASSWORD_VAR, PASSWORD));
        try (LocalMembers members = LocalMembers.start(2, o)) {
            // member-2 printed its "up" line: it joined member-1 over TLS
            ClusterSettings lab = ClusterSettings.builder("lab").role(ClusterSettings.ROLE_LAB).port(0)
                    .seed(members.seed()).tls(keystore, truststore, PASSWORD).build();
            ActorSystem<Void> system = MemberSystem.start(lab, ClusterMembersTest.base());
            try {
                assertEquals("tls-tcp", system.settings().config().getString("pekko.remote.artery.transport"));
                List<MemberHost.Description> found = MemberSystem.awaitMembers(system, ClusterSettings.ROLE_MEMBER, 2, Duration.ofSeconds(60));
                assertEquals(List.of("member-1", "member-2"), found.stream().map(MemberHost.Description::member).toList());
            } finally {
                MemberSystem.terminate(system, Duration.ofSeconds(20));
            }

            MemberProcess.Result plain = MemberProcess.run(60, Map.of(), "--name", "plain", "--port", freePort(),
                    "--seed", members.seed().toString(), "--join-timeout", "5s");
            assertEquals(1, plain.exit(), plain.stderr());
            assertEquals("netemu member: no cluster formed within 5s: seed " + members.seed() + " is listening but did not let"
                    + " this member join; check that it is a netemu member (actor system \"netemu\") with the same --tls setting\n",
                    plain.stderr());
        }
    }

    private static String freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return Integer.toString(s.getLocalPort());
        }
    }
}
