package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/**
 * The shared pool: every task exactly once, failures reach the caller and leave the pool usable,
 * nested and concurrent calls complete (running inline when the pool is taken).
 */
class ParallelRunnerTest {

    @Test
    void everyTaskRunsExactlyOnce() {
        for (int threads = 1; threads <= 4; threads++) {
            for (int tasks = 0; tasks <= 9; tasks++) {
                AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(1, tasks));
                ParallelRunner.run(tasks, threads, seen::incrementAndGet);
                for (int t = 0; t < tasks; t++) {
                    assertEquals(1, seen.get(t), "task " + t + " of " + tasks + " on " + threads + " threads");
                }
            }
        }
    }

    @Test
    void aFailureReachesTheCallerAfterAllTasksAndThePoolStaysUsable() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicIntegerArray seen = new AtomicIntegerArray(6);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ParallelRunner.run(6, 2, t -> {
            seen.incrementAndGet(t);
            if (t == 3) {
                throw boom;
            }
        }));
        assertSame(boom, e);
        for (int t = 0; t < 6; t++) {
            assertEquals(1, seen.get(t), "task " + t + " skipped after the failure");
        }
        assertThrows(AssertionError.class, () -> ParallelRunner.run(2, 2, t -> {
            throw new AssertionError("error " + t);
        }));
        AtomicIntegerArray again = new AtomicIntegerArray(4);
        ParallelRunner.run(4, 2, again::incrementAndGet);
        for (int t = 0; t < 4; t++) {
            assertEquals(1, again.get(t));
        }
    }

    @Test
    void nestedCallsRunInline() {
        AtomicIntegerArray seen = new AtomicIntegerArray(16);
        ParallelRunner.run(4, 2, outer -> ParallelRunner.run(4, 2, inner -> seen.incrementAndGet(outer * 4 + inner)));
        for (int i = 0; i < 16; i++) {
            assertEquals(1, seen.get(i), "nested task " + i);
        }
    }

    @Test
    void concurrentCallersAllComplete() throws InterruptedException {
        int callers = 4;
        int calls = 200;
        AtomicIntegerArray seen = new AtomicIntegerArray(callers * calls * 3);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < callers; c++) {
            int caller = c;
            Thread th = new Thread(() -> {
                for (int k = 0; k < calls; k++) {
                    int base = (caller * calls + k) * 3;
                    ParallelRunner.run(3, 2, t -> seen.incrementAndGet(base + t));
                }
            });
            th.setUncaughtExceptionHandler((t, e) -> failures.add(e));
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(60_000);
        }
        assertTrue(failures.isEmpty(), failures.toString());
        for (int i = 0; i < seen.length(); i++) {
            assertEquals(1, seen.get(i), "task " + i);
        }
    }

    @Test
    void primeWithOneThreadOrManyDoesNotDisturbLaterCalls() {
        ParallelRunner.prime(1);
        ParallelRunner.prime(3);
        AtomicIntegerArray seen = new AtomicIntegerArray(5);
        ParallelRunner.run(5, 3, seen::incrementAndGet);
        for (int t = 0; t < 5; t++) {
            assertEquals(1, seen.get(t));
        }
    }
}
