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
    void maxPoolingAgreesExactlyWithTheScalarTwinAndTheDefinition() {
        // Few distinct values (ties), zeros of both signs and NaNs of both signs, on windows of 1-4 with
        // strides 1-3, at offsets and output ranges that leave ragged vector blocks.
        qt().withExamples(150).withFixedSeed(5).forAll(integers().between(1, 4), integers().between(1, 3),
                integers().between(0, 40), longs().all())
            .checkAssert((k, stride, extra, seed) -> {
                Random rng = new Random(seed);
                int w = k + rng.nextInt(20);
                int h = k + rng.nextInt(12);
                int outH = (h - k) / stride + 1;
                int outW = (w - k) / stride + 1;
                int base = rng.nextInt(5);
                float[] x = new float[base + h * w + 2];
                for (int i = 0; i < x.length; i++) {
                    int c = rng.nextInt(16);
                    x[i] = c == 0 ? Float.NaN : c == 1 ? Float.intBitsToFloat(0xffc00001) : c == 2 ? -0.0f
                            : c == 3 ? 0.0f : rng.nextInt(4) - 1.5f;
                }
                if (rng.nextBoolean()) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = Float.isNaN(x[i]) ? 1.0f : x[i];
                    }
                }
                int[] windows = new int[outH * outW];
                for (int p = 0, o = 0; p < outH; p++) {
                    for (int q = 0; q < outW; q++, o++) {
                        windows[o] = p * stride * w + q * stride;
                    }
                }
                int from = rng.nextInt(windows.length);
                int to = from + rng.nextInt(windows.length - from + 1);
                int outOff = extra;
                int shift = rng.nextInt(3);
                float[][] y = new float[2][outOff + windows.length];
                int[][] argmax = new int[2][outOff + windows.length];
                List<FloatKernels> kernels = all();
                for (int v = 0; v < 2; v++) {
                    kernels.get(v).maxPool(x, base, w, k, windows, from, to, y[v], argmax[v], outOff, shift);
                }
                String what = kernels.get(0).name() + " k=" + k + " stride=" + stride + " w=" + w + " outputs [" + from
                        + ", " + to + ")";
                assertTrue(java.util.Arrays.equals(argmax[0], argmax[1]), what + ": arg-max differs from the scalar twin");
                for (int o = 0; o < y[0].length; o++) {
                    assertEquals(Float.floatToRawIntBits(y[1][o]), Float.floatToRawIntBits(y[0][o]), what + " at " + o);
                }
                for (int o = from; o < to; o++) {
                    int first = base + windows[o];
                    int expected = first;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            float v = x[first + i * w + j];
                            float e = x[expected];
                            boolean better = Float.isNaN(v) ? !Float.isNaN(e) : !Float.isNaN(e) && v > e;
                            if (better) {
                                expected = first + i * w + j;
                            }
                        }
                    }
                    assertEquals(expected - shift, argmax[0][outOff + o], what + ": arg-max of output " + o);
                    assertEquals(Float.floatToRawIntBits(x[expected]), Float.floatToRawIntBits(y[0][outOff + o]), what);
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
