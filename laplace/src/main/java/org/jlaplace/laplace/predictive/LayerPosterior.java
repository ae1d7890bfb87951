package org.jlaplace.laplace.predictive;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.Parallel;
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
     * with identity output weights ({@code R = C}: cotangent row {@code n·C + k} holds the
     * {@code out×T} matrix of output {@code k}).
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
        if (t == 1) {
            addRankOne(a, test.cotangents(), m, c, cov);
        } else {
            addPositions(a, test.cotangents(), m, c, t, cov);
        }
    }

    /**
     * Linear: {@code Σ*[k, k'] += Σ_o b̃_ko b̃_k'o w_o} with {@code w = (ã ⊙ ã) v_wᵀ + v_b}, one GEMM
     * for all test data.
     */
    private void addRankOne(double[] a, double[] cot, int m, int c, double[] cov) {
        VectorKernels kernels = KernelProvider.get();
        double[] b = rotationB == null ? cot : DenseOps.multiply(cot, rotationB, m * c, out, out);
        double[] squares = new double[m * in];
        kernels.mul(a, 0, a, 0, squares, 0, m * in);
        double[] w = new double[m * out];
        Gemm.gemm(false, true, m, out, in, 1.0, squares, 0, in, weightVariance, 0, in, 0.0, w, 0, out);
        double[] u = new double[out];
        for (int n = 0; n < m; n++) {
            if (biasVariance != null) {
                kernels.axpy(1.0, biasVariance, 0, w, n * out, out);
            }
            for (int k = 0; k < c; k++) {
                int bk = (n * c + k) * out;
                kernels.mul(b, bk, w, n * out, u, 0, out);
                for (int k2 = k; k2 < c; k2++) {
                    addSymmetric(cov, n, c, k, k2, kernels.dot(u, 0, b, (n * c + k2) * out, out));
                }
            }
        }
    }

    /**
     * Conv2d, per test datum {@code n} (data split over threads; each writes only its own
     * {@code C×C} block): {@code Y = X_n Ã_n} in one GEMM for all outputs ({@code X_n} the
     * {@code (C·out)×T} cotangents, {@code Ã_n} the {@code T×in} rotated patches), then
     * {@code M_k = Q_Bᵀ Y_k} and {@code Σ*[k, k'] += ⟨M_k ⊙ v_w, M_k'⟩ + Σ_o s̃_k[o] s̃_k'[o] v_b[o]}
     * with {@code s̃_k = Q_Bᵀ Σ_t b_kt}.
     */
    private void addPositions(double[] a, double[] cot, int m, int c, int t, double[] cov) {
        int w = out * in;
        Parallel.forRange(m, (long) c * w * t, (from, to) -> {
            VectorKernels kernels = KernelProvider.get();
            double[] y = new double[c * w];
            double[] mk = rotationB == null ? y : new double[c * w];
            double[] u = new double[w];
            double[] sums = new double[c * out];
            double[] rotatedSums = rotationB == null ? sums : new double[c * out];
            for (int n = from; n < to; n++) {
                int xOff = n * c * out * t;
                Gemm.gemm(false, false, c * out, in, t, 1.0, cot, xOff, t, a, n * t * in, in, 0.0, y, 0, in, 1);
                if (rotationB != null) {
                    for (int k = 0; k < c; k++) {
                        Gemm.gemm(true, false, out, in, out, 1.0, rotationB, 0, out, y, k * w, in, 0.0, mk, k * w, in,
                                1);
                    }
                }
                if (biasVariance != null) {
                    for (int row = 0; row < c * out; row++) {
                        sums[row] = kernels.sum(cot, xOff + row * t, t);
                    }
                    if (rotationB != null) {
                        Gemm.gemm(false, false, c, out, out, 1.0, sums, 0, out, rotationB, 0, out, 0.0, rotatedSums,
                                0, out, 1);
                    }
                }
                for (int k = 0; k < c; k++) {
                    kernels.mul(mk, k * w, weightVariance, 0, u, 0, w);
                    for (int k2 = k; k2 < c; k2++) {
                        double s = kernels.dot(u, 0, mk, k2 * w, w);
                        if (biasVariance != null) {
                            for (int o = 0; o < out; o++) {
                                s += rotatedSums[k * out + o] * rotatedSums[k2 * out + o] * biasVariance[o];
                            }
                        }
                        addSymmetric(cov, n, c, k, k2, s);
                    }
                }
            }
        });
    }

    private static void addSymmetric(double[] cov, int n, int c, int k, int k2, double s) {
        cov[n * c * c + k * c + k2] += s;
        if (k2 != k) {
            cov[n * c * c + k2 * c + k] += s;
        }
    }
}
