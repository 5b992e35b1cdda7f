package io.netemu.cluster.member;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N member JVMs on this machine, for {@code netemu run LAB --members N}: each is
 * {@code netemu member} in a child process with this JVM's java and class path, on loopback
 * and a free port; member-1 is the seed, the others join it. {@link #start} returns once every
 * member has printed its "member NAME up at HOST:PORT" line; {@link #close} stops them
 * (SIGTERM: they leave the cluster; forcibly after a bound), and a JVM shutdown hook does the
 * same if this JVM ends first, so no member outlives it.
 *
 * <p>Each member's stdout and stderr go to {@code NAME.log} in {@link #logDir()} (a temporary
 * folder, deleted by a clean {@link #close}, kept and named in the error when a member failed).
 */
public final class LocalMembers implements AutoCloseable {
    /** The CLI's main class (in the cli module, on the same class path). */
    public static final String MAIN = "io.netemu.cli.Main";
    private static final Pattern UP = Pattern.compile("^member (\\S+) up at (\\S+)$", Pattern.MULTILINE);
    private static final Duration STOP_BOUND = Duration.ofSeconds(15);

    /**
     * How to start them: the address they bind, how long all may take to be Up, options for
     * their JVMs, extra {@code netemu member} arguments (such as --tls ...) and environment
     * variables added to this JVM's (such as the one --password-env names).
     */
    public record Options(String host, Duration timeout, List<String> jvmOptions, List<String> memberArgs,
                          Map<String, String> env) {
        public static Options defaults() {
            List<String> jvm = Runtime.version().feature() >= 24
                    ? List.of("-Xss2m", "--sun-misc-unsafe-memory-access=allow") // Pekko still uses Unsafe; JDK 24+ warns
                    : List.of("-Xss2m");
            return new Options("127.0.0.1", Duration.ofSeconds(90), jvm, List.of(), Map.of());
        }

        public Options withMemberArgs(List<String> args) {
            return new Options(host, timeout, jvmOptions, args, env);
        }

        public Options withEnv(Map<String, String> vars) {
            return new Options(host, timeout, jvmOptions, memberArgs, vars);
        }

        public Options withTimeout(Duration d) {
            return new Options(host, d, jvmOptions, memberArgs, env);
        }
    }

    /** One member process. */
    public record Member(String name, HostPort address, Process process, Path log) {}

    private final Path logDir;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<String> killed = new ArrayList<>();
    private final Thread hook;
    private boolean closed;

    private LocalMembers(Path logDir) {
        this.logDir = logDir;
        this.hook = new Thread(this::stopAll, "netemu-local-members-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static LocalMembers start(int n) throws MemberException {
        return start(n, Options.defaults());
    }

    /** Starts {@code n} members and waits until all are Up; on failure stops them and says which failed and where its log is. */
    public static LocalMembers start(int n, Options o) throws MemberException {
        if (n < 1) {
            throw MemberException.usage("--members " + n + ": expected at least 1");
        }
        LocalMembers lm;
        try {
            lm = new LocalMembers(Files.createTempDirectory("netemu-members-"));
        } catch (IOException e) {
            throw MemberException.failure("cannot create a folder for the members' logs: " + e.getMessage());
        }
        try {
            HostPort seed = null;
            for (int k = 1; k <= n; k++) {
                String name = "member-" + k;
                HostPort at = new HostPort(o.host(), lm.unusedPort(o.host()));
                lm.launch(name, at, seed, o);
                if (seed == null) {
                    seed = at; // member-1 forms the cluster; the others join it (all start at once)
                }
            }
            lm.awaitUp(o.timeout());
            return lm;
        } catch (MemberException | RuntimeException e) {
            lm.stopAll();
            lm.removeHook();
            throw e;
        }
    }

    /** The first member's address: the seed a lab JVM joins ({@code --cluster HOST:PORT}). */
    public HostPort seed() {
        return members.values().iterator().next().address();
    }

    public List<Member> members() {
        return List.copyOf(members.values());
    }

    public Path logDir() {
        return logDir;
    }

    /** Kills member {@code name} the hard way (SIGKILL: no leave, as a crashed machine), for {@code member: NAME, action: kill}. */
    public void kill(String name) {
        Member m = members.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no member " + name + "; the members are " + String.join(", ", members.keySet()));
        }
        m.process().destroyForcibly();
        try {
            m.process().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killed.add(name);
    }

    /** Stops every member (SIGTERM, then SIGKILL after 15 s); deletes the logs if all of them exited 0 (killed ones aside). */
    @Override
    public void close() {
        boolean clean = stopAll();
        removeHook();
        if (clean) {
            deleteLogs();
        }
    }

    private synchronized boolean stopAll() {
        if (closed) {
            return true;
        }
        closed = true;
        members.values().forEach(m -> m.process().destroy());
        long deadline = System.nanoTime() + STOP_BOUND.toNanos();
        boolean clean = true;
        for (Member m : members.values()) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!m.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    m.process().destroyForcibly();
                    m.process().waitFor(5, TimeUnit.SECONDS);
                    clean = false;
                } else if (m.process().exitValue() != 0 && !killed.contains(m.name())) {
                    clean = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                m.process().destroyForcibly();
                clean = false;
            }
        }
        return clean;
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
    }

    private void deleteLogs() {
        try (var files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private int unusedPort(String host) throws MemberException {
        try {
            for (int i = 0; i < 10; i++) {
                int p = Ports.freePort(host);
                if (members.values().stream().noneMatch(m -> m.address().port() == p)) {
                    return p;
                }
            }
        } catch (IOException e) {
            throw MemberException.failure("cannot find a free port on " + host + ": " + e.getMessage());
        }
        throw MemberException.failure("cannot find a free port on " + host);
    }

    private void launch(String name, HostPort at, HostPort seed, Options o) throws MemberException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(o.jvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        cmd.addAll(List.of("member", "--name", name, "--host", at.host(), "--port", Integer.toString(at.port())));
        if (seed != null) {
            cmd.addAll(List.of("--seed", seed.toString()));
        }
        cmd.addAll(o.memberArgs());
        Path log = logDir.resolve(name + ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(o.env());
            Process p = pb.start();
            members.put(name, new Member(name, at, p, log));
        } catch (IOException e) {
            throw MemberException.failure("cannot start " + name + " (" + cmd.get(0) + "): " + e.getMessage());
        }
    }

    /** Waits for every member's "up" line; a member that exits first, or the bound, fails with its log's place. */
    private void awaitUp(Duration timeout) throws MemberException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Member> waiting = new ArrayList<>(members.values());
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Member m = it.next();
                String out = read(m.log());
                Matcher up = UP.matcher(out);
                if (up.find()) {
                    it.remove();
                } else if (!m.process().isAlive()) {
                    throw MemberException.failure(m.name() + " exited with status " + m.process().exitValue()
                            + lastLine(out) + "; its log: " + m.log());
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw MemberException.failure(String.join(", ", waiting.stream().map(Member::name).toList())
                        + " not up within " + MemberSystem.seconds(timeout) + "; the logs are in " + logDir);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MemberException.failure("interrupted while starting the members");
            }
        }
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "" : " (" + last + ")";
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
