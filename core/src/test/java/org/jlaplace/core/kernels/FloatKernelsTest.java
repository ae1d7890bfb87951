package org.jlaplace.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 kernels ({@link KernelProvider#floats()} and the scalar twin) against the same
 * operations computed in double on the same float values, on awkward lengths around multiples of
 * every plausible lane count (4, 8, 16) and at random offsets. Elementwise results must be the
 * correctly rounded float of the exact value; reductions and fused updates may differ by float
 * rounding, bounded by {@code (n+2)·ε_f} times the sum of the magnitudes of the terms.
 */
class FloatKernelsTest {

    static final int[] AWKWARD = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65,
        95, 96, 97, 1021};

    private static final double EPS_F = Math.ulp(1.0f);

    private static List<FloatKernels> all() {
        return List.of(KernelProvider.floats(), KernelProvider.scalarFloats());
    }

    private static float[] slice(Random rng, int off, int n) {
        float[] x = new float[off + n + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    private interface Case {
        void check(FloatKernels k, int n, int xOff, int yOff, Random rng);
    }

    private static void forAwkwardSlices(Case c) {
        qt().withExamples(80).withFixedSeed(7).forAll(
                integers().between(0, AWKWARD.length - 1), integers().between(0, 7), integers().between(0, 7),
                longs().all())
            .checkAssert((which, xOff, yOff, seed) -> {
                for (FloatKernels k : all()) {
                    c.check(k, AWKWARD[which], xOff, yOff, new Random(seed));
                }
            });
    }

    private static void assertWithin(double expected, double actual, double magnitude, int n, String what) {
        assertTrue(Math.abs(expected - actual) <= (n + 2) * EPS_F * magnitude,
                what + ": " + actual + " but the double computation gives " + expected);
    }

    @Test
    void reductionsAgreeWithTheDoubleSums() {
        forAwkwardSlices((k, n, xOff, yOff, rng) -> {
            float[] x = slice(rng, xOff, n);
            float[] y = slice(rng, yOff, n);
            double dot = 0;
            double dotMag = 0;
            double sum = 0;
            double sumMag = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double p = (double) x[xOff + i] * y[yOff + i];
                dot += p;
                dotMag += Math.abs(p);
                sum += x[xOff + i];
                sumMag += Math.abs(x[xOff + i]);
                squares += (double) x[xOff + i] * x[xOff + i];
            }
            String what = k.name() + " n=" + n;
            assertWithin(dot, k.dot(x, xOff, y, yOff, n), dotMag, n, what + " dot");
            assertWithin(sum, k.sum(x, xOff, n), sumMag, n, what + " sum");
            assertWithin(squares, k.sumOfSquares(x, xOff, n), squares, n, what + " sumOfSquares");
        });
    }

    @Test
    void elementwiseResultsAreCorrectlyRoundedAndStayInTheirSlice() {
        forAwkwardSlices((k, n, xOff, yOff, rng) -> {
            float[] x = slice(rng, xOff, n);
            float[] y = slice(rng, yOff, n);
            int outOff = rng.nextInt(5);
            String what = k.name() + " n=" + n;
            for (int op = 0; op < 4; op++) {
                float[] out = slice(rng, outOff, n);
                float[] before = out.clone();
                switch (op) {
                    case 0 -> k.add(x, xOff, y, yOff, out, outOff, n);
                    case 1 -> k.sub(x, xOff, y, yOff, out, outOff, n);
                    case 2 -> k.mul(x, xOff, y, yOff, out, outOff, n);
                    default -> k.hadamardInto(x, xOff, y, yOff, out, outOff, n);
                }
                for (int i = 0; i < out.length; i++) {
                    int j = i - outOff;
                    if (j < 0 || j >= n) {
                        assertEquals(before[i], out[i], what + " op " + op + " wrote outside its slice at " + i);
                        continue;
                    }
                    double a = x[xOff + j];
                    double b = y[yOff + j];
                    if (op == 3) {
                        // fused or not: within one rounding of the product and one of the sum
                        double exact = before[i] + a * b;
                        assertWithin(exact, out[i], Math.abs(before[i]) + Math.abs(a * b), 0, what + " hadamardInto");
                    } else {
                        double exact = op == 0 ? a + b : op == 1 ? a - b : a * b;
                        assertEquals((float) exact, out[i], what + " op " + op + " at " + j);
                    }
                }
            }
        });
    }

    @Test
    void axpyAndScaleAgreeWithTheDoubleUpdate() {
        forAwkwardSlices((k, n, xOff, yOff, rng) -> {
            float[] x = slice(rng, xOff, n);
            float[] y = slice(rng, yOff, n);
            float alpha = (float) rng.nextGaussian();
            float[] y0 = y.clone();
            k.axpy(alpha, x, xOff, y, yOff, n);
            float[] z = x.clone();
            k.scale(alpha, z, xOff, n);
            for (int i = 0; i < y.length; i++) {
                int j = i - yOff;
                if (j < 0 || j >= n) {
                    assertEquals(y0[i], y[i], k.name() + " axpy wrote outside its slice");
                } else {
                    double p = (double) alpha * x[xOff + j];
                    assertWithin(y0[i] + p, y[i], Math.abs(y0[i]) + Math.abs(p), 0, k.name() + " axpy");
                }
            }
            for (int i = 0; i < z.length; i++) {
                int j = i - xOff;
                float expected = j < 0 || j >= n ? x[i] : (float) ((double) alpha * x[i]);
                assertEquals(expected, z[i], k.name() + " scale at " + i);
            }
        });
    }
}
