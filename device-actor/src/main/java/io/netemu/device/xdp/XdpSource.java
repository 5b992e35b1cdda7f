package io.netemu.device.xdp;

import io.netemu.device.NsInbound;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a redirected batch came from: the namespace and device whose program redirected it, the
 * rx queue it ran on, and whether that was native XDP. Travels with the frames so that a redirect
 * that fails further on is counted where Linux counts it, on the source's rx queue (xdp_do_redirect
 * fails there, synchronously). {@code ndo}: native XDP sends through the target's ndo_xdp_xmit;
 * generic XDP through generic_xdp_tx, the target's ordinary transmit, which never refuses for
 * want of NAPI on the peer.
 */
public record XdpSource(ActorRef<NsInbound> netns, int ifindex, int queue, boolean ndo) {}
