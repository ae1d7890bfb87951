package org.jlaplace.core.linalg;

import java.util.SplittableRandom;

/** Random test matrices and naive reference products for the linear-algebra tests. */
final class TestMatrices {

    private TestMatrices() {
    }

    /** A row-major {@code n×n} SPD matrix {@code G·Gᵀ/n + ½·I} with Gaussian {@code G}. */
    static double[] randomSpd(int n, long seed) {
        return spd(n, n, 0.5, seed);
    }

    /**
     * A row-major {@code n×n} SPD matrix {@code G·Gᵀ/k + d·I} with a Gaussian {@code n×k} {@code G}
     * (a thin {@code G} keeps it cheap at large {@code n}).
     */
    static double[] spd(int n, int k, double d, long seed) {
        double[] g = gaussian(n * k, new SplittableRandom(seed));
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0.0;
                for (int q = 0; q < k; q++) {
                    s += g[i * k + q] * g[j * k + q];
                }
                a[i * n + j] = s / k + (i == j ? d : 0.0);
                a[j * n + i] = a[i * n + j];
            }
        }
        return a;
    }

    /** A well-conditioned lower-triangular {@code n×n} matrix: diagonal in [1, 2], small off-diagonals. */
    static double[] randomLower(int n, SplittableRandom rnd) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                l[i * n + j] = gaussian(rnd) / Math.max(1, n);
            }
            l[i * n + i] = 1.0 + rnd.nextDouble();
        }
        return l;
    }

    static double[] gaussian(int size, SplittableRandom rnd) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = gaussian(rnd);
        }
        return x;
    }

    /** Box–Muller standard normal. */
    static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rnd.nextDouble());
    }

    /** Naive row-major {@code C = op(A)·op(B)} with {@code op(A)} {@code m×k}, {@code op(B)} {@code k×n}, dense storage. */
    static double[] multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[p * m + i] : a[i * k + p];
                    double bv = transB ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    static double maxAbs(double[] x) {
        double m = 0.0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double maxAbsDiff(double[] x, double[] y) {
        double m = 0.0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}
