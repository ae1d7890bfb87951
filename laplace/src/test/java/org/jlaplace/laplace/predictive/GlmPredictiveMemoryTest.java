package org.jlaplace.laplace.predictive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The full GLM predictive refuses, before forming anything, posteriors whose matrices cannot be held. */
class GlmPredictiveMemoryTest {
    private static final long GB = 1_000_000_000L;

    @Test
    void anImageSizedNetworkIsRefusedWithTheSizesAndTheAlternatives() {
        // cnn:16-32:128-10 on 8000 MNIST images: P = 206922, N·C = 80000 ≤ P (function space).
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GlmPredictive.checkFits(8000, 10, 206922, true, 3 * GB));
        String msg = e.getMessage();
        assertTrue(msg.contains("P = 206922") && msg.contains("N·C = 80000") && msg.contains("80000×206922")
                && msg.contains("GB") && msg.contains("KRON or DIAGONAL"), msg);
        // In parameter space P² = 4.3·10¹⁰ entries: no Java array holds them, whatever the heap.
        e = assertThrows(IllegalArgumentException.class,
                () -> GlmPredictive.checkFits(8000, 10, 206922, false, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("206922×206922") && e.getMessage().contains("one Java array"),
                e.getMessage());
    }

    @Test
    void theLimitIsTheHeapAndTheFormsCountWhatTheyHold() {
        // Function space: 2·NC·P + (NC)² doubles = 8·(2·1000·2000 + 1000²) bytes = 40 MB.
        assertDoesNotThrow(() -> GlmPredictive.checkFits(100, 10, 2000, true, 40_000_000L));
        assertThrows(IllegalArgumentException.class, () -> GlmPredictive.checkFits(100, 10, 2000, true, 39_999_999L));
        // Parameter space: P² doubles = 32 MB.
        assertDoesNotThrow(() -> GlmPredictive.checkFits(100, 10, 2000, false, 32_000_000L));
        assertThrows(IllegalArgumentException.class, () -> GlmPredictive.checkFits(100, 10, 2000, false, 31_999_999L));
    }
}
