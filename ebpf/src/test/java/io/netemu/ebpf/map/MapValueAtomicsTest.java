package io.netemu.ebpf.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.invoke.VarHandle;
import org.junit.jupiter.api.Test;

class MapValueAtomicsTest {
    @Test
    void byteArrayViewsOfferNoAtomicsOnThisJdk() {
        // why ValueAtomics locks: JDK 22 withdrew atomic access modes from byte[] views
        if (Runtime.version().feature() >= 22)
            assertFalse(Keys.LONGS.isAccessModeSupported(VarHandle.AccessMode.GET_AND_ADD));
    }

    @Test
    void eachOperationReturnsTheOldValue() {
        byte[] a = new byte[16];
        assertEquals(0, ValueAtomics.getAndAdd64(a, 8, 5));
        assertEquals(5, ValueAtomics.getAndOr64(a, 8, 0x30));
        assertEquals(0x35, ValueAtomics.getAndAnd64(a, 8, 0x0f));
        assertEquals(5, ValueAtomics.getAndXor64(a, 8, 1));
        assertEquals(4, ValueAtomics.getAndSet64(a, 8, -1));
        assertEquals(-1, ValueAtomics.compareAndExchange64(a, 8, 0, 7), "no match: unchanged");
        assertEquals(-1, ValueAtomics.compareAndExchange64(a, 8, -1, 7));
        assertEquals(7, ValueAtomics.load64(a, 8));
        assertEquals(7, a[8], "little-endian");
        assertEquals(0, ValueAtomics.getAndAdd32(a, 0, -2));
        assertEquals(-2, ValueAtomics.getAndOr32(a, 0, 1));
        assertEquals(-1, ValueAtomics.getAndAnd32(a, 0, 0xff));
        assertEquals(0xff, ValueAtomics.getAndXor32(a, 0, 0xf0));
        assertEquals(0x0f, ValueAtomics.getAndSet32(a, 0, 3));
        assertEquals(3, ValueAtomics.compareAndExchange32(a, 0, 3, 4));
        assertEquals(4, ValueAtomics.load32(a, 0));
        assertEquals(0, ValueAtomics.load32(a, 4), "neighbour untouched");
    }

    @Test
    void halvesOfOneWordShareALock() throws InterruptedException {
        // 32-bit adds on the low half and 64-bit adds on the whole word must not lose updates
        byte[] a = new byte[8];
        Thread lo = new Thread(() -> { for (int i = 0; i < 100_000; i++) ValueAtomics.getAndAdd32(a, 0, 1); });
        Thread whole = new Thread(() -> { for (int i = 0; i < 100_000; i++) ValueAtomics.getAndAdd64(a, 0, 1L << 32); });
        lo.start();
        whole.start();
        lo.join();
        whole.join();
        assertEquals(100_000L << 32 | 100_000L, ValueAtomics.load64(a, 0));
    }
}
