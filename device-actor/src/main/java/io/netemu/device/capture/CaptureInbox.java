package io.netemu.device.capture;

/** What a capture file's actor takes: its taps' frames and the end of the run. */
public sealed interface CaptureInbox permits Captured, CaptureFile.Close {}
