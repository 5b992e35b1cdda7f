package io.netemu.device;

import io.netemu.packet.SkBuff;
import java.util.List;

/** What a device actor tells its namespace: a NAPI batch, a carrier change, its counters. */
public sealed interface DeviceEvent extends NsInbound {
    int ifindex();

    /** One NAPI poll's worth of received frames (at most the poll budget), in arrival order. */
    record RxBatch(int ifindex, List<SkBuff> frames) implements DeviceEvent {}

    /** Carrier came or went (netif_carrier_on/off): the peer went up or down, or the cable was cut. */
    record CarrierChanged(int ifindex, boolean carrier) implements DeviceEvent {}

    /** The reply to {@link NetDevice.GetCounters}. */
    record Counters(int ifindex, DeviceCounters counters) implements DeviceEvent {}
}
