package org.jlaplace.autodiff.nn;

import java.util.Arrays;

/**
 * Kernels of an {@link Activation}. The forward pass evaluates the activation's one rule
 * ({@link Activation#apply(org.jlaplace.autodiff.Var)}) on the whole batch and saves {@code φ'(x)},
 * since the backward and tangent rules of an elementwise map are both multiplication by it.
 */
final class ActivationOp extends LayerOp {
    private final Activation activation;

    ActivationOp(Activation layer, int[] shape) {
        super(shape, shape);
        this.activation = layer;
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        int n = m * inSize;
        double[] derivative = new double[n];
        activation.valueAndDerivative(x, n, y, derivative);
        return derivative;
    }

    @Override
    void evaluate(double[] x, int m, double[][] params, double[] y) {
        activation.values(x, m * inSize, y);
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        scaleRows((double[]) saved, m, r, gy, gx);
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx == null) {
            Arrays.fill(ty, 0, m * r * outSize, 0.0);
            return;
        }
        scaleRows((double[]) saved, m, r, tx, ty);
    }

    /** {@code out[n·r+q, j] = d[n, j] · in[n·r+q, j]}. */
    private void scaleRows(double[] d, int m, int r, double[] in, double[] out) {
        int size = inSize;
        for (int n = 0; n < m; n++) {
            int dBase = n * size;
            for (int q = 0; q < r; q++) {
                int base = (n * r + q) * size;
                for (int j = 0; j < size; j++) {
                    out[base + j] = d[dBase + j] * in[base + j];
                }
            }
        }
    }
}
