package io.netemu.node.cmd;

import java.util.ArrayList;
import java.util.List;

/** The {@link NetnsOp}s one command run recorded, for the namespace actor to carry out once it returns. */
public final class NetnsOps {
    private final List<NetnsOp> ops = new ArrayList<>(1);

    public void add(NetnsOp op) { ops.add(op); }

    public boolean isEmpty() { return ops.isEmpty(); }

    public List<NetnsOp> list() { return List.copyOf(ops); }
}
