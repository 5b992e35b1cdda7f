package io.netemu.cluster.member;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JVM's place in a cluster, from the options of {@code netemu member} (or a lab JVM's): its
 * name, address, seeds, role and TLS files. {@link #config(Config)} turns it into the Config the
 * JVM's actor system starts with: these settings over {@code netemu-cluster.conf} over the run's
 * own config. {@link Builder#build()} validates everything and names the option at fault.
 */
public final class ClusterSettings {
    /** A JVM that hosts namespaces (runs a {@link MemberHost}). */
    public static final String ROLE_MEMBER = "member";
    /** The JVM that submits and drives a lab. */
    public static final String ROLE_LAB = "lab";
    /** The documented cluster configuration, in cluster-config's resources. */
    public static final String RESOURCE = "netemu-cluster.conf";

    /** TLS files and their password (never printed). */
    public record Tls(Path keystore, Path truststore, String password) {
        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + ", truststore=" + truststore + "]";
        }
    }

    private final String name;
    private final HostPort self;
    private final List<HostPort> seeds;
    private final String role;
    private final Tls tls;
    private final Duration joinTimeout;

    private ClusterSettings(String name, HostPort self, List<HostPort> seeds, String role, Tls tls, Duration joinTimeout) {
        this.name = name;
        this.self = self;
        this.seeds = List.copyOf(seeds);
        this.role = role;
        this.tls = tls;
        this.joinTimeout = joinTimeout;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() { return name; }

    /** Where this JVM listens (port 0: any free port, known once started). */
    public HostPort self() { return self; }

    /** The seeds to join; this JVM itself when it was given none. */
    public List<HostPort> seeds() { return seeds; }

    public String role() { return role; }

    /** null: plain TCP. */
    public Tls tls() { return tls; }

    /** null: netemu.cluster.join-timeout of the config (30 s). */
    public Duration joinTimeout() { return joinTimeout; }

    /** These settings over {@code netemu-cluster.conf}, unresolved: put it over the run's config. */
    public Config config() {
        Map<String, Object> m = new HashMap<>();
        m.put("pekko.remote.artery.canonical.hostname", self.host());
        m.put("pekko.remote.artery.canonical.port", self.port());
        m.put("pekko.cluster.roles", List.of(role));
        m.put("pekko.cluster.seed-nodes", seeds.stream().map(HostPort::pekkoAddress).toList());
        m.put("netemu.cluster.member-name", name);
        if (joinTimeout != null) {
            m.put("netemu.cluster.join-timeout", joinTimeout.toMillis() + "ms");
        }
        if (tls != null) {
            String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
            m.put("pekko.remote.artery.transport", "tls-tcp");
            m.put(engine + "key-store", tls.keystore().toAbsolutePath().toString());
            m.put(engine + "trust-store", tls.truststore().toAbsolutePath().toString());
            m.put(engine + "key-store-password", tls.password());
            m.put(engine + "key-password", tls.password());
            m.put(engine + "trust-store-password", tls.password());
        }
        return ConfigFactory.parseMap(m, "netemu member options")
                .withFallback(ConfigFactory.parseResources(ClusterSettings.class.getClassLoader(), RESOURCE));
    }

    /** The whole config of this JVM: {@link #config()} over {@code base} (e.g. LabRunner.config()), resolved. */
    public Config config(Config base) {
        return config().withFallback(base).resolve();
    }

    @Override
    public String toString() {
        return "ClusterSettings[" + name + " at " + self + ", role " + role + ", seeds " + seeds
                + (tls == null ? "" : ", " + tls) + "]";
    }

    /** Collects the options; {@link #build()} checks them. */
    public static final class Builder {
        private final String name;
        private String host = "127.0.0.1";
        private int port = 2552;
        private final List<HostPort> seeds = new ArrayList<>();
        private String role = ROLE_MEMBER;
        private Path keystore;
        private Path truststore;
        private String password;
        private String passwordSource = "the password";
        private boolean tls;
        private Duration joinTimeout;

        private Builder(String name) {
            this.name = name;
        }

        public Builder host(String host) { this.host = host; return this; }

        /** 1-65535, or 0 for any free port (not for a member that is its own seed). */
        public Builder port(int port) { this.port = port; return this; }

        /** A seed as {@code HOST:PORT}; an error names --seed. */
        public Builder seed(String hostPort) throws MemberException {
            seeds.add(HostPort.parse("--seed", hostPort));
            return this;
        }

        public Builder seed(HostPort seed) { seeds.add(seed); return this; }

        public Builder role(String role) { this.role = role; return this; }

        /** Turns on tls-tcp with these files and password. */
        public Builder tls(Path keystore, Path truststore, String password) {
            this.tls = true;
            this.keystore = keystore;
            this.truststore = truststore;
            this.password = password;
            return this;
        }

        /** As {@link #tls(Path, Path, String)}, the password read from the environment variable {@code var}. */
        public Builder tlsPasswordFromEnv(Path keystore, Path truststore, String var) throws MemberException {
            if (var == null || var.isBlank()) {
                throw MemberException.usage("--tls needs --password-env VAR: the environment variable holding the keystore password");
            }
            String value = System.getenv(var);
            if (value == null) {
                throw MemberException.usage("--password-env " + var + ": the variable is not set; export it with the keystore password");
            }
            tls(keystore, truststore, value);
            this.passwordSource = "the password in $" + var;
            return this;
        }

        public Builder joinTimeout(Duration d) { this.joinTimeout = d; return this; }

        public ClusterSettings build() throws MemberException {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw MemberException.usage("--name " + name + ": use letters, digits, '.', '_' and '-' (such as member-1)");
            }
            if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
                throw MemberException.usage("--host '" + host + "': expected an address of this machine, such as 127.0.0.1");
            }
            if (port < 0 || port > 65535) {
                throw MemberException.usage("--port " + port + ": the port must be a number 1-65535");
            }
            if (!ROLE_MEMBER.equals(role) && !ROLE_LAB.equals(role)) {
                throw MemberException.usage("role " + role + ": expected " + ROLE_MEMBER + " or " + ROLE_LAB);
            }
            if (joinTimeout != null && (joinTimeout.isNegative() || joinTimeout.isZero())) {
                throw MemberException.usage("--join-timeout " + joinTimeout + ": expected a positive duration, such as 30s");
            }
            HostPort self = new HostPort(host, port);
            List<HostPort> s = new ArrayList<>(seeds);
            if (s.isEmpty()) {
                if (port == 0) {
                    throw MemberException.usage("--port 0 with no --seed: a member without --seed is its own seed; give it a --port");
                }
                s.add(self); // the first member of a cluster: it forms the cluster alone
            }
            Tls t = null;
            if (tls) {
                if (keystore == null || truststore == null) {
                    throw MemberException.usage("--tls needs --keystore FILE and --truststore FILE (PKCS12 or JKS)");
                }
                checkStore("--keystore", keystore, password, passwordSource);
                checkStore("--truststore", truststore, password, passwordSource);
                t = new Tls(keystore, truststore, password);
            }
            return new ClusterSettings(name, self, s, role, t, joinTimeout);
        }

        /** Opens the store now: a wrong path or password is a usage error here, not a failed TLS handshake later. */
        private static void checkStore(String option, Path file, String password, String source) throws MemberException {
            if (!Files.isReadable(file)) {
                throw MemberException.usage(option + " " + file + ": no such readable file");
            }
            try {
                KeyStore.getInstance(file.toFile(), password.toCharArray());
            } catch (IOException | GeneralSecurityException e) {
                throw MemberException.usage(option + " " + file + ": cannot open it with " + source
                        + " (wrong password, or not a PKCS12/JKS keystore)");
            }
        }
    }
}
