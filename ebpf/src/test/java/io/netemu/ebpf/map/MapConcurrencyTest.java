package io.netemu.ebpf.map;

import static io.netemu.ebpf.map.Keys.lpm;
import static io.netemu.ebpf.map.Keys.u32;
import static io.netemu.ebpf.map.Keys.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Several "NIC actors" running programs on one map at once, as bpf_map_lookup_elem + atomic add. */
class MapConcurrencyTest {
    static final int THREADS = 4, ROUNDS = 50_000, KEYS = 8;

    interface Work {
        void run(int thread, int round);
    }

    static void inParallel(Work w) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    for (int r = 0; r < ROUNDS; r++) w.run(id, r);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            th.start();
            ts.add(th);
        }
        go.countDown();
        for (Thread th : ts) th.join();
        assertTrue(failures.isEmpty(), failures.toString());
    }

    /** Looks the key up, inserting 0 when absent (as counting programs do), then adds 1 atomically. */
    static void count(BpfMap m, byte[] key) {
        ValueRef v = m.lookup(key, 0);
        if (v == null) {
            m.update(key, 0, new byte[m.spec().valueSize()], 0, BpfMap.NOEXIST);
            v = m.lookup(key, 0);
        }
        ValueAtomics.getAndAdd64(v.array(), v.offset() + 8, 1L);
    }

    void exactTotals(BpfMap m, java.util.function.IntFunction<byte[]> keyOf) throws InterruptedException {
        inParallel((t, r) -> count(m, keyOf.apply((t + r) % KEYS)));
        long total = 0;
        for (int k = 0; k < KEYS; k++) {
            ValueRef v = m.lookup(keyOf.apply(k), 0);
            long n = ValueAtomics.load64(v.array(), v.offset() + 8);
            assertEquals((long) THREADS * ROUNDS / KEYS, n, "key " + k);
            total += n;
        }
        assertEquals((long) THREADS * ROUNDS, total);
    }

    @Test
    void hash() throws InterruptedException {
        exactTotals(Maps.create(new MapSpec("c", MapType.HASH, 4, 16, 64, 0)), Keys::u32);
    }

    @Test
    void percpuHash() throws InterruptedException {
        exactTotals(Maps.create(new MapSpec("c", MapType.PERCPU_HASH, 4, 16, 64, 0)), Keys::u32);
    }

    @Test
    void lruHash() throws InterruptedException {
        exactTotals(Maps.create(new MapSpec("c", MapType.LRU_HASH, 4, 16, 64, 0)), Keys::u32);
    }

    @Test
    void array() throws InterruptedException {
        exactTotals(Maps.create(new MapSpec("c", MapType.ARRAY, 4, 16, KEYS, 0)), Keys::u32);
    }

    @Test
    void percpuArray() throws InterruptedException {
        exactTotals(Maps.create(new MapSpec("c", MapType.PERCPU_ARRAY, 4, 20, KEYS, 0)), Keys::u32);
    }

    @Test
    void lpmTrie() throws InterruptedException {
        exactTotals(Maps.create(new MapSpec("c", MapType.LPM_TRIE, 8, 16, 64, MapSpec.F_NO_PREALLOC)),
                k -> lpm(24, 10, 0, k, 0));
    }

    @Test
    void concurrentInsertsNeverOverfillAHash() throws InterruptedException {
        BpfMap m = Maps.create(new MapSpec("c", MapType.HASH, 4, 8, 100, 0));
        AtomicInteger inserted = new AtomicInteger(), full = new AtomicInteger();
        inParallel((t, r) -> {
            if (r >= 1000) return;
            int rc = m.update(u32(t * 1000 + r), 0, u64(1), 0, BpfMap.NOEXIST);
            if (rc == 0) inserted.incrementAndGet();
            else if (rc == -BpfMap.E2BIG) full.incrementAndGet();
        });
        assertEquals(100, inserted.get());
        assertEquals(THREADS * 1000 - 100, full.get());
        assertEquals(100, ((MapIteration) m).keys().size());
    }

    @Test
    void lookupsDuringTrieWritesSeeOldOrNew() throws InterruptedException {
        BpfMap m = Maps.create(new MapSpec("c", MapType.LPM_TRIE, 8, 4, 1024, MapSpec.F_NO_PREALLOC));
        m.update(lpm(8, 10, 0, 0, 0), 0, u32(8), 0, BpfMap.ANY);
        inParallel((t, r) -> {
            if (t == 0) {
                byte[] k = lpm(24, 10, r % 200, 0, 0);
                if ((r / 200) % 2 == 0) m.update(k, 0, u32(24), 0, BpfMap.ANY);
                else m.delete(k, 0);
            } else {
                ValueRef v = m.lookup(lpm(32, 10, r % 200, 0, 1), 0);
                int got = Bytes.u32(v.array(), v.offset());
                if (got != 8 && got != 24) throw new AssertionError("saw " + got);
            }
        });
    }
}
