package org.jlaplace.laplace.predictive;

/** Output weights that pull back every output separately. */
final class Identity {
    private Identity() {
    }

    /** {@code M×C×C} weights {@code a[n][k][r] = [k = r]}: the weighted functions are the outputs themselves. */
    static double[] perDatum(int m, int c) {
        double[] eye = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            for (int k = 0; k < c; k++) {
                eye[n * c * c + k * c + k] = 1.0;
            }
        }
        return eye;
    }
}
