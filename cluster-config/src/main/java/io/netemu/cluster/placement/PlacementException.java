package io.netemu.cluster.placement;

/** A lab that cannot be placed on the cluster as asked; the message names the node and the fix. */
public final class PlacementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlacementException(String message) {
        super(message);
    }
}
