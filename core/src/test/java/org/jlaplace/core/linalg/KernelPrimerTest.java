package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.jlaplace.core.kernels.FloatKernels;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.junit.jupiter.api.Test;

class KernelPrimerTest {

    /** {@code 0.5·0.25·DEPTH = 2} per product entry, over MR rows and every priming width. */
    private static double expectedSum(int mr, int nr) {
        return 0.5 * 0.25 * KernelPrimer.DEPTH * mr * Arrays.stream(KernelPrimer.widths(nr)).sum();
    }

    @Test
    void primingMultipliesEveryKernelWidthCorrectly() {
        VectorKernels simd = KernelProvider.get();
        VectorKernels scalar = KernelProvider.scalar();
        FloatKernels floats = KernelProvider.floats();
        FloatKernels scalarFloats = KernelProvider.scalarFloats();
        assertEquals(expectedSum(simd.gemmMr(), simd.gemmNr()), KernelPrimer.primeDouble(simd, 3), 0.0);
        assertEquals(expectedSum(scalar.gemmMr(), scalar.gemmNr()), KernelPrimer.primeDouble(scalar, 3), 0.0);
        assertEquals(expectedSum(floats.gemmMr(), floats.gemmNr()), KernelPrimer.primeFloat(floats, 3), 0.0);
        assertEquals(expectedSum(scalarFloats.gemmMr(), scalarFloats.gemmNr()),
                KernelPrimer.primeFloat(scalarFloats, 3), 0.0);
        assertEquals(KernelPrimer.primeDouble(2), KernelPrimer.primeDouble(simd, 2), 0.0);
        assertEquals(KernelPrimer.primeFloat(2), KernelPrimer.primeFloat(floats, 2), 0.0);
    }

    @Test
    void widthsSelectThreeTwoAndOneVectorTiles() {
        assertArrayEquals(new int[] {24, 16, 8}, KernelPrimer.widths(24));
        assertArrayEquals(new int[] {48, 32, 16}, KernelPrimer.widths(48));
        assertArrayEquals(new int[] {4}, KernelPrimer.widths(4));
    }

    @Test
    void zeroCallsDoNothingAndNegativeCallsAreRejected() {
        assertEquals(0.0, KernelPrimer.primeDouble(0), 0.0);
        assertEquals(0.0, KernelPrimer.primeFloat(0), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelPrimer.primeDouble(-1));
        assertEquals("KernelPrimer: the number of calls must not be negative, got -1", e.getMessage());
    }
}
