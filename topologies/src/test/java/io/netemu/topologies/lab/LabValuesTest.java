package io.netemu.topologies.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabValuesTest {

    @ParameterizedTest
    @CsvSource({
            "10us, 10000", "500ms, 500000000", "2s, 2000000000", "1m, 60000000000", "1h, 3600000000000",
            "250ns, 250", "1.5ms, 1500000", "2, 2000000000", "0.5, 500000000", ".5s, 500000000",
            "0s, 0", "10µs, 10000", "' 3ms ', 3000000"})
    void durations(String text, long nanos) {
        assertEquals(nanos, LabValues.parseDurationNanos(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2x", "", "ms", "1 s", "1.2.3s", "1M", "2sec"})
    void badDurationsSayWhatIsExpected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabValues.parseDurationNanos(text));
        assertEquals("invalid duration \"" + text + "\": expected a number and a unit ns, us, ms, s, m or h"
                + " (e.g. 10us, 500ms, 2s, 1m); a bare number is seconds", e.getMessage());
    }

    @Test
    void negativeDurations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabValues.parseDurationNanos("-1s"));
        assertEquals("invalid duration \"-1s\": cannot be negative", e.getMessage());
    }

    @Test
    void hugeDurations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabValues.parseDurationNanos("99999999999999h"));
        assertEquals("invalid duration \"99999999999999h\": too large", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "100mbit, 100000000", "1gbit, 1000000000", "1000000bit, 1000000", "10kbit, 10000",
            "2tbit, 2000000000000", "100Mbit, 100000000", "1GBIT, 1000000000",
            // bytes per second, times 8
            "1bps, 8", "10kbps, 80000", "1MBps, 8000000", "1gbps, 8000000000",
            // IEC prefixes
            "1kibit, 1024", "1mibit, 1048576", "1KiBps, 8192",
            // tc(8) RATES: "bit or a bare number: Bits per second"
            "1000, 1000", "1.5mbit, 1500000", "0, 0"})
    void rates(String text, long bits) {
        assertEquals(bits, LabValues.parseRateBitsPerSec(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "10 furlongs", "mbit", "-1mbit", "1mb"})
    void badRatesSayWhatIsExpected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabValues.parseRateBitsPerSec(text));
        assertEquals("invalid rate \"" + text + "\": expected a number and one of tc's units bit, kbit, mbit, gbit, tbit"
                + " (bits/s) or bps, kbps, mbps, gbps, tbps (bytes/s), e.g. 100mbit; a bare number is bits/s", e.getMessage());
    }

    @Test
    void ratesAsPercentOfDeviceSpeedAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabValues.parseRateBitsPerSec("50%"));
        assertTrue(e.getMessage().startsWith("invalid rate \"50%\": a percentage of the device speed"), e.getMessage());
    }

    @Test
    void ratesBelowOneBitPerSecondAreRefusedRatherThanMeaningUnlimited() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabValues.parseRateBitsPerSec("0.1bit"));
        assertEquals("invalid rate \"0.1bit\": less than 1 bit/s", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0.5%, 0.5", "0.5, 0.5", "100%, 100", "0, 0", "12.25 %, 12.25", ".1%, 0.1"})
    void percentages(String text, double pct) {
        assertEquals(pct, LabValues.parsePercent(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"150%", "-1%", "abc", "%", "100.5"})
    void badPercentages(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabValues.parsePercent(text));
        assertEquals("invalid percentage \"" + text + "\": expected a number from 0 to 100, e.g. 0.5%"
                + " (a bare number is a percentage)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "p1", "br0", "x", "fifteen-chars-x", "eth0.100", "veth_a-b"})
    void validInterfaceNames(String name) {
        assertEquals(name, LabValues.checkInterfaceName(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sixteen-chars-xx| interface name \"sixteen-chars-xx\" is 16 bytes long; Linux allows at most 15 (IFNAMSIZ)",
            "ethé00000000000| interface name \"ethé00000000000\" is 16 bytes long; Linux allows at most 15 (IFNAMSIZ)",
            ".| interface name \".\" is not allowed",
            "..| interface name \"..\" is not allowed",
            "a/b| interface name \"a/b\" contains '/', which Linux does not allow in interface names",
            "a:b| interface name \"a:b\" contains ':', which Linux does not allow in interface names",
            "'a b'| interface name \"a b\" contains white space, which Linux does not allow in interface names"})
    void badInterfaceNames(String name, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabValues.checkInterfaceName(name));
        assertEquals(message, e.getMessage());
    }

    @Test
    void emptyInterfaceName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabValues.checkInterfaceName(""));
        assertEquals("interface name is empty", e.getMessage());
    }
}
