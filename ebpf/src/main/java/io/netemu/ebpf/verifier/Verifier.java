package io.netemu.ebpf.verifier;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import io.netemu.ebpf.map.MapSpec;
import java.util.List;

/**
 * The load-time verifier: decides, before a program ever runs, that every path through it
 * terminates, reads only what it wrote, touches memory only within bounds, calls helpers with
 * the right arguments and returns a verdict the hook understands. It works on the "loaded"
 * form: maps named by index in {@code ld_imm64} (src 1 or 2), subprograms appended after the
 * entry program.
 */
public final class Verifier {
    private Verifier() {}

    /** Lines of the failing path kept in the log; a path of a million instructions is cut. */
    private static final int LOG_PATH_LINES = 400;

    public static VerifierResult verify(long[] insns, List<MapSpec> maps, ProgramType type) throws VerifierException {
        if (insns.length == 0) throw new VerifierException("last insn is not an exit or jmp\n");
        for (int i = 0; i < insns.length; i++) {
            String bad = InsnCheck.check(insns, i, maps);
            if (bad != null) throw new VerifierException(i + ": " + Disasm.insn(insns, i) + "\n" + bad + "\n");
            if (Insn.opcode(insns[i]) == Opcodes.LDDW) i++;
        }
        Cfg cfg;
        try {
            cfg = Cfg.build(insns);
        } catch (VerifierError e) {
            throw new VerifierException(e.getMessage() + "\n");
        }
        Walker walker = new Walker(new Env(insns, maps, type, cfg));
        try {
            walker.run();
        } catch (VerifierError e) {
            throw new VerifierException(render(insns, walker.cur) + e.getMessage() + "\n");
        }
        String log = "processed " + walker.processed + " insns (limit " + Walker.COMPLEXITY_LIMIT_INSNS
                + ") max_states_per_insn " + walker.maxStatesPerInsn + " total_states " + walker.totalStates + "\n";
        return new VerifierResult(walker.processed, log);
    }

    /** The failing path's instructions, numbered as the kernel prints them. */
    private static String render(long[] insns, VerifierState st) {
        StringBuilder b = new StringBuilder();
        if (st == null) return "";
        var lines = PathLog.tail(st.log, LOG_PATH_LINES);
        if (!lines.isEmpty() && lines.peekFirst().prev() != null) b.append("...\n");
        for (PathLog p : lines) {
            if (p.insnIdx() >= 0) b.append(p.insnIdx()).append(": ").append(Disasm.insn(insns, p.insnIdx())).append('\n');
            else b.append(p.note()).append('\n');
        }
        // The instruction being checked is not in the path yet when it fails.
        if (st.insnIdx >= 0 && st.insnIdx < insns.length && (st.log == null || st.log.insnIdx() != st.insnIdx))
            b.append(st.insnIdx).append(": ").append(Disasm.insn(insns, st.insnIdx)).append('\n');
        return b.toString();
    }
}
