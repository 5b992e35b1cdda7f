package io.netemu.topologies.lab;

/**
 * A repeating step ({@code every:} and {@code until:}, issue 6 "Flapping and repeated faults"):
 * the step runs at {@code at}, {@code at + every}, {@code at + 2 every}, ... while the offset is
 * below {@code until}. On the file's step {@code index} is 0; the runner makes one copy of the
 * step per repetition ({@link StepSpec#repetition}), whose {@code at} is that repetition's offset
 * and whose {@code index} counts from 0, so each repetition is a result of its own.
 */
public record Repeat(long everyNanos, long untilNanos, int index) {

    /** The most repetitions one step may have: a run is finite and its report readable. */
    public static final int MAX_REPETITIONS = 10_000;

    public Repeat {
        if (everyNanos <= 0) {
            throw new IllegalArgumentException("every must be above 0, not " + everyNanos + " ns");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be 0 or more, not " + index);
        }
    }

    /** How many times a step at {@code atNanos} runs: the offsets below {@code until}. */
    public long count(long atNanos) {
        return untilNanos <= atNanos ? 0 : (untilNanos - atNanos + everyNanos - 1) / everyNanos;
    }
}
