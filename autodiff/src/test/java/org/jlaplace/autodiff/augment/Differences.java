package org.jlaplace.autodiff.augment;

import java.util.function.Function;
import org.jlaplace.core.Tensor;

/** Central finite differences for the augmentation tests. */
final class Differences {
    private Differences() {
    }

    /** {@code (f(x + h e_i) − f(x − h e_i)) / 2h} for every entry i of x, stacked as {@code [size f, size x]}. */
    static double[][] jacobian(Function<Tensor, Tensor> f, Tensor x, double h) {
        double[] base = x.toArray();
        int n = base.length;
        double[][] cols = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] plus = base.clone();
            double[] minus = base.clone();
            plus[i] += h;
            minus[i] -= h;
            double[] fp = f.apply(Tensor.of(plus, x.shape())).toArray();
            double[] fm = f.apply(Tensor.of(minus, x.shape())).toArray();
            cols[i] = new double[fp.length];
            for (int j = 0; j < fp.length; j++) {
                cols[i][j] = (fp[j] - fm[j]) / (2 * h);
            }
        }
        int m = cols.length == 0 ? 0 : cols[0].length;
        double[][] jac = new double[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                jac[j][i] = cols[i][j];
            }
        }
        return jac;
    }

    /** The derivative of a scalar function of a scalar. */
    static double derivative(java.util.function.DoubleUnaryOperator f, double x, double h) {
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    /** Largest entry-wise |a − b| relative to 1 + max |b|. */
    static double relativeError(double[] a, double[] b) {
        double scale = 1.0;
        double err = 0.0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            err = Math.max(err, Math.abs(a[i] - b[i]));
        }
        return err / scale;
    }
}
