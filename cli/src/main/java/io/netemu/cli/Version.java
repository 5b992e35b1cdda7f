package io.netemu.cli;

import picocli.CommandLine;

/** {@code netemu --version}: the build's version and the JVM it runs on. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "netemu " + (v == null ? "dev" : v),
            "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()
        };
    }
}
