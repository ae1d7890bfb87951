package org.jlaplace.laplace.predictive;

import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.internal.DenseOps;

/**
 * One Linear/Conv2d layer of a posterior covariance that is block-diagonal over layers (weight
 * and bias blocks apart) and diagonal in a rotated basis: weight block
 * {@code Σ_w = (Q_B ⊗ Q_A) diag(v_w) (Q_B ⊗ Q_A)ᵀ}, bias block {@code Σ_b = Q_B diag(v_b) Q_Bᵀ}
 * (weights flattened {@code out×in} row-major, {@code o·in + i}). KRON uses the eigenbases of the
 * factors with {@code v_w[o, i] = 1/(λ^B_o λ^A_i + δ_w)}; DIAGONAL uses no rotation (identity
 * {@code Q}) and the per-parameter variances.
 *
 * <p>A test datum's weight Jacobian for output {@code k} is {@code W_k = Σ_t b_kt a_tᵀ}
 * ({@code out×in}, cotangent {@code b_kt} of output {@code k} at position {@code t}, layer input
 * {@code a_t}) and its bias Jacobian {@code s_k = Σ_t b_kt}. Rotating {@code ã_t = Q_Aᵀ a_t},
 * {@code b̃_kt = Q_Bᵀ b_kt} gives {@code Q_Bᵀ W_k Q_A = Σ_t b̃_kt ã_tᵀ =: M_k}, and the layer adds
 * {@code Σ*[k, k'] += Σ_{o,i} M_k[o,i] M_k'[o,i] v_w[o,i] + Σ_o s̃_k[o] s̃_k'[o] v_b[o]}. For one
 * position (Linear) {@code M_k} is rank one and the weight term is {@code Σ_o b̃_ko b̃_k'o w_o},
 * {@code w_o = Σ_i ã_i² v_w[o, i]}: no {@code out×in} matrix per output is formed.
 */
final class LayerPosterior {
    private final int weightGroup;
    private final int biasGroup;
    private final int in;
    private final int out;
    private final double[] rotationA;
    private final double[] rotationB;
    private final double[] weightVariance;
    private final double[] biasVariance;

    /**
     * @param rotationA      {@code Q_A} ({@code in×in}, eigenvectors as columns) or {@code null} for the identity
     * @param rotationB      {@code Q_B} ({@code out×out}) or {@code null}
     * @param weightVariance {@code v_w}, {@code out×in}
     * @param biasVariance   {@code v_b}, length {@code out}, or {@code null} when the layer has no bias
     */
    LayerPosterior(int weightGroup, int biasGroup, int in, int out, double[] rotationA, double[] rotationB,
                   double[] weightVariance, double[] biasVariance) {
        this.weightGroup = weightGroup;
        this.biasGroup = biasGroup;
        this.in = in;
        this.out = out;
        this.rotationA = rotationA;
        this.rotationB = rotationB;
        this.weightVariance = weightVariance;
        this.biasVariance = biasVariance;
    }

    int weightGroup() {
        return weightGroup;
    }

    int biasGroup() {
        return biasGroup;
    }

    /**
     * Adds this layer's share to {@code cov} ({@code M×C×C}) from the test batch's capture taken
     * with identity output weights ({@code R = C}: cotangent row {@code (n·C + k)·T + t}).
     */
    void addCovariance(KronCapture test, int c, double[] cov, String operation) {
        if (test.inFeatures() != in || test.outFeatures() != out || test.weightGroup() != weightGroup
                || test.biasGroup() != biasGroup) {
            throw new IllegalArgumentException(operation + ": test layer of weight group " + test.weightGroup()
                    + " is " + test.outFeatures() + "×" + test.inFeatures() + " (bias group " + test.biasGroup()
                    + "), posterior layer of group " + weightGroup + " is " + out + "×" + in + " (bias group "
                    + biasGroup + ")");
        }
        int m = test.data();
        int t = test.positions();
        if (test.cotangents().length != (long) m * c * t * out) {
            throw new IllegalArgumentException(operation + ": test cotangents of weight group " + weightGroup + " have "
                    + test.cotangents().length + " values, expected " + m + "×" + c + "×" + t + "×" + out);
        }
        double[] a = rotationA == null ? test.inputs() : DenseOps.multiply(test.inputs(), rotationA, m * t, in, in);
        double[] b = rotationB == null ? test.cotangents()
                : DenseOps.multiply(test.cotangents(), rotationB, m * c * t, out, out);
        if (t == 1) {
            addRankOne(a, b, m, c, cov);
        } else {
            addPositions(a, b, m, c, t, cov);
        }
    }

    private void addRankOne(double[] a, double[] b, int m, int c, double[] cov) {
        double[] w = new double[out];
        for (int n = 0; n < m; n++) {
            for (int o = 0; o < out; o++) {
                double s = 0.0;
                int vo = o * in;
                for (int i = 0; i < in; i++) {
                    double ai = a[n * in + i];
                    s += ai * ai * weightVariance[vo + i];
                }
                w[o] = biasVariance == null ? s : s + biasVariance[o];
            }
            for (int k = 0; k < c; k++) {
                int bk = (n * c + k) * out;
                for (int k2 = k; k2 < c; k2++) {
                    int bk2 = (n * c + k2) * out;
                    double s = 0.0;
                    for (int o = 0; o < out; o++) {
                        s += b[bk + o] * b[bk2 + o] * w[o];
                    }
                    addSymmetric(cov, n, c, k, k2, s);
                }
            }
        }
    }

    private void addPositions(double[] a, double[] b, int m, int c, int t, double[] cov) {
        int w = out * in;
        double[] mk = new double[c * w];
        double[] sk = new double[c * out];
        for (int n = 0; n < m; n++) {
            java.util.Arrays.fill(sk, 0.0);
            for (int k = 0; k < c; k++) {
                int rows = (n * c + k) * t * out;
                // M_k = B̃_kᵀ Ã_n with B̃_k the T×out rotated cotangents and Ã_n the T×in rotated inputs.
                Gemm.gemm(true, false, out, in, t, 1.0, b, rows, out, a, n * t * in, in, 0.0, mk, k * w, in, 1);
                for (int pos = 0; pos < t; pos++) {
                    for (int o = 0; o < out; o++) {
                        sk[k * out + o] += b[rows + pos * out + o];
                    }
                }
            }
            for (int k = 0; k < c; k++) {
                for (int k2 = k; k2 < c; k2++) {
                    double s = 0.0;
                    for (int q = 0; q < w; q++) {
                        s += mk[k * w + q] * mk[k2 * w + q] * weightVariance[q];
                    }
                    if (biasVariance != null) {
                        for (int o = 0; o < out; o++) {
                            s += sk[k * out + o] * sk[k2 * out + o] * biasVariance[o];
                        }
                    }
                    addSymmetric(cov, n, c, k, k2, s);
                }
            }
        }
    }

    private static void addSymmetric(double[] cov, int n, int c, int k, int k2, double s) {
        cov[n * c * c + k * c + k2] += s;
        if (k2 != k) {
            cov[n * c * c + k2 * c + k] += s;
        }
    }
}
