package org.jlaplace.autodiff.nn;

import org.jlaplace.core.linalg.Parallel;

/**
 * Conversions between the float32 compute path and float64 storage: narrowing rounds each value
 * to the nearest float ({@code (float) x}); widening is exact. Long arrays are split over the
 * thread pool (each entry is converted alone, so the result does not depend on the thread count).
 */
final class Widening {
    /** Rough cost of converting one entry, for {@link Parallel#forRange}. */
    private static final long WORK_PER_ENTRY = 1;

    private Widening() {
    }

    /** {@code (double) x[i]} for every entry, into a new array. */
    static double[] widen(float[] x) {
        return widen(x, x.length);
    }

    /** The first {@code n} entries of {@code x} widened into a new array. */
    static double[] widen(float[] x, int n) {
        double[] out = new double[n];
        Parallel.forRange(n, WORK_PER_ENTRY, Parallel.threads(), (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = x[i];
            }
        });
        return out;
    }

    /** {@code (float) x[i]} for every entry, into a new array. */
    static float[] narrow(double[] x) {
        float[] out = new float[x.length];
        narrowInto(x, out);
        return out;
    }

    /** {@code out[i] = (float) x[i]} for {@code i < x.length}. */
    static void narrowInto(double[] x, float[] out) {
        Parallel.forRange(x.length, WORK_PER_ENTRY, Parallel.threads(), (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = (float) x[i];
            }
        });
    }
}
