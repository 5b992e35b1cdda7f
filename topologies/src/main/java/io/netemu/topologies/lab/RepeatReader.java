package io.netemu.topologies.lab;

/**
 * Reads a step's {@code every:} and {@code until:} (issue 6: flapping and repeated faults). The
 * step repeats from {@code at} every {@code every} while the offset is below {@code until}. Both
 * keys go together: {@code every} alone would never end and {@code until} alone says nothing; a
 * link that flaps is two link steps with the same {@code every}, one down and one up at offset
 * phases, so every step keeps the format's one meaning of {@code state}.
 */
final class RepeatReader {
    private RepeatReader() {}

    /**
     * The step's repetition, or null when it runs once or its keys are wrong (then reported at
     * their positions). {@code atKnown} is false when {@code at} itself was wrong, so that
     * {@code until} is not compared with it.
     */
    static Repeat read(Diagnostics diag, YamlMap map, long at, boolean atKnown) {
        boolean hasEvery = map.get("every") != null;
        boolean hasUntil = map.get("until") != null;
        if (!hasEvery && !hasUntil) {
            return null;
        }
        Long every = hasEvery ? map.duration("every") : null;
        Long until = hasUntil ? map.duration("until") : null;
        if (!hasUntil) {
            diag.error(map.keyNode("every"), "scenario step: \"every\" needs \"until\", the offset from the end of boot"
                    + " at which the repetitions stop, e.g. every: 2s, until: 20s");
            return null;
        }
        if (!hasEvery) {
            diag.error(map.keyNode("until"), "scenario step: \"until\" needs \"every\", the interval at which the step"
                    + " repeats, e.g. every: 2s, until: 20s");
            return null;
        }
        boolean ok = every != null && until != null;
        if (every != null && every == 0) {
            diag.error(map.get("every"), "every \"" + YamlMap.text(map.get("every")) + "\": expected a duration above 0");
            ok = false;
        }
        if (until != null && atKnown && until <= at) {
            diag.error(map.get("until"), "until \"" + YamlMap.text(map.get("until")) + "\": expected an offset after at ("
                    + seconds(at) + "), where the repetitions start");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        Repeat r = new Repeat(every, until, 0);
        if (atKnown && r.count(at) > Repeat.MAX_REPETITIONS) {
            diag.error(map.get("every"), "every \"" + YamlMap.text(map.get("every")) + "\": the step would run "
                    + r.count(at) + " times before until; at most " + Repeat.MAX_REPETITIONS + " repetitions per step");
            return null;
        }
        return r;
    }

    /** An offset as the file would write it: {@code 2s}, {@code 2.5s}, {@code 0.001s}. */
    private static String seconds(long nanos) {
        return new java.math.BigDecimal(nanos).movePointLeft(9).stripTrailingZeros().toPlainString() + "s";
    }
}
