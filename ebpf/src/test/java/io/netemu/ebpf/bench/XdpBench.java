package io.netemu.ebpf.bench;

import io.netemu.ebpf.asm.Assembler;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.vm.LoadedProgram;
import io.netemu.ebpf.vm.ProgramTable;
import io.netemu.ebpf.xdp.XdpAction;
import io.netemu.ebpf.xdp.XdpEnv;
import io.netemu.ebpf.xdp.XdpProgramRunner;
import io.netemu.ebpf.xdp.XdpTestPrograms;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The drop-ICMP XDP program (clang -O2's 19 slots) on 64-byte frames, one runner, one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class XdpBench {
    private XdpProgramRunner runner, exitOnly;
    private final byte[] icmp = XdpTestPrograms.ipv4Frame(1);
    private final byte[] tcp = XdpTestPrograms.ipv4Frame(6);
    private final XdpEnv env = new XdpEnv() {
        @Override public long ktimeNs() { return 0; }
        @Override public int prandomU32() { return 4; }
        @Override public void trace(String line) { }
        @Override public int fibLookup(byte[] params, int offset, int flags) { return 0; }
    };

    @Setup
    public void setup() {
        LoadedProgram p = new LoadedProgram("drop_icmp", Assembler.assemble(XdpTestPrograms.DROP_ICMP), new BpfMap[0], 1);
        runner = new XdpProgramRunner(p, ProgramTable.NONE);
        exitOnly = new XdpProgramRunner(new LoadedProgram("pass", Assembler.assemble("mov %r0, 2\nexit\n"), new BpfMap[0], 2), ProgramTable.NONE);
        if (runner.run(icmp, 0, 64, 1, 0, env).action() != XdpAction.DROP) throw new IllegalStateException("ICMP not dropped");
        if (runner.run(tcp, 0, 64, 1, 0, env).action() != XdpAction.PASS) throw new IllegalStateException("TCP not passed");
    }

    // XdpStage's path: the verdict's code, the rest read from the runner (nothing allocated)
    @Benchmark
    public int icmpDropped() { return runner.runFrame(icmp, 0, 64, 1, 0, env); }

    /** The fixed cost of a run: a two-instruction program that passes the frame. */
    @Benchmark
    public int passOnly() { return exitOnly.runFrame(tcp, 0, 64, 1, 0, env); }

    @Benchmark
    public int tcpPassed() { return runner.runFrame(tcp, 0, 64, 1, 0, env); }
}
