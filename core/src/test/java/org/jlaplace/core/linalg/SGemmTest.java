package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.jlaplace.core.kernels.FloatKernels;
import org.jlaplace.core.kernels.KernelProvider;
import org.junit.jupiter.api.Test;

/**
 * {@link SGemm} against the product computed in double from the same float operands, on every
 * transpose combination, offset, leading dimension and edge of the blocking; and bitwise
 * independence of the thread count. Each entry must lie within {@code 2(k+2)·ε_f} of the sum of
 * the magnitudes of its terms ({@code ε_f = 2⁻²³}), the worst-case bound of a float dot product;
 * the whole result must also lie within {@code 10⁻⁵·√k} relative (Frobenius) error.
 */
class SGemmTest {

    private static final double EPS_F = Math.ulp(1.0f);
    private static final float[] ALPHAS = {1.0f, -0.75f, 2.5f, 0.0f};
    private static final float[] BETAS = {0.0f, 1.0f, -0.5f, 3.0f};

    /** A row-major {@code rows×cols} float matrix at {@code off} with leading dimension {@code ld}, padded with noise. */
    static float[] matrix(Random rng, int off, int ld, int rows, int cols) {
        float[] x = new float[off + Math.max(0, rows - 1) * ld + cols + rng.nextInt(3)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    /** Runs one random case of the given sizes and checks it against the double-precision product. */
    static void check(FloatKernels kernels, int m, int n, int k, int threads, Random rng) {
        boolean transA = rng.nextBoolean();
        boolean transB = rng.nextBoolean();
        int aOff = rng.nextInt(4);
        int bOff = rng.nextInt(4);
        int cOff = rng.nextInt(4);
        int lda = (transA ? m : k) + rng.nextInt(3);
        int ldb = (transB ? k : n) + rng.nextInt(3);
        int ldc = n + rng.nextInt(3);
        float[] a = matrix(rng, aOff, lda, transA ? k : m, transA ? m : k);
        float[] b = matrix(rng, bOff, ldb, transB ? n : k, transB ? k : n);
        float[] c = matrix(rng, cOff, ldc, m, n);
        float alpha = ALPHAS[rng.nextInt(ALPHAS.length)];
        float beta = BETAS[rng.nextInt(BETAS.length)];
        if (beta == 0.0f) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, Float.NaN);
            }
        }
        float[] before = c.clone();
        SGemm.gemm(kernels, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads);
        String what = String.format("sgemm %s transA=%s transB=%s m=%d n=%d k=%d alpha=%s beta=%s threads=%d",
                kernels.name(), transA, transB, m, n, k, alpha, beta, threads);
        assertSgemm(what, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, before, c, cOff, ldc);
    }

    /**
     * Asserts that {@code actual} holds {@code α·op(A)·op(B) + β·before} on the {@code m×n} block, within
     * float rounding of the double-precision product, and {@code before} everywhere else.
     */
    static void assertSgemm(String what, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
                            float[] before, float[] actual, int cOff, int ldc) {
        boolean[] inside = new boolean[actual.length];
        double errorSquares = 0.0;
        double referenceSquares = 0.0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = cOff + i * ldc + j;
                inside[at] = true;
                double acc = 0.0;
                double magnitude = 0.0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc += av * bv;
                    magnitude += Math.abs(av * bv);
                }
                double expected = beta == 0.0f ? alpha * acc : alpha * acc + (double) beta * before[at];
                double scale = Math.abs(alpha) * magnitude + (beta == 0.0f ? 0.0 : Math.abs((double) beta * before[at]));
                double error = Math.abs(expected - actual[at]);
                assertTrue(error <= 2 * (k + 2) * EPS_F * scale, what + ": C(" + i + ", " + j + ") = " + actual[at]
                        + " but the double product gives " + expected);
                errorSquares += error * error;
                referenceSquares += expected * expected;
            }
        }
        assertTrue(Math.sqrt(errorSquares) <= 1e-5 * Math.sqrt(Math.max(1, k)) * Math.sqrt(referenceSquares),
                what + ": relative error " + Math.sqrt(errorSquares / referenceSquares));
        for (int at = 0; at < actual.length; at++) {
            if (!inside[at]) {
                assertTrue(Float.compare(before[at], actual[at]) == 0, what + ": element " + at + " outside the result changed");
            }
        }
    }

    @Test
    void smallOddShapesMatchTheDoubleProduct() {
        qt().withExamples(150).withFixedSeed(17).forAll(
                integers().between(0, 70), integers().between(0, 70), integers().between(0, 70), longs().all())
            .checkAssert((m, n, k, seed) -> check(KernelProvider.floats(), m, n, k, 1, new Random(seed)));
    }

    @Test
    void oddShapesOnThePackedPathMatchTheDoubleProduct() {
        // A depth that pushes the operands past the in-place limit, so that both are packed.
        qt().withExamples(40).withFixedSeed(13).forAll(
                integers().between(1, 70), integers().between(1, 70), integers().between(1, 40), longs().all())
            .checkAssert((m, n, extra, seed) -> check(KernelProvider.floats(), m, n,
                    (int) (SGemmDriver.DIRECT_LIMIT / (m + n)) + extra, 1, new Random(seed)));
    }

    @Test
    void scalarTwinMatchesTheDoubleProduct() {
        qt().withExamples(60).withFixedSeed(19).forAll(
                integers().between(0, 40), integers().between(0, 40), integers().between(0, 40), longs().all())
            .checkAssert((m, n, k, seed) -> check(KernelProvider.scalarFloats(), m, n, k, 2, new Random(seed)));
    }

    @Test
    void edgeSizesAroundTheMicroTileMatchTheDoubleProduct() {
        Random rng = new Random(37);
        for (FloatKernels kernels : new FloatKernels[] {KernelProvider.floats(), KernelProvider.scalarFloats()}) {
            int mr = kernels.gemmMr();
            int nr = kernels.gemmNr();
            int[] ms = {1, mr - 1, mr, mr + 1, 2 * mr + 3};
            int[] ns = {1, nr - 1, nr, nr + 1, 2 * nr + 5};
            for (int m : ms) {
                for (int n : ns) {
                    for (int k : new int[] {1, 2, 17}) {
                        check(kernels, Math.max(1, m), Math.max(1, n), k, 1 + rng.nextInt(3), rng);
                    }
                }
            }
        }
    }

    @Test
    void shapesCrossingTheCacheBlocksMatchTheDoubleProduct() {
        Random rng = new Random(23);
        int kc = SGemmDriver.KC;
        int mc = SGemmDriver.MC;
        int nc = SGemmDriver.NC;
        int[][] shapes = {
            {3, 5, 2 * kc + 7},
            {mc + 9, 13, 11},
            {5, nc + 29, 9},
            {mc + 1, 2 * 48 + 1, kc + 1},
            {2, 2, 3 * kc},
            {16, 16000, 150},        // few row tiles but a B too large to read in place
        };
        for (int[] s : shapes) {
            for (int rep = 0; rep < 2; rep++) {
                check(KernelProvider.floats(), s[0], s[1], s[2], 1 + rep, rng);
            }
        }
    }

    @Test
    void resultsAreBitwiseIdenticalForAnyThreadCount() {
        Random rng = new Random(29);
        int[][] shapes = {{97, 301, 257}, {301, 50, 130}, {64, 64, 600}, {5, 700, 300}, {16, 6000, 144}};
        for (FloatKernels kernels : new FloatKernels[] {KernelProvider.floats(), KernelProvider.scalarFloats()}) {
            for (int[] s : shapes) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                for (boolean transA : new boolean[] {false, true}) {
                    for (boolean transB : new boolean[] {false, true}) {
                        float[] a = matrix(rng, 0, transA ? m : k, transA ? k : m, transA ? m : k);
                        float[] b = matrix(rng, 0, transB ? k : n, transB ? n : k, transB ? k : n);
                        float[] c0 = matrix(rng, 0, n, m, n);
                        float[] reference = null;
                        for (int threads = 1; threads <= 3; threads++) {
                            float[] c = c0.clone();
                            SGemm.gemm(kernels, transA, transB, m, n, k, 1.3f, a, 0, transA ? m : k, b, 0,
                                    transB ? k : n, 0.7f, c, 0, n, threads);
                            if (reference == null) {
                                reference = c;
                            } else {
                                assertArrayEquals(reference, c, kernels.name() + " " + Arrays.toString(s) + " transA="
                                        + transA + " transB=" + transB + " threads=" + threads + " differs from one thread");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void simdKernelsAgreeWithTheScalarTwinWithinFloatRounding() {
        FloatKernels fast = KernelProvider.floats();
        FloatKernels twin = KernelProvider.scalarFloats();
        qt().withExamples(40).withFixedSeed(43).forAll(
                integers().between(1, 120), integers().between(1, 120), integers().between(1, 400), longs().all())
            .checkAssert((m, n, k, seed) -> {
                Random rng = new Random(seed);
                boolean transA = rng.nextBoolean();
                boolean transB = rng.nextBoolean();
                float[] a = matrix(rng, 0, transA ? m : k, transA ? k : m, transA ? m : k);
                float[] b = matrix(rng, 0, transB ? k : n, transB ? n : k, transB ? k : n);
                float[] c1 = new float[m * n];
                float[] c2 = new float[m * n];
                SGemm.gemm(fast, transA, transB, m, n, k, 1.0f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0.0f, c1, 0, n, 2);
                SGemm.gemm(twin, transA, transB, m, n, k, 1.0f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0.0f, c2, 0, n, 1);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double magnitude = 0.0;
                        for (int p = 0; p < k; p++) {
                            double av = transA ? a[p * m + i] : a[i * k + p];
                            double bv = transB ? b[j * k + p] : b[p * n + j];
                            magnitude += Math.abs(av * bv);
                        }
                        float x = c1[i * n + j];
                        float y = c2[i * n + j];
                        assertTrue(Math.abs(x - y) <= 4 * (k + 2) * EPS_F * magnitude, fast.name() + " vs " + twin.name()
                                + " m=" + m + " n=" + n + " k=" + k + " at (" + i + ", " + j + "): " + x + " vs " + y);
                    }
                }
            });
    }

    @Test
    void agreesWithDgemmOnFloatRepresentableData() {
        Random rng = new Random(41);
        int m = 37;
        int n = 53;
        int k = 300;
        float[] a = matrix(rng, 0, k, m, k);
        float[] b = matrix(rng, 0, n, k, n);
        float[] c = new float[m * n];
        SGemm.gemm(false, false, m, n, k, 1.0f, a, 0, k, b, 0, n, 0.0f, c, 0, n, 2);
        double[] ad = toDouble(a);
        double[] bd = toDouble(b);
        double[] cd = new double[m * n];
        Gemm.gemm(false, false, m, n, k, 1.0, ad, 0, k, bd, 0, n, 0.0, cd, 0, n, 2);
        double err = 0.0;
        double ref = 0.0;
        for (int i = 0; i < cd.length; i++) {
            err += (cd[i] - c[i]) * (cd[i] - c[i]);
            ref += cd[i] * cd[i];
        }
        assertTrue(Math.sqrt(err / ref) <= 1e-5 * Math.sqrt(k), "relative error " + Math.sqrt(err / ref));
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void emptyProductsScaleC() {
        float[] c = {1, 2, 3, 4, 5, 6};
        SGemm.gemm(false, false, 2, 3, 0, 1.0f, new float[0], 0, 0, new float[0], 0, 3, 2.0f, c, 0, 3);
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, c);
        Arrays.fill(c, Float.NaN);
        SGemm.gemm(false, false, 2, 3, 0, 1.0f, new float[0], 0, 0, new float[0], 0, 3, 0.0f, c, 0, 3);
        assertArrayEquals(new float[6], c, "k = 0, β = 0 must give zeros over NaN");
        Arrays.fill(c, Float.NaN);
        float[] ones = {1, 1, 1, 1, 1, 1};
        SGemm.gemm(false, false, 2, 3, 1, 0.0f, ones, 0, 1, ones, 0, 3, 0.0f, c, 0, 3);
        assertArrayEquals(new float[6], c, "α = 0, β = 0 must give zeros over NaN");
    }

    @Test
    void badArgumentsAreRejectedWithMessagesNamingSgemm() {
        float[] x = new float[12];
        assertMessage(() -> SGemm.gemm(false, false, -1, 2, 2, 1, x, 0, 2, x, 0, 2, 0, x, 0, 2), "negative size");
        assertMessage(() -> SGemm.gemm(false, false, 3, 4, 2, 1, x, 0, 1, x, 0, 4, 0, x, 0, 4), "leading dimension 1");
        assertMessage(() -> SGemm.gemm(false, false, 3, 4, 5, 1, x, 0, 5, x, 0, 4, 0, x, 0, 4), "needs 15 elements");
        assertMessage(() -> SGemm.gemm(true, false, 3, 2, 2, 1, x, 0, 3, x, 11, 2, 0, x, 0, 2), "B");
        assertMessage(() -> SGemm.gemm(false, false, 2, 2, 2, 1, x, 0, 2, x, 0, 2, 0, null, 0, 2), "null");
        assertMessage(() -> SGemm.gemm(false, false, 2, 2, 2, 1, x, -1, 2, x, 0, 2, 0, x, 0, 2), "negative offset");
        assertMessage(() -> SGemm.gemm(false, false, 2, 2, 2, 1, x, 0, 2, x, 0, 2, 0, x, 0, 2, 0), "thread count");
    }

    private static void assertMessage(Runnable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith("sgemm:") && e.getMessage().contains(fragment), e.getMessage());
    }
}
