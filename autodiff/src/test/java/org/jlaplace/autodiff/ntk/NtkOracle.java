package org.jlaplace.autodiff.ntk;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;

/** Test oracles: the full Jacobian by central differences and kernels by plain triple loops. */
final class NtkOracle {
    private NtkOracle() {
    }

    /** {@code J[n·C + c, p]} by central differences of the fast forward pass, {@code [M·C, P]}. */
    static double[][] finiteDifferenceJacobian(Sequential model, Tensor x) {
        double h = 1e-6;
        Tensor theta = model.flatParameters();
        int p = model.numParameters();
        int rows = x.dim(0) * model.outputSize();
        double[][] j = new double[rows][p];
        for (int k = 0; k < p; k++) {
            Tensor e = Tensor.zeros(p).set(h, k);
            model.setFlatParameters(theta.add(e));
            double[] plus = model.forward(x).toArray();
            model.setFlatParameters(theta.sub(e));
            double[] minus = model.forward(x).toArray();
            for (int i = 0; i < rows; i++) {
                j[i][k] = (plus[i] - minus[i]) / (2 * h);
            }
        }
        model.setFlatParameters(theta);
        return j;
    }

    /** {@code Σ_{p ∈ [from, to)} J[i, p] J[j, p]} for every pair of rows. */
    static double[][] gram(double[][] j, int from, int to) {
        int n = j.length;
        double[][] k = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int p = from; p < to; p++) {
                    s += j[a][p] * j[b][p];
                }
                k[a][b] = s;
            }
        }
        return k;
    }

    /** The rows of {@code [M, C, P]} as {@code [M·C][P]}. */
    static double[][] rows(Tensor perExample) {
        int[] s = perExample.shape();
        return perExample.reshape(s[0] * s[1], s[2]).toRows();
    }

    /** {@code K_a[n·R + r, m·R + r'] = Σ_{c,c'} a[n,c,r] K[n·C + c, m·C + c'] a[m,c',r']}. */
    static double[][] weight(double[][] k, Tensor a) {
        int m = a.dim(0);
        int c = a.dim(1);
        int r = a.dim(2);
        double[][] out = new double[m * r][m * r];
        for (int n = 0; n < m; n++) {
            for (int q = 0; q < r; q++) {
                for (int n2 = 0; n2 < m; n2++) {
                    for (int q2 = 0; q2 < r; q2++) {
                        double s = 0;
                        for (int c1 = 0; c1 < c; c1++) {
                            for (int c2 = 0; c2 < c; c2++) {
                                s += a.get(n, c1, q) * k[n * c + c1][n2 * c + c2] * a.get(n2, c2, q2);
                            }
                        }
                        out[n * r + q][n2 * r + q2] = s;
                    }
                }
            }
        }
        return out;
    }

    static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** max |a − b| relative to max |b|. */
    static double relativeError(double[][] a, double[][] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return d / Math.max(maxAbs(b), Double.MIN_NORMAL);
    }
}
