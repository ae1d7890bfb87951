package org.jlaplace.laplace.likelihood;

import org.jlaplace.autodiff.Var;

/** Shared checks and products for the likelihoods. */
final class LikelihoodMath {
    private LikelihoodMath() {
    }

    /** {@code Λ_n = s·A_n A_nᵀ} for every datum. */
    static double[] hessianFromFactor(double[] a, int m, int c, double s) {
        double[] h = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            int o = n * c * c;
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    double v = 0.0;
                    for (int r = 0; r < c; r++) {
                        v += a[o + i * c + r] * a[o + j * c + r];
                    }
                    h[o + i * c + j] = s * v;
                }
            }
        }
        return h;
    }

    static void checkShapes(String op, double[] f, double[] y, int m, int c, int width) {
        if (f.length != m * c) {
            throw new IllegalArgumentException(op + ": outputs have " + f.length + " values, expected "
                    + m + "×" + c);
        }
        if (y != null && y.length != m * width) {
            throw new IllegalArgumentException(op + ": targets have " + y.length + " values, expected "
                    + m + "×" + width);
        }
    }

    /**
     * Checks graph outputs {@code [M, C]} and {@code M·width} finite targets.
     *
     * @return {@code M}
     */
    static int checkOutputs(String op, Var f, double[] y, int c, int width) {
        int[] shape = f.shape();
        if (shape.length != 2 || shape[1] != c) {
            throw new IllegalArgumentException(op + ": outputs have shape " + java.util.Arrays.toString(shape)
                    + ", expected [M, " + c + "]");
        }
        int m = shape[0];
        if (y.length != m * width) {
            throw new IllegalArgumentException(op + ": targets have " + y.length + " values, expected "
                    + m + "×" + width);
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(op + ": target value " + i + " is " + y[i]);
            }
        }
        return m;
    }

    static double checkPositive(String what, double v) {
        if (!(v > 0.0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
        return v;
    }
}
