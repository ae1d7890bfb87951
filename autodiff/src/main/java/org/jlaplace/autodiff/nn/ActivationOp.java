package org.jlaplace.autodiff.nn;

/**
 * Kernels of an {@link Activation}. The forward pass saves {@code φ'(x)}, since the backward and
 * tangent rules of an elementwise map are both multiplication by it.
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
        int n = m * inSize;
        double[] derivative = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = ActivationFunctions.value(kind, slope, x[i]);
            derivative[i] = ActivationFunctions.derivative(kind, slope, x[i]);
        }
        return derivative;
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
