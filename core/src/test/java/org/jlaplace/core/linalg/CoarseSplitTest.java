package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** The runs of {@link CoarseSplit}: every item exactly once, aligned starts, task counts bounded by threads, items and work. */
class CoarseSplitTest {

    @Test
    void runsCoverEveryItemOnceWithAlignedStarts() {
        qt().withExamples(200)
                .forAll(integers().between(0, 3000), integers().between(0, 200_000), integers().between(1, 4))
                .checkAssert((items, flopsPerItem, threads) -> {
                    AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(1, items));
                    CoarseSplit.run(items, flopsPerItem, threads, (from, to) -> {
                        assertTrue(from <= to, "empty or inverted run " + from + ".." + to);
                        assertTrue(from % CoarseSplit.ALIGN == 0 || from == items, "run starts at " + from);
                        for (int i = from; i < to; i++) {
                            seen.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < items; i++) {
                        assertEquals(1, seen.get(i), "item " + i + " of " + items);
                    }
                });
    }

    @Test
    void taskCountsFollowThreadsItemsAndWork() {
        long min = CoarseSplit.MIN_FLOPS_PER_TASK;
        assertEquals(0, CoarseSplit.tasks(0, 1e9, 2));
        assertEquals(1, CoarseSplit.tasks(1000, 1e9, 1), "one thread, one task");
        assertEquals(1, CoarseSplit.tasks(1000, (double) min / 1000, 2), "one task's worth of work");
        assertEquals(2, CoarseSplit.tasks(1000, 2.0 * min / 1000, 2));
        assertEquals(2, CoarseSplit.tasks(1000, 1e9, 2), "at most one task per thread");
        assertEquals(1, CoarseSplit.tasks(2 * CoarseSplit.ALIGN - 1, 1e9, 4), "at most one task per ALIGN items");
        assertEquals(3, CoarseSplit.tasks(3 * CoarseSplit.ALIGN, 1e9, 4));
    }

    @Test
    void bothRunsEachBodyOnceForAnyThreadCount() {
        for (int threads = 1; threads <= 3; threads++) {
            int[] counts = new int[2];
            CoarseSplit.both(threads, () -> counts[0]++, () -> counts[1]++);
            assertEquals(1, counts[0], "first, threads=" + threads);
            assertEquals(1, counts[1], "second, threads=" + threads);
        }
    }
}
