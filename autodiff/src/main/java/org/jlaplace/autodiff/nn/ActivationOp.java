package org.jlaplace.autodiff.nn;

import org.jlaplace.core.linalg.Parallel;

/**
 * Kernels of an {@link Activation}. The forward pass saves {@code φ'(x)}, since the backward and
 * tangent rules of an elementwise map are both multiplication by it. Large batches are split
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
            case RELU:
                for (int i = from; i < to; i++) {
                    boolean positive = x[i] > 0;
                    y[i] = positive ? x[i] : 0.0;
                    derivative[i] = positive ? 1.0 : 0.0;
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
            for (int i = from; i < to; i++) {
                y[i] = ActivationFunctions.value(kind, slope, x[i]);
            }
        });
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        scaleRows((double[]) saved, m, r, gy, gx);
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx == null) {
            java.util.Arrays.fill(ty, 0, m * r * outSize, 0.0);
            return;
        }
        scaleRows((double[]) saved, m, r, tx, ty);
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
