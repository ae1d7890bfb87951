package org.jlaplace.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The background writer runs writes in order, {@code await} waits for them, failures reach the caller. */
class BackgroundWritesTest {

    @Test
    void writesRunInOrderAndAwaitWaitsForAll() {
        BackgroundWrites w = new BackgroundWrites("test-writes");
        List<Integer> done = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 50; i++) {
            int k = i;
            w.submit(() -> {
                if (k % 7 == 0) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                done.add(k);
            });
        }
        w.await();
        assertEquals(50, done.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, done.get(i));
        }
        w.rethrowFailure();
    }

    @Test
    void theFirstFailureIsThrownOnTheCallersThreadAndLaterWritesStillRun() {
        BackgroundWrites w = new BackgroundWrites("test-writes");
        IllegalStateException first = new IllegalStateException("disk full");
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        w.submit(() -> {
            throw first;
        });
        w.submit(() -> {
            throw new IllegalArgumentException("second");
        });
        w.submit(() -> done.add("after"));
        w.await();
        assertEquals(List.of("after"), done);
        assertSame(first, assertThrows(IllegalStateException.class, w::rethrowFailure));
    }
}
