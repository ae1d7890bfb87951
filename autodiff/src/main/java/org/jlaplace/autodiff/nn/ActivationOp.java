package org.jlaplace.autodiff.nn;

import org.jlaplace.core.linalg.Parallel;

/**
 * Kernels of an {@link Activation}. The forward pass saves {@code φ'(x)}, since the backward and
 * tangent rules of an elementwise map are both multiplication by it; ReLU saves nothing, its
 * derivative being the step {@code x > 0} of the input. Large batches are split
 * over the thread pool by entries or examples; every entry is computed alone, so the result does
 * not depend on the thread count.
 */
final class ActivationOp extends LayerOp {
    private final Activation.Kind kind;
    private final double slope;

    ActivationOp(Activation layer, int[] shape) {
        super(shape, shape);
        this.kind = layer.kind();
        this.slope = layer.negativeSlope();
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        if (kind == Activation.Kind.RELU) {
            // φ' is the step x > 0, read from the input when needed: no derivative array to fill.
            evaluate(x, m, params, y);
            return null;
        }
        double[] derivative = new double[m * inSize];
        Parallel.forRange(m * inSize, workPerEntry(), Parallel.threads(),
                (from, to) -> forwardRange(x, y, derivative, from, to));
        return derivative;
    }

    /** Rough cost of one entry: a transcendental function costs about twenty simple operations. */
    private long workPerEntry() {
        return kind == Activation.Kind.RELU || kind == Activation.Kind.LEAKY_RELU ? 2 : 20;
    }

    /** {@code y = φ(x)} and {@code derivative = φ'(x)} on entries {@code [from, to)}. */
    private void forwardRange(double[] x, double[] y, double[] derivative, int from, int to) {
        switch (kind) {
            case TANH:
                // φ' = 1 − φ², so tanh is evaluated once per entry
                for (int i = from; i < to; i++) {
                    double t = Math.tanh(x[i]);
                    y[i] = t;
                    derivative[i] = 1.0 - t * t;
                }
                break;
            case SIGMOID:
                // φ' = φ(1 − φ)
                for (int i = from; i < to; i++) {
                    double s = ActivationFunctions.sigmoid(x[i]);
                    y[i] = s;
                    derivative[i] = s * (1.0 - s);
                }
                break;
            default:
                for (int i = from; i < to; i++) {
                    y[i] = ActivationFunctions.value(kind, slope, x[i]);
                    derivative[i] = ActivationFunctions.derivative(kind, slope, x[i]);
                }
        }
    }

    @Override
    void evaluate(double[] x, int m, double[][] params, double[] y) {
        Parallel.forRange(m * inSize, workPerEntry(), Parallel.threads(), (from, to) -> {
            if (kind == Activation.Kind.RELU) {
                for (int i = from; i < to; i++) {
                    long bits = Double.doubleToRawLongBits(x[i]);
                    y[i] = Double.longBitsToDouble(bits & positiveMask(bits));
                }
                return;
            }
            for (int i = from; i < to; i++) {
                y[i] = ActivationFunctions.value(kind, slope, x[i]);
            }
        });
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        if (kind == Activation.Kind.RELU) {
            maskRows(x, m, r, gy, gx);
            return;
        }
        scaleRows((double[]) saved, m, r, gy, gx);
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx == null) {
            java.util.Arrays.fill(ty, 0, m * r * outSize, 0.0);
            return;
        }
        if (kind == Activation.Kind.RELU) {
            maskRows(x, m, r, tx, ty);
            return;
        }
        scaleRows((double[]) saved, m, r, tx, ty);
    }

    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

    /**
     * All ones when the double with these bits is {@code > 0} (positive, finite or infinite; not
     * ±0 or NaN), else zero. Signs in the data are random, so a branch on them would be mispredicted
     * half the time; these masks cost a few integer operations instead: the sign bit clear, the bits
     * non-zero, and at most those of +∞.
     */
    static long positiveMask(long bits) {
        return (~bits >> 63) & (-bits >> 63) & ((bits - 0x7ff0000000000001L) >> 63);
    }

    /**
     * ReLU's {@link #scaleRows} with {@code d = [x > 0]} (1.0 or 0.0): {@code out = d·in}, the step
     * formed from the input's bits rather than by a branch or a saved array.
     */
    private void maskRows(double[] x, int m, int r, double[] in, double[] out) {
        int size = inSize;
        Parallel.forRange(m, 2L * r * size, Parallel.threads(), (from, to) -> {
            for (int n = from; n < to; n++) {
                int xBase = n * size;
                for (int q = 0; q < r; q++) {
                    int base = (n * r + q) * size;
                    for (int j = 0; j < size; j++) {
                        long step = ONE_BITS & positiveMask(Double.doubleToRawLongBits(x[xBase + j]));
                        out[base + j] = Double.longBitsToDouble(step) * in[base + j];
                    }
                }
            }
        });
    }

    /** {@code out[n·r+q, j] = d[n, j] · in[n·r+q, j]}, examples split over threads. */
    private void scaleRows(double[] d, int m, int r, double[] in, double[] out) {
        int size = inSize;
        Parallel.forRange(m, 2L * r * size, Parallel.threads(), (from, to) -> {
            for (int n = from; n < to; n++) {
                int dBase = n * size;
                for (int q = 0; q < r; q++) {
                    int base = (n * r + q) * size;
                    for (int j = 0; j < size; j++) {
                        out[base + j] = d[dBase + j] * in[base + j];
                    }
                }
            }
        });
    }
}
