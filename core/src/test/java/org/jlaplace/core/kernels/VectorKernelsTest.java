package org.jlaplace.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kernel of {@link KernelProvider#get()} (the SIMD kernels when the Vector API is loaded)
 * against its scalar twin, on awkward lengths around 1, 2 and 4 times every plausible lane count
 * (2, 4, 8), on primes, and at random offsets. Reductions may differ by rounding only: the
 * tolerance scales with the length and the sum of the magnitudes of the terms. When the scalar
 * kernels are active (no Vector API, or {@code -Djlaplace.kernels=scalar}) the comparison would
 * set the scalar kernels against themselves, so every test is skipped by an assumption.
 */
class VectorKernelsTest {

    /** Lengths around multiples of 2, 4 and 8 lanes, primes and a long run with a ragged tail. */
    static final int[] AWKWARD = {0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 15, 16, 17, 23, 24, 25, 31, 32, 33,
        47, 48, 49, 63, 64, 65, 97, 1021};

    private static final double EPS = Math.ulp(1.0);

    private final VectorKernels fast = KernelProvider.get();
    private final VectorKernels twin = KernelProvider.scalar();

    @BeforeEach
    void requireSimdKernels() {
        assumeTrue(fast != twin, "the SIMD kernels are not active: there is no twin to compare with");
    }

    /** A slice of {@code n} Gaussian values at {@code off}, surrounded by values that must not be touched. */
    private static double[] slice(Random rng, int off, int n) {
        double[] x = new double[off + n + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    private interface Case {
        void check(int n, int xOff, int yOff, Random rng);
    }

    private static void forAwkwardSlices(Case c) {
        qt().withExamples(120).withFixedSeed(11).forAll(
                integers().between(0, AWKWARD.length - 1),
                integers().between(0, 7),
                integers().between(0, 7),
                longs().all())
            .checkAssert((which, xOff, yOff, seed) -> c.check(AWKWARD[which], xOff, yOff, new Random(seed)));
    }

    @Test
    void dotMatchesScalarTwin() {
        forAwkwardSlices((n, xOff, yOff, rng) -> {
            double[] x = slice(rng, xOff, n);
            double[] y = slice(rng, yOff, n);
            double magnitude = 0.0;
            for (int i = 0; i < n; i++) {
                magnitude += Math.abs(x[xOff + i] * y[yOff + i]);
            }
            double expected = twin.dot(x, xOff, y, yOff, n);
            assertEquals(expected, fast.dot(x, xOff, y, yOff, n), 2 * n * EPS * magnitude, "dot n=" + n);
        });
    }

    @Test
    void sumAndSumOfSquaresMatchScalarTwin() {
        forAwkwardSlices((n, xOff, yOff, rng) -> {
            double[] x = slice(rng, xOff, n);
            double abs = 0.0;
            double squares = 0.0;
            for (int i = 0; i < n; i++) {
                abs += Math.abs(x[xOff + i]);
                squares += x[xOff + i] * x[xOff + i];
            }
            assertEquals(twin.sum(x, xOff, n), fast.sum(x, xOff, n), 2 * n * EPS * abs, "sum n=" + n);
            assertEquals(twin.sumOfSquares(x, xOff, n), fast.sumOfSquares(x, xOff, n), 2 * n * EPS * squares,
                    "sumOfSquares n=" + n);
        });
    }

    @Test
    void elementwiseKernelsMatchScalarTwinExactly() {
        forAwkwardSlices((n, xOff, yOff, rng) -> {
            double[] x = slice(rng, xOff, n);
            double[] y = slice(rng, yOff, n);
            int outOff = (xOff + yOff) % 5;
            double[] expected = slice(rng, outOff, n);
            double[] actual = expected.clone();
            // Sums, differences and products are single IEEE operations per element: no rounding freedom.
            twin.add(x, xOff, y, yOff, expected, outOff, n);
            fast.add(x, xOff, y, yOff, actual, outOff, n);
            assertArrayEquals(expected, actual, "add n=" + n);
            twin.sub(x, xOff, y, yOff, expected, outOff, n);
            fast.sub(x, xOff, y, yOff, actual, outOff, n);
            assertArrayEquals(expected, actual, "sub n=" + n);
            twin.mul(x, xOff, y, yOff, expected, outOff, n);
            fast.mul(x, xOff, y, yOff, actual, outOff, n);
            assertArrayEquals(expected, actual, "mul n=" + n);
            double alpha = rng.nextGaussian();
            twin.scale(alpha, expected, outOff, n);
            fast.scale(alpha, actual, outOff, n);
            assertArrayEquals(expected, actual, "scale n=" + n);
        });
    }

    @Test
    void fusedKernelsMatchScalarTwinWithinOneRounding() {
        forAwkwardSlices((n, xOff, yOff, rng) -> {
            double[] x = slice(rng, xOff, n);
            double[] y = slice(rng, yOff, n);
            double alpha = rng.nextGaussian();
            double[] expected = y.clone();
            double[] actual = y.clone();
            twin.axpy(alpha, x, xOff, expected, yOff, n);
            fast.axpy(alpha, x, xOff, actual, yOff, n);
            for (int i = 0; i < y.length; i++) {
                boolean inside = i >= yOff && i < yOff + n;
                double scale = inside ? Math.abs(alpha * x[i - yOff + xOff]) + Math.abs(y[i]) : 0.0;
                assertEquals(expected[i], actual[i], 2 * EPS * scale, "axpy n=" + n + " at " + i);
            }
            double[] out = slice(rng, 2, n);
            double[] expectedOut = out.clone();
            double[] actualOut = out.clone();
            twin.hadamardInto(x, xOff, y, yOff, expectedOut, 2, n);
            fast.hadamardInto(x, xOff, y, yOff, actualOut, 2, n);
            for (int i = 0; i < out.length; i++) {
                boolean inside = i >= 2 && i < 2 + n;
                double scale = inside ? Math.abs(x[i - 2 + xOff] * y[i - 2 + yOff]) + Math.abs(out[i]) : 0.0;
                assertEquals(expectedOut[i], actualOut[i], 2 * EPS * scale, "hadamardInto n=" + n + " at " + i);
            }
        });
    }

    @Test
    void kernelsLeaveElementsOutsideTheSliceAlone() {
        Random rng = new Random(5);
        for (int n : AWKWARD) {
            double[] x = slice(rng, 3, n);
            double[] out = slice(rng, 3, n);
            double[] before = out.clone();
            fast.add(x, 3, x, 3, out, 3, n);
            for (int i = 0; i < out.length; i++) {
                if (i < 3 || i >= 3 + n) {
                    assertEquals(before[i], out[i], "add wrote outside the slice at " + i + " for n=" + n);
                } else {
                    assertEquals(2 * x[i], out[i], "add at " + i);
                }
            }
        }
    }

    @Test
    void microKernelsOfBothImplementationsMatchTheDefinition() {
        for (VectorKernels kernels : new VectorKernels[] {fast, twin}) {
            qt().withExamples(40).withFixedSeed(3).forAll(integers().between(0, 300), longs().all())
                .checkAssert((kc, seed) -> checkMicroKernel(kernels, kc, new Random(seed)));
        }
    }

    @Test
    void inPlaceMicroKernelEqualsThePackedOneExactly() {
        for (VectorKernels kernels : new VectorKernels[] {fast, twin}) {
            qt().withExamples(30).withFixedSeed(7).forAll(integers().between(0, 100), integers().between(0, 5),
                    integers().between(0, 5), longs().all())
                .checkAssert((kc, padA, padB, seed) -> {
                    Random rng = new Random(seed);
                    int mr = kernels.gemmMr();
                    int nr = kernels.gemmNr();
                    int lda = kc + padA;
                    int ldb = nr + padB;
                    double[] a = slice(rng, 2, mr * lda);
                    double[] b = slice(rng, 1, kc * ldb);
                    double[] aPack = new double[mr * kc];
                    double[] bPack = new double[kc * nr];
                    for (int p = 0; p < kc; p++) {
                        for (int r = 0; r < mr; r++) {
                            aPack[p * mr + r] = a[2 + r * lda + p];
                        }
                        for (int j = 0; j < nr; j++) {
                            bPack[p * nr + j] = b[1 + p * ldb + j];
                        }
                    }
                    double[] packed = new double[mr * nr];
                    double[] inPlace = new double[mr * nr];
                    kernels.gemmMicroKernel(kc, aPack, 0, bPack, 0, packed);
                    kernels.gemmMicroKernelStrided(kc, a, 2, lda, 1, b, 1, ldb, nr, inPlace);
                    assertArrayEquals(packed, inPlace, kernels.name() + " kc=" + kc);
                    // A narrow edge: only the first cols columns are promised, and they must agree too.
                    int cols = 1 + rng.nextInt(nr);
                    double[] narrow = new double[mr * nr];
                    kernels.gemmMicroKernelStrided(kc, aPack, 0, 1, mr, bPack, 0, nr, cols, narrow);
                    for (int r = 0; r < mr; r++) {
                        for (int j = 0; j < cols; j++) {
                            assertEquals(packed[r * nr + j], narrow[r * nr + j],
                                    kernels.name() + " kc=" + kc + " cols=" + cols + " at (" + r + ", " + j + ")");
                        }
                    }
                });
        }
    }

    private static void checkMicroKernel(VectorKernels kernels, int kc, Random rng) {
        int mr = kernels.gemmMr();
        int nr = kernels.gemmNr();
        int aOff = rng.nextInt(5);
        int bOff = rng.nextInt(5);
        int ldc = nr + rng.nextInt(4);
        double[] a = slice(rng, aOff, mr * kc);
        double[] b = slice(rng, bOff, nr * kc);
        double alpha = rng.nextGaussian();
        boolean betaZero = rng.nextBoolean();
        double beta = betaZero ? 0.0 : rng.nextGaussian();
        double[] c = slice(rng, 1, mr * ldc);
        if (betaZero) {
            // β = 0 must ignore what C held, NaN included.
            java.util.Arrays.fill(c, Double.NaN);
        }
        double[] before = c.clone();
        double[] tile = new double[mr * nr];
        java.util.Arrays.fill(tile, Double.NaN);
        kernels.gemmMicroKernel(kc, a, aOff, b, bOff, tile);
        kernels.gemmStoreTile(tile, alpha, beta, c, 1, ldc);
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < ldc; j++) {
                int at = 1 + r * ldc + j;
                if (j >= nr) {
                    assertEquals(before[at], c[at], kernels.name() + ": wrote outside the tile");
                    continue;
                }
                double acc = 0.0;
                double magnitude = 0.0;
                for (int p = 0; p < kc; p++) {
                    double term = a[aOff + p * mr + r] * b[bOff + p * nr + j];
                    acc += term;
                    magnitude += Math.abs(term);
                }
                double expected = betaZero ? alpha * acc : alpha * acc + beta * before[at];
                double scale = Math.abs(alpha) * magnitude + (betaZero ? 0.0 : Math.abs(beta * before[at]));
                assertTrue(Math.abs(expected - c[at]) <= 2 * (kc + 2) * EPS * scale,
                        kernels.name() + " micro-kernel kc=" + kc + " at (" + r + ", " + j + "): " + c[at]
                                + " instead of " + expected);
            }
        }
    }
}
