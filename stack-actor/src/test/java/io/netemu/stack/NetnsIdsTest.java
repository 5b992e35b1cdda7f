package io.netemu.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** peernet2id_alloc's ids: first use allocates the lowest free id; a gone namespace frees its id. */
class NetnsIdsTest {
    @Test
    void lowestFreeIdFirstAndKeptUntilForgotten() {
        NetnsIds ids = new NetnsIds();
        assertEquals(0, ids.alloc("h2"));
        assertEquals(1, ids.alloc("a"));
        assertEquals(2, ids.alloc("b"));
        assertEquals(1, ids.alloc("a"), "allocated once, then kept");
        ids.forget("a");
        assertNull(ids.get("a"));
        ids.forget("h2");
        assertEquals(0, ids.alloc("c"), "the lowest freed id first");
        assertEquals(1, ids.alloc("a"), "a new namespace of an old name gets a fresh id");
        assertEquals(3, ids.alloc("d"));
        assertEquals(2, ids.get("b"));
    }
}
