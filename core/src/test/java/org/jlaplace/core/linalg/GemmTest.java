package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** {@link Gemm} against the triple loop, on every transpose combination and edge of the blocking. */
class GemmTest {

    private static final double[] ALPHAS = {1.0, -0.75, 2.5, 0.0};
    private static final double[] BETAS = {0.0, 1.0, -0.5, 3.0};

    /** Runs one random case of the given sizes and checks it against the triple loop. */
    private static void check(VectorKernels kernels, int m, int n, int k, int threads, Random rng) {
        boolean transA = rng.nextBoolean();
        boolean transB = rng.nextBoolean();
        int aOff = rng.nextInt(4);
        int bOff = rng.nextInt(4);
        int cOff = rng.nextInt(4);
        int lda = (transA ? m : k) + rng.nextInt(3);
        int ldb = (transB ? k : n) + rng.nextInt(3);
        int ldc = n + rng.nextInt(3);
        double[] a = GemmOracle.matrix(rng, aOff, lda, transA ? k : m, transA ? m : k);
        double[] b = GemmOracle.matrix(rng, bOff, ldb, transB ? n : k, transB ? k : n);
        double[] c = GemmOracle.matrix(rng, cOff, ldc, m, n);
        double alpha = ALPHAS[rng.nextInt(ALPHAS.length)];
        double beta = BETAS[rng.nextInt(BETAS.length)];
        if (beta == 0.0) {
            // β = 0 ignores the old C, even NaN; the padding between rows keeps its values.
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, Double.NaN);
            }
        }
        double[] before = c.clone();
        Gemm.gemm(kernels, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads);
        String what = String.format("gemm %s transA=%s transB=%s m=%d n=%d k=%d alpha=%s beta=%s threads=%d",
                kernels.name(), transA, transB, m, n, k, alpha, beta, threads);
        GemmOracle.assertGemm(what, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
                before, c, cOff, ldc, false);
    }

    @Test
    void smallOddShapesMatchTheTripleLoop() {
        qt().withExamples(150).withFixedSeed(17).forAll(
                integers().between(1, 70), integers().between(1, 70), integers().between(0, 70), longs().all())
            .checkAssert((m, n, k, seed) -> check(KernelProvider.get(), m, n, k, 1, new Random(seed)));
    }

    @Test
    void oddShapesOnThePackedPathMatchTheTripleLoop() {
        // A depth that pushes the operands past the in-place limit, so that both are packed.
        qt().withExamples(60).withFixedSeed(13).forAll(
                integers().between(1, 70), integers().between(1, 70), integers().between(1, 40), longs().all())
            .checkAssert((m, n, extra, seed) -> check(KernelProvider.get(), m, n,
                    (int) (GemmDriver.DIRECT_LIMIT / (m + n)) + extra, 1, new Random(seed)));
    }

    @Test
    void scalarTwinMatchesTheTripleLoop() {
        qt().withExamples(60).withFixedSeed(19).forAll(
                integers().between(1, 40), integers().between(1, 40), integers().between(0, 40), longs().all())
            .checkAssert((m, n, k, seed) -> check(KernelProvider.scalar(), m, n, k, 2, new Random(seed)));
    }

    @Test
    void shapesCrossingTheCacheBlocksMatchTheTripleLoop() {
        Random rng = new Random(23);
        int kc = GemmDriver.KC;
        int mc = GemmDriver.MC;
        int nc = GemmDriver.NC;
        int[][] shapes = {
            {3, 5, 2 * kc + 7},      // several K slices with a ragged last one
            {mc + 9, 13, 11},        // several row blocks
            {5, nc + 29, 9},         // several column blocks
            {mc + 1, 2 * 24 + 1, kc + 1},
            {2, 2, 3 * kc},
            {16, 8000, 150},         // few row tiles but a B too large to read in place
        };
        for (int[] s : shapes) {
            for (int rep = 0; rep < 2; rep++) {
                check(KernelProvider.get(), s[0], s[1], s[2], 1 + rep, rng);
            }
        }
    }

    @Test
    void resultsAreBitwiseIdenticalForAnyThreadCount() {
        Random rng = new Random(29);
        int[][] shapes = {{97, 301, 257}, {301, 50, 130}, {64, 64, 600}, {5, 700, 300}};
        for (VectorKernels kernels : new VectorKernels[] {KernelProvider.get(), KernelProvider.scalar()}) {
            for (int[] s : shapes) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                double[] a = GemmOracle.matrix(rng, 0, k, m, k);
                double[] b = GemmOracle.matrix(rng, 0, n, k, n);
                double[] c0 = GemmOracle.matrix(rng, 0, n, m, n);
                double[] reference = null;
                for (int threads = 1; threads <= 4; threads++) {
                    double[] c = c0.clone();
                    Gemm.gemm(kernels, false, false, m, n, k, 1.3, a, 0, k, b, 0, n, 0.7, c, 0, n, threads);
                    if (reference == null) {
                        reference = c;
                    } else {
                        assertArrayEquals(reference, c, kernels.name() + " " + Arrays.toString(s) + " threads=" + threads
                                + " differs from one thread");
                    }
                }
            }
        }
    }

    @Test
    void emptyProductsScaleC() {
        Random rng = new Random(31);
        double[] c = GemmOracle.matrix(rng, 0, 4, 3, 4);
        double[] before = c.clone();
        Gemm.gemm(false, false, 3, 4, 0, 1.0, new double[0], 0, 0, new double[0], 0, 4, 2.0, c, 0, 4);
        for (int i = 0; i < 12; i++) {
            assertTrue(c[i] == 2.0 * before[i], "k = 0 must give C = β·C");
        }
        Arrays.fill(c, Double.NaN);
        Gemm.gemm(false, false, 3, 4, 0, 1.0, new double[0], 0, 0, new double[0], 0, 4, 0.0, c, 0, 4);
        for (int i = 0; i < 12; i++) {
            assertTrue(c[i] == 0.0, "k = 0, β = 0 must give zeros over NaN");
        }
    }

    @Test
    void badArgumentsAreRejectedWithMessagesNamingGemm() {
        double[] x = new double[12];
        assertMessage(() -> Gemm.gemm(false, false, -1, 2, 2, 1, x, 0, 2, x, 0, 2, 0, x, 0, 2), "negative size");
        assertMessage(() -> Gemm.gemm(false, false, 3, 4, 2, 1, x, 0, 1, x, 0, 4, 0, x, 0, 4), "leading dimension 1");
        assertMessage(() -> Gemm.gemm(false, false, 3, 4, 5, 1, x, 0, 5, x, 0, 4, 0, x, 0, 4), "needs 15 elements");
        assertMessage(() -> Gemm.gemm(true, false, 3, 2, 2, 1, x, 0, 3, x, 11, 2, 0, x, 0, 2), "B");
        assertMessage(() -> Gemm.gemm(false, false, 2, 2, 2, 1, x, 0, 2, x, 0, 2, 0, null, 0, 2), "null");
        assertMessage(() -> Gemm.gemm(false, false, 2, 2, 2, 1, x, 0, 2, x, 0, 2, 0, x, 0, 2, 0), "thread count");
    }

    private static void assertMessage(Runnable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith("gemm:") && e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void threadsPropertyIsRespected() {
        String old = System.getProperty(Gemm.THREADS_PROPERTY);
        try {
            System.setProperty(Gemm.THREADS_PROPERTY, "3");
            assertTrue(Gemm.threads() == 3);
            System.setProperty(Gemm.THREADS_PROPERTY, "zero");
            assertTrue(Gemm.threads() == Runtime.getRuntime().availableProcessors());
        } finally {
            if (old == null) {
                System.clearProperty(Gemm.THREADS_PROPERTY);
            } else {
                System.setProperty(Gemm.THREADS_PROPERTY, old);
            }
        }
    }
}
