package org.jlaplace.laplace;

/** {@code B = Āᵀ J}: the row {@code n·R + r} of {@code B} is {@code Σ_c a[n][c][r]·J_n[c, :]}. */
public final class WeightedJacobians {
    private WeightedJacobians() {
    }

    /**
     * @param j per-datum Jacobians, {@code M×C×P}
     * @param a weights, {@code M×C×R}
     * @return {@code (M·R)×P}
     */
    public static double[] apply(double[] j, double[] a, int m, int c, int r, int p) {
        if (a.length != m * c * r) {
            throw new IllegalArgumentException("weighted Jacobian: weights have " + a.length + " values, expected "
                    + m + "×" + c + "×" + r);
        }
        double[] b = new double[m * r * p];
        for (int n = 0; n < m; n++) {
            for (int row = 0; row < r; row++) {
                int bo = (n * r + row) * p;
                for (int k = 0; k < c; k++) {
                    double w = a[(n * c + k) * r + row];
                    if (w == 0.0) {
                        continue;
                    }
                    int jo = (n * c + k) * p;
                    for (int q = 0; q < p; q++) {
                        b[bo + q] += w * j[jo + q];
                    }
                }
            }
        }
        return b;
    }
}
