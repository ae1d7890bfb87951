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
        switch (kind) {
            case TANH:
                // φ' = 1 − φ², so tanh is evaluated once per entry
                for (int i = 0; i < n; i++) {
                    double t = Math.tanh(x[i]);
                    y[i] = t;
                    derivative[i] = 1.0 - t * t;
                }
                break;
            case SIGMOID:
                // φ' = φ(1 − φ)
                for (int i = 0; i < n; i++) {
                    double s = ActivationFunctions.sigmoid(x[i]);
                    y[i] = s;
                    derivative[i] = s * (1.0 - s);
                }
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    boolean positive = x[i] > 0;
                    y[i] = positive ? x[i] : 0.0;
                    derivative[i] = positive ? 1.0 : 0.0;
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    y[i] = ActivationFunctions.value(kind, slope, x[i]);
                    derivative[i] = ActivationFunctions.derivative(kind, slope, x[i]);
                }
        }
        return derivative;
    }

    @Override
    void evaluate(double[] x, int m, double[][] params, double[] y) {
        int n = m * inSize;
        for (int i = 0; i < n; i++) {
            y[i] = ActivationFunctions.value(kind, slope, x[i]);
        }
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
