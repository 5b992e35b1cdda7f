package io.netemu.node.cmd.ethtool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ethtool's parse_u32, as ethtool 6.1 accepted or refused each word for -L (checked on this machine). */
class NlParamsTest {
    @Test
    void decimalUnlessHexPrefixed() {
        assertEquals(10, NlParams.u32("010"));          // decimal, not octal: "exceeds maximum" for a max of 2
        assertEquals(8, NlParams.u32("08"));
        assertEquals(1, NlParams.u32("0x1"));
        assertEquals(1, NlParams.u32("0X1"));
        assertEquals(1, NlParams.u32("0x+1"));          // strtoul(.., 16) after the prefix
        assertEquals(1, NlParams.u32("0x 1"));
        assertEquals(0xffffffffL, NlParams.u32("0xffffffff"));
        assertEquals(1, NlParams.u32(" 1"));
        assertEquals(1, NlParams.u32("+1"));
        assertEquals(0, NlParams.u32("-0"));
    }

    @Test
    void invalidWords() {
        for (String w : new String[] {"", "x", "-1", "0x", " 0x1", "1.0", "4294967296", "0x100000000", "1 "}) {
            assertEquals(-1, NlParams.u32(w), w);
        }
    }
}
