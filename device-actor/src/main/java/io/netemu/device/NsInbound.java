package io.netemu.device;

/**
 * Marks a message a namespace actor receives. Devices talk up to their namespace with
 * {@link DeviceEvent}s; the namespace actor's own protocol (in node-actor) implements this too,
 * so one {@code ActorRef<NsInbound>} reaches it without adapters on the hot path.
 */
public interface NsInbound {
}
