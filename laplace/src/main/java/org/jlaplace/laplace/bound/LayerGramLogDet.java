package org.jlaplace.laplace.bound;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.jlaplace.laplace.LinearLayerGram;
import org.jlaplace.laplace.internal.SpdFactor;

import java.util.List;

/**
 * {@code log det(I + G)} and its hyper-gradients for kernels kept layer by layer
 * ({@link LinearLayerGram}): {@code G = Σ_l Q_l ⊙ (c_w(l)·Ā_l + c_b(l))} with {@code c = s/δ} of the
 * layer's weight and bias hyperparameters and {@code Ā_l[i, j] = A_l[i/R, j/R]}. With
 * {@code X = I + G = LLᵀ} and {@code S = X⁻¹} (lower triangle formed in place, as in
 * {@link KernelLogDet}):
 * <ul>
 *   <li>{@code ∂ log det X/∂ log δ_k = −Σ_{groups g → k} c_g·t_g}, with, for each layer,
 *       {@code t_bias = Σ_ij S_ij Q_ij} and {@code t_weight = Σ_ij S_ij Q_ij Ā_ij}; both come from one
 *       pass over the lower triangles of {@code S} and {@code Q}
 *       ({@code Σ_ij = Σ_i (·)_ii + 2Σ_{i>j}});</li>
 *   <li>{@code ∂/∂ log σ = (∂ log s/∂ log σ)·(n − tr S)}.</li>
 * </ul>
 * Against the scalar prior's single kernel this adds the triangular Gram {@code L⁻ᵀL⁻¹}
 * ({@code n³/3} flops) and one read of each {@code Q_l}; the per-group kernels are never expanded.
 */
public final class LayerGramLogDet {
    private LayerGramLogDet() {
    }

    /**
     * @param layers     every parametric layer of the network
     * @param n          {@code M·R}
     * @param ofGroup    the hyperparameter of each parameter group
     * @param precisions {@code δ_k}
     */
    public static LogDetTerm of(List<LinearLayerGram> layers, int n, double scale, double dLogScale,
                                int[] ofGroup, double[] precisions, String what) {
        if (n == 0) {
            return LogDetTerm.zero(precisions.length);
        }
        double[] x = new double[n * n];
        double[] spread = new double[n];
        for (LinearLayerGram l : layers) {
            double cw = scale / precisions[ofGroup[l.weightGroup()]];
            double cb = l.biasGroup() >= 0 ? scale / precisions[ofGroup[l.biasGroup()]] : 0.0;
            double[] q = l.cotangentGram();
            for (int i = 0; i < n; i++) {
                spreadRow(l, i, cw, cb, spread);
                int ri = i * n;
                for (int j = 0; j <= i; j++) {
                    x[ri + j] += q[ri + j] * spread[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            x[i * n + i] += 1.0;
        }
        SpdFactor chol = SpdFactor.ofInPlace(x, n, what + ": I + G");
        double logDet = chol.logDet();
        double[] s = chol.lowerOfInverseDiscardingFactor();
        double traceInv = 0.0;
        for (int i = 0; i < n; i++) {
            traceInv += s[i * n + i];
        }
        double[] grad = new double[precisions.length];
        for (LinearLayerGram l : layers) {
            double[] t = traces(l, s, n, spread);
            grad[ofGroup[l.weightGroup()]] -= scale / precisions[ofGroup[l.weightGroup()]] * t[0];
            if (l.biasGroup() >= 0) {
                grad[ofGroup[l.biasGroup()]] -= scale / precisions[ofGroup[l.biasGroup()]] * t[1];
            }
        }
        return new LogDetTerm(logDet, grad, dLogScale * (n - traceInv));
    }

    /** {@code spread[j] = cw·A[i/R, j/R] + cb} for {@code j ≤ i}, a run of {@code R} equal values per datum. */
    private static void spreadRow(LinearLayerGram l, int i, double cw, double cb, double[] spread) {
        int r = l.r();
        double[] a = l.inputGram();
        int row = (i / r) * l.m();
        for (int datum = 0, j = 0; j <= i; datum++) {
            double v = cw * a[row + datum] + cb;
            int end = Math.min(j + r, i + 1);
            for (; j < end; j++) {
                spread[j] = v;
            }
        }
    }

    /**
     * {@code {Σ_ij S_ij Q_ij Ā_ij, Σ_ij S_ij Q_ij}} from the lower triangles, row by row: the
     * elementwise {@code Q ⊙ Ā} row into {@code spread}, then two SIMD dot products with the row of
     * {@code S}.
     */
    private static double[] traces(LinearLayerGram l, double[] s, int n, double[] spread) {
        VectorKernels k = KernelProvider.get();
        double[] q = l.cotangentGram();
        double weightOff = 0.0;
        double biasOff = 0.0;
        double weightDiag = 0.0;
        double biasDiag = 0.0;
        for (int i = 0; i < n; i++) {
            spreadRow(l, i, 1.0, 0.0, spread);
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                spread[j] *= q[ri + j];
            }
            biasOff += k.dot(s, ri, q, ri, i);
            weightOff += k.dot(s, ri, spread, 0, i);
            biasDiag += s[ri + i] * q[ri + i];
            weightDiag += s[ri + i] * spread[i];
        }
        return new double[] {weightDiag + 2.0 * weightOff, biasDiag + 2.0 * biasOff};
    }
}
