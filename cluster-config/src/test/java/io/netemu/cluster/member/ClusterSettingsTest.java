package io.netemu.cluster.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsTest {
    private static MemberException usage(org.junit.jupiter.api.function.Executable e) {
        MemberException x = assertThrows(MemberException.class, e);
        assertEquals(MemberException.USAGE, x.exitStatus(), x.getMessage());
        return x;
    }

    @Test
    void hostPortErrorsNameTheOptionAndTheFix() {
        assertEquals("--seed 127.0.0.1:x: the port must be a number 1-65535",
                usage(() -> HostPort.parse("--seed", "127.0.0.1:x")).getMessage());
        assertEquals("--seed 127.0.0.1:70000: the port must be a number 1-65535",
                usage(() -> HostPort.parse("--seed", "127.0.0.1:70000")).getMessage());
        assertEquals("--seed 127.0.0.1: expected HOST:PORT, such as 127.0.0.1:2552",
                usage(() -> HostPort.parse("--seed", "127.0.0.1")).getMessage());
        assertEquals("--seed :2552: the host is missing; expected HOST:PORT, such as 127.0.0.1:2552",
                usage(() -> HostPort.parse("--seed", ":2552")).getMessage());
        assertEquals("--port 0: the port must be a number 1-65535", usage(() -> HostPort.parsePort("--port", "0")).getMessage());
    }

    @Test
    void hostPortsParse() throws MemberException {
        assertEquals(new HostPort("127.0.0.1", 2552), HostPort.parse("--seed", "127.0.0.1:2552"));
        HostPort v6 = HostPort.parse("--seed", "[::1]:2600");
        assertEquals("::1", v6.host());
        assertEquals("[::1]:2600", v6.toString());
        assertEquals("pekko://netemu@[::1]:2600", v6.pekkoAddress());
    }

    @Test
    void aMemberWithoutSeedsIsItsOwnSeed() throws MemberException {
        Config c = ClusterSettings.builder("m1").port(2600).build().config(ConfigFactory.load());
        assertEquals(List.of("pekko://netemu@127.0.0.1:2600"), c.getStringList("pekko.cluster.seed-nodes"));
        assertEquals(List.of("member"), c.getStringList("pekko.cluster.roles"));
        assertEquals("cluster", c.getString("pekko.actor.provider"));
        assertEquals("tcp", c.getString("pekko.remote.artery.transport"));
        assertEquals("127.0.0.1", c.getString("pekko.remote.artery.canonical.hostname"));
        assertEquals(2600, c.getInt("pekko.remote.artery.canonical.port"));
        assertEquals(1, c.getDuration("pekko.cluster.seed-node-timeout").toSeconds());
        assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider", c.getString("pekko.cluster.downing-provider-class"));
        assertFalse(c.getBoolean("pekko.actor.allow-java-serialization"));
        // the project's serializers (reference.conf) are still bound under the cluster file
        assertTrue(c.hasPath("pekko.actor.serializers.netemu-kryo"));
    }

    @Test
    void seedsAndRoleComeFromTheOptions() throws MemberException {
        Config c = ClusterSettings.builder("lab").role(ClusterSettings.ROLE_LAB).port(0)
                .seed("127.0.0.1:2600").seed("127.0.0.1:2601").build().config(ConfigFactory.load());
        assertEquals(List.of("pekko://netemu@127.0.0.1:2600", "pekko://netemu@127.0.0.1:2601"),
                c.getStringList("pekko.cluster.seed-nodes"));
        assertEquals(List.of("lab"), c.getStringList("pekko.cluster.roles"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals("--name a b: use letters, digits, '.', '_' and '-' (such as member-1)",
                usage(() -> ClusterSettings.builder("a b").build()).getMessage());
        assertEquals("--port 0 with no --seed: a member without --seed is its own seed; give it a --port",
                usage(() -> ClusterSettings.builder("m").port(0).build()).getMessage());
        assertEquals("role boss: expected member or lab", usage(() -> ClusterSettings.builder("m").role("boss").build()).getMessage());
        assertEquals("--tls needs --password-env VAR: the environment variable holding the keystore password",
                usage(() -> ClusterSettings.builder("m").tlsPasswordFromEnv(Path.of("k"), Path.of("t"), null)).getMessage());
        assertEquals("--password-env NETEMU_NO_SUCH_VARIABLE_SET: the variable is not set; export it with the keystore password",
                usage(() -> ClusterSettings.builder("m").tlsPasswordFromEnv(Path.of("k"), Path.of("t"), "NETEMU_NO_SUCH_VARIABLE_SET")).getMessage());
    }

    @Test
    void tlsFilesAreCheckedBeforeTheStart(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.p12");
        assertEquals("--keystore " + missing + ": no such readable file",
                usage(() -> ClusterSettings.builder("m").tls(missing, missing, "secret").build()).getMessage());
        Path junk = Files.writeString(dir.resolve("junk.p12"), "not a keystore");
        assertEquals("--keystore " + junk + ": cannot open it with the password (wrong password, or not a PKCS12/JKS keystore)",
                usage(() -> ClusterSettings.builder("m").tls(junk, junk, "secret").build()).getMessage());
    }

    @Test
    void tlsTurnsOnTlsTcpAndHidesThePassword(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("empty.p12");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var out = Files.newOutputStream(store)) {
            ks.store(out, "s3cret".toCharArray());
        }
        ClusterSettings s = ClusterSettings.builder("m").tls(store, store, "s3cret").build();
        Config c = s.config(ConfigFactory.load());
        assertEquals("tls-tcp", c.getString("pekko.remote.artery.transport"));
        assertEquals(store.toAbsolutePath().toString(), c.getString("pekko.remote.artery.ssl.config-ssl-engine.key-store"));
        assertEquals("s3cret", c.getString("pekko.remote.artery.ssl.config-ssl-engine.trust-store-password"));
        assertFalse(s.toString().contains("s3cret"), s.toString());
    }
}
