package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.junit.jupiter.api.Test;

/** {@link Syrk} against the triple loop and against {@link Gemm}; the upper triangle stays untouched. */
class SyrkTest {

    private static void check(VectorKernels kernels, int n, int k, int threads, Random rng) {
        boolean transA = rng.nextBoolean();
        int aOff = rng.nextInt(4);
        int cOff = rng.nextInt(4);
        int lda = (transA ? n : k) + rng.nextInt(3);
        int ldc = n + rng.nextInt(3);
        double[] a = GemmOracle.matrix(rng, aOff, lda, transA ? k : n, transA ? n : k);
        double[] c = GemmOracle.matrix(rng, cOff, ldc, n, n);
        double alpha = rng.nextBoolean() ? 1.0 : -0.5;
        double beta = new double[] {0.0, 1.0, 0.25}[rng.nextInt(3)];
        if (beta == 0.0) {
            for (int i = 0; i < n; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + i + 1, Double.NaN);
            }
        }
        double[] before = c.clone();
        Syrk.syrk(kernels, transA, n, k, alpha, a, aOff, lda, beta, c, cOff, ldc, threads);
        String what = String.format("syrk %s transA=%s n=%d k=%d alpha=%s beta=%s threads=%d",
                kernels.name(), transA, n, k, alpha, beta, threads);
        // op(A)·op(A)ᵀ is the GEMM with op(B) = op(A)ᵀ: the same array read with the other transpose flag.
        GemmOracle.assertGemm(what, transA, !transA, n, n, k, alpha, a, aOff, lda, a, aOff, lda, beta,
                before, c, cOff, ldc, true);
    }

    @Test
    void smallShapesMatchTheTripleLoopOnTheLowerTriangle() {
        qt().withExamples(200).withFixedSeed(37).forAll(
                integers().between(1, 70), integers().between(0, 70), integers().between(1, 3), longs().all())
            .checkAssert((n, k, threads, seed) -> check(KernelProvider.get(), n, k, threads, new Random(seed)));
    }

    @Test
    void scalarTwinMatchesTheTripleLoop() {
        qt().withExamples(40).withFixedSeed(41).forAll(
                integers().between(1, 40), integers().between(0, 40), integers().between(1, 2), longs().all())
            .checkAssert((n, k, threads, seed) -> check(KernelProvider.scalar(), n, k, threads, new Random(seed)));
    }

    @Test
    void shapesCrossingTheCacheBlocksMatchTheTripleLoop() {
        Random rng = new Random(43);
        check(KernelProvider.get(), GemmDriver.MC + 37, GemmDriver.KC + 5, 2, rng);
        check(KernelProvider.get(), 9, 2 * GemmDriver.KC + 3, 1, rng);
        // Past the in-place limit: packed panels on both sides.
        check(KernelProvider.get(), 53, (int) (GemmDriver.DIRECT_LIMIT / 106) + 3, 2, rng);
    }

    @Test
    void lowerTriangleEqualsGemmAndSymmetrizesToIt() {
        Random rng = new Random(47);
        int n = 131;
        int k = 77;
        double[] a = GemmOracle.matrix(rng, 0, k, n, k);
        double[] viaGemm = new double[n * n];
        Gemm.gemm(false, true, n, n, k, 1.0, a, 0, k, a, 0, k, 0.0, viaGemm, 0, n, 1);
        double[] viaSyrk = new double[n * n];
        Syrk.syrk(false, n, k, 1.0, a, 0, k, 0.0, viaSyrk, 0, n, 1);
        Syrk.symmetrizeLower(viaSyrk, 0, n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                // Same packing, same micro-kernel, same summation order: the lower triangles agree exactly.
                assertEquals(viaGemm[i * n + j], viaSyrk[i * n + j], "lower (" + i + ", " + j + ")");
                assertEquals(viaSyrk[i * n + j], viaSyrk[j * n + i], "symmetrized (" + j + ", " + i + ")");
            }
        }
    }

    @Test
    void resultsAreBitwiseIdenticalForAnyThreadCount() {
        Random rng = new Random(53);
        int n = 203;
        int k = 301;
        double[] a = GemmOracle.matrix(rng, 0, n, k, n);
        double[] c0 = GemmOracle.matrix(rng, 0, n, n, n);
        double[] reference = null;
        for (int threads = 1; threads <= 4; threads++) {
            double[] c = c0.clone();
            Syrk.syrk(true, n, k, 0.9, a, 0, n, 0.5, c, 0, n, threads);
            if (reference == null) {
                reference = c;
            } else {
                assertArrayEquals(reference, c, "threads=" + threads + " differs from one thread");
            }
        }
    }

    @Test
    void bandsCoverAllRowsInOrder() {
        for (int tasks = 1; tasks <= 5; tasks++) {
            for (int n : new int[] {1, 7, 8, 100, 2500}) {
                int previous = Syrk.bandStart(0, tasks, n, 8);
                assertEquals(0, previous);
                for (int t = 1; t <= tasks; t++) {
                    int start = Syrk.bandStart(t, tasks, n, 8);
                    assertTrue(start >= previous && start <= n, "band " + t + " of " + tasks + " for n=" + n);
                    previous = start;
                }
                assertEquals(n, previous);
            }
        }
    }

    @Test
    void symmetrizeLowerMirrorsTheStrictLowerTriangle() {
        Random rng = new Random(59);
        for (int n : new int[] {0, 1, 2, 63, 64, 65, 150}) {
            int ldc = n + 2;
            double[] c = GemmOracle.matrix(rng, 1, ldc, n, n);
            double[] before = c.clone();
            Syrk.symmetrizeLower(c, 1, ldc, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = j <= i ? before[1 + i * ldc + j] : before[1 + j * ldc + i];
                    assertEquals(expected, c[1 + i * ldc + j], "n=" + n + " (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void badArgumentsAreRejectedWithMessagesNamingSyrk() {
        double[] x = new double[12];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Syrk.syrk(false, 4, 3, 1, x, 0, 3, 0, x, 0, 4));
        assertTrue(e.getMessage().startsWith("syrk:") && e.getMessage().contains("needs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Syrk.syrk(false, -2, 3, 1, x, 0, 3, 0, x, 0, 4));
        assertTrue(e.getMessage().startsWith("syrk:") && e.getMessage().contains("negative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Syrk.symmetrizeLower(x, 0, 2, 3));
        assertTrue(e.getMessage().startsWith("symmetrizeLower:"), e.getMessage());
    }
}
