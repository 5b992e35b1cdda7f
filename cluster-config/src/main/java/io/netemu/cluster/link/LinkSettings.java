package io.netemu.cluster.link;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the member links batch ({@code netemu.cluster.links} in netemu-cluster.conf; these
 * defaults when a system was configured without it).
 *
 * @param window          batches in flight (sent, not acknowledged) per destination member
 * @param maxBatchEntries entries in one batch at most
 * @param maxBatchBytes   bytes of one batch at most: below Artery's maximum-frame-size, which drops a larger message
 * @param maxPendingBytes bytes waiting for one destination at most; frames beyond are dropped and counted (overflow)
 * @param ackTimeout      how long a full window waits for an ack before it counts its batches as gone
 */
record LinkSettings(int window, int maxBatchEntries, long maxBatchBytes, long maxPendingBytes, Duration ackTimeout) {
    static final String PATH = "netemu.cluster.links";
    static final String FRAME_SIZE = "pekko.remote.artery.advanced.maximum-frame-size";
    /** Room in an Artery frame for the envelope (addresses, manifest) around the batch. */
    static final long ENVELOPE_MARGIN = 16 * 1024;

    static final LinkSettings DEFAULTS = new LinkSettings(2, 4096, 240 * 1024, 8L * 1024 * 1024, Duration.ofSeconds(3));

    static LinkSettings from(Config c) {
        LinkSettings d = DEFAULTS;
        int window = c.hasPath(PATH + ".window") ? c.getInt(PATH + ".window") : d.window();
        int entries = c.hasPath(PATH + ".max-batch-entries") ? c.getInt(PATH + ".max-batch-entries") : d.maxBatchEntries();
        long bytes = c.hasPath(PATH + ".max-batch-bytes") ? c.getBytes(PATH + ".max-batch-bytes") : d.maxBatchBytes();
        long pending = c.hasPath(PATH + ".max-pending-bytes") ? c.getBytes(PATH + ".max-pending-bytes") : d.maxPendingBytes();
        Duration ack = c.hasPath(PATH + ".ack-timeout") ? c.getDuration(PATH + ".ack-timeout") : d.ackTimeout();
        if (c.hasPath(FRAME_SIZE)) {
            // a batch Artery cannot carry would be dropped whole (logged, never delivered)
            bytes = Math.min(bytes, c.getBytes(FRAME_SIZE) - ENVELOPE_MARGIN);
        }
        if (window < 1 || entries < 1 || bytes < 1024 || pending < bytes) {
            throw new IllegalArgumentException(PATH + ": need window >= 1, max-batch-entries >= 1, max-batch-bytes >= 1 KiB"
                    + " (and below " + FRAME_SIZE + " less 16 KiB), max-pending-bytes >= max-batch-bytes");
        }
        return new LinkSettings(window, entries, bytes, pending, ack);
    }
}
