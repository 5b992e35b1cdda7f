package io.netemu.device.capture;

import io.netemu.packet.SkBuff;
import java.util.List;

/**
 * What a device's tap hands a capture: one batch of frames that went through the device the
 * same way at the same moment ({@code nanos} on the run's clock). The frames are the device's
 * own: SkBuffs are immutable views and nobody writes a frame once sent, so no copy is taken
 * (where Linux clones the skb for each packet socket).
 */
public record Captured(int ifindex, Direction dir, long nanos, List<SkBuff> frames) implements CaptureInbox {
    public Captured {
        frames = List.copyOf(frames);
    }
}
