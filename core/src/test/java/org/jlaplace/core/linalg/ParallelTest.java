package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The range splitting of {@link Parallel}: every item exactly once, task counts bounded by threads, items and work. */
class ParallelTest {

    @Test
    void everyItemIsVisitedOnceInContiguousRanges() {
        qt().withExamples(200).forAll(integers().between(0, 5000), integers().between(1, 4000),
                integers().between(1, 5)).checkAssert((items, work, threads) -> {
                    AtomicIntegerArray seen = new AtomicIntegerArray(items);
                    Parallel.forRange(items, work, threads, (from, to) -> {
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
        assertEquals(0, Parallel.tasks(0, 1000, 4));
        assertEquals(1, Parallel.tasks(100, 10, 4), "little work stays on one thread");
        assertEquals(2, Parallel.tasks(100, Parallel.MIN_WORK_PER_TASK, 2));
        assertEquals(3, Parallel.tasks(3, 10 * Parallel.MIN_WORK_PER_TASK, 8), "no more tasks than items");
        assertEquals(2, Parallel.tasks(1000, Parallel.MIN_WORK_PER_TASK * 2 / 1000 + 1, 8), "one task per MIN_WORK");
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(4, 1, 0, (a, b) -> { }));
    }
}
