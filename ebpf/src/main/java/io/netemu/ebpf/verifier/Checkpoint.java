package io.netemu.ebpf.verifier;

/**
 * A state saved at a pruning point. A later path reaching the same instruction with a state the
 * saved one covers is safe once the saved one's exploration finished ({@code branches == 0});
 * while it is still being explored, an equal state means the path went round a loop and came
 * back unchanged.
 */
final class Checkpoint {
    /** Dropped (null) once the checkpoint leaves its instruction's list: only the count is still needed. */
    VerifierState state;
    final Checkpoint parent;
    /** Paths started from here that have not finished yet. */
    int branches = 1;

    Checkpoint(VerifierState state, Checkpoint parent) {
        this.state = state;
        this.parent = parent;
    }
}
