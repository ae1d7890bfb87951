package org.jlaplace.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIMD reductions ({@code dot}, {@code sum}, {@code sumOfSquares}) give the same bits before and
 * after the JIT compiles them. The Vector API lets {@code reduceLanes(ADD)} add the lanes in any
 * order, and on JDK 25 its compiled form does use another order than the interpreter, so a kernel
 * built on it would return different last bits depending on whether it had been compiled yet — and,
 * on several threads, on which thread ran it first. Each case is evaluated once cold, then again
 * after enough calls for C2 to compile the kernels, and must not change.
 */
class ReductionOrderTest {

    /** Calls that get the kernels compiled by C2 under the default thresholds (with margin). */
    private static final int WARM_CALLS = 40_000;

    @Test
    void reductionsDoNotChangeWhenCompiled() {
        checkDoubles(KernelProvider.get());
        checkFloats(KernelProvider.floats());
    }

    private static void checkDoubles(VectorKernels k) {
        Random g = new Random(5);
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            // Widely spread magnitudes, so that any change of order changes the rounding.
            x[i] = g.nextGaussian() * Math.exp(g.nextGaussian() * 6);
            y[i] = g.nextGaussian();
        }
        double[][] cold = evaluate(k, x, y);
        double sink = 0;
        for (int i = 0; i < WARM_CALLS; i++) {
            int len = 16 + i % 200;
            sink += k.dot(x, 0, y, 0, len) + k.sum(x, 0, len) + k.sumOfSquares(x, 0, len);
        }
        double[][] warm = evaluate(k, x, y);
        for (int c = 0; c < cold.length; c++) {
            for (int len = 0; len < cold[c].length; len++) {
                assertEquals(cold[c][len], warm[c][len], 0.0,
                        k.name() + " reduction " + c + " of length " + len + " changed when compiled (" + sink + ")");
            }
        }
    }

    private static double[][] evaluate(VectorKernels k, double[] x, double[] y) {
        double[][] out = new double[3][x.length + 1];
        for (int len = 0; len <= x.length; len++) {
            out[0][len] = k.dot(x, 0, y, 0, len);
            out[1][len] = k.sum(x, 0, len);
            out[2][len] = k.sumOfSquares(x, 0, len);
        }
        return out;
    }

    private static void checkFloats(FloatKernels k) {
        Random g = new Random(6);
        int n = 300;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (g.nextGaussian() * Math.exp(g.nextGaussian() * 4));
            y[i] = (float) g.nextGaussian();
        }
        float[] cold = new float[n + 1];
        for (int len = 0; len <= n; len++) {
            cold[len] = k.dot(x, 0, y, 0, len);
        }
        float sink = 0;
        for (int i = 0; i < WARM_CALLS; i++) {
            sink += k.dot(x, 0, y, 0, 16 + i % 200);
        }
        for (int len = 0; len <= n; len++) {
            assertEquals(cold[len], k.dot(x, 0, y, 0, len), 0.0f,
                    k.name() + " float dot of length " + len + " changed when compiled (" + sink + ")");
        }
    }
}
