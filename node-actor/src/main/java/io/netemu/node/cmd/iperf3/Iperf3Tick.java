package io.netemu.node.cmd.iperf3;

/** The timers of an iperf3 process: the next report interval, the end of a timed test, a pacing slot (-b). */
public enum Iperf3Tick { INTERVAL, END, PACE }
