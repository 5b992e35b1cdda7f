package io.netemu.ebpf.verifier;

import io.netemu.ebpf.map.MapSpec;
import java.util.List;

/** What every rule needs besides the path's state: the program, its maps, its type, a fresh id. */
final class Env {
    final long[] insns;
    final List<MapSpec> maps;
    final ProgramType type;
    final Cfg cfg;
    private int idGen;

    Env(long[] insns, List<MapSpec> maps, ProgramType type, Cfg cfg) {
        this.insns = insns;
        this.maps = maps;
        this.type = type;
        this.cfg = cfg;
    }

    int newId() { return ++idGen; }

    static VerifierError fail(String reason) { return new VerifierError(reason); }

    /** A register about to be read must have been written (the "!read_ok" rule). */
    static RegState readable(VerifierState st, int regno) {
        RegState r = st.reg(regno);
        if (r.type == RegType.NOT_INIT) throw fail("R" + regno + " !read_ok");
        return r;
    }
}
