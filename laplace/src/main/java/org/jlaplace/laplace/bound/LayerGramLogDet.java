package org.jlaplace.laplace.bound;

import org.jlaplace.core.linalg.Parallel;
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
 *       {@code t_bias = Σ_ij S_ij Q_ij} and {@code t_weight = Σ_ij S_ij Q_ij Ā_ij}. Both come from
 *       the {@code R×R} block sums {@code Z[a, b] = Σ_{i∈a, j∈b} S_ij Q_ij} of one pass over the lower
 *       triangles of {@code S} and {@code Q} ({@code Σ_ij = Σ_i (·)_ii + 2Σ_{i>j}}):
 *       {@code t_bias = Σ_ab Z_ab}, {@code t_weight = Σ_ab A_ab Z_ab};</li>
 *   <li>{@code ∂/∂ log σ = (∂ log s/∂ log σ)·(n − tr S)}.</li>
 * </ul>
 * Against the scalar prior's single kernel this adds the triangular Gram {@code L⁻ᵀL⁻¹}
 * ({@code n³/3} flops) and one read of each {@code Q_l}; the per-group kernels are never expanded.
 * Both passes walk the rows in blocks of {@code R} columns, within which {@code Ā} is constant, so
 * {@code Ā} is read once per block instead of being spread to a row first.
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
        int count = layers.size();
        double[][] q = new double[count][];
        double[][] a = new double[count][];
        double[] cw = new double[count];
        double[] cb = new double[count];
        for (int l = 0; l < count; l++) {
            LinearLayerGram layer = layers.get(l);
            q[l] = layer.cotangentGram();
            a[l] = layer.inputGram();
            cw[l] = scale / precisions[ofGroup[layer.weightGroup()]];
            cb[l] = layer.biasGroup() >= 0 ? scale / precisions[ofGroup[layer.biasGroup()]] : 0.0;
        }
        int r = layers.get(0).r();
        int m = layers.get(0).m();
        double[] x = identityPlusLower(q, a, cw, cb, n, r, m);
        SpdFactor chol = SpdFactor.ofInPlace(x, n, what + ": I + G");
        double logDet = chol.logDet();
        double[] s = chol.lowerOfInverseDiscardingFactor();
        double traceInv = 0.0;
        for (int i = 0; i < n; i++) {
            traceInv += s[i * n + i];
        }
        double[] grad = new double[precisions.length];
        for (int l = 0; l < count; l++) {
            LinearLayerGram layer = layers.get(l);
            double[] z = blockSums(s, q[l], n, r, m);
            double weight = 0.0;
            double bias = 0.0;
            for (int i = 0; i < z.length; i++) {
                weight += a[l][i] * z[i];
                bias += z[i];
            }
            grad[ofGroup[layer.weightGroup()]] -= cw[l] * weight;
            if (layer.biasGroup() >= 0) {
                grad[ofGroup[layer.biasGroup()]] -= cb[l] * bias;
            }
        }
        return new LogDetTerm(logDet, grad, dLogScale * (n - traceInv));
    }

    /**
     * The lower triangle (diagonal included) of {@code X = I + Σ_l Q_l ⊙ (cw_l·Ā_l + cb_l)}, in
     * one pass: per row, per block of {@code R} columns, the layers' factors
     * {@code cw_l·A_l[i/R, j/R] + cb_l} and then the entries. The strict upper triangle is left
     * zero (the factorisation does not read it).
     */
    static double[] identityPlusLower(double[][] q, double[][] a, double[] cw, double[] cb, int n, int r, int m) {
        double[] x = new double[n * n];
        forTriangleRows(n, r, q.length, (from, to) -> {
            double[] factor = new double[q.length];
            for (int i = from; i < to; i++) {
                identityPlusLowerRow(q, a, cw, cb, n, r, m, i, factor, x);
            }
        });
        return x;
    }

    private static void identityPlusLowerRow(double[][] q, double[][] a, double[] cw, double[] cb, int n, int r, int m,
                                             int i, double[] factor, double[] x) {
        int count = q.length;
        int ri = i * n;
        int row = (i / r) * m;
        for (int j0 = 0, datum = 0; j0 <= i; j0 += r, datum++) {
            for (int l = 0; l < count; l++) {
                factor[l] = cw[l] * a[l][row + datum] + cb[l];
            }
            int end = Math.min(j0 + r, i + 1);
            for (int j = j0; j < end; j++) {
                double v = 0.0;
                for (int l = 0; l < count; l++) {
                    v += q[l][ri + j] * factor[l];
                }
                x[ri + j] = v;
            }
        }
        x[ri + i] += 1.0;
    }

    /**
     * {@code Z[a, b] = Σ_{i∈a, j∈b} S_ij Q_ij} over the whole symmetric matrices ({@code M×M},
     * {@code a ≥ b} filled, as the traces only need {@code Σ_ab} against the symmetric
     * {@code A}): strictly lower entries count twice, the diagonal once.
     */
    static double[] blockSums(double[] s, double[] q, int n, int r, int m) {
        double[] z = new double[m * m];
        forTriangleRows(n, r, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                int ri = i * n;
                int row = (i / r) * m;
                for (int j0 = 0, datum = 0; j0 < i; j0 += r, datum++) {
                    int end = Math.min(j0 + r, i);
                    double sum = 0.0;
                    for (int j = j0; j < end; j++) {
                        sum += s[ri + j] * q[ri + j];
                    }
                    z[row + datum] += 2.0 * sum;
                }
                z[row + i / r] += s[ri + i] * q[ri + i];
            }
        });
        return z;
    }

    /**
     * Runs {@code body} over the rows {@code [0, n)} of a lower triangle, cut into at most one
     * range per thread at datum boundaries (multiples of {@code r}, so that a datum's rows, which
     * share their {@code Z} and {@code A} row, stay in one range) and balanced by the triangle's
     * area: the cut after {@code t} of {@code T} ranges is near {@code n·√(t/T)}. Each row is
     * computed the same way in any range, so the result does not depend on the thread count.
     */
    static void forTriangleRows(int n, int r, int arrays, Parallel.Range body) {
        int data = (n + r - 1) / r;
        int tasks = Math.max(1, Parallel.tasks(data, (long) arrays * r * n / 2, Parallel.threads()));
        int[] cut = new int[tasks + 1];
        for (int t = 1; t < tasks; t++) {
            cut[t] = Math.min(n, (int) Math.round(data * Math.sqrt((double) t / tasks)) * r);
        }
        cut[tasks] = n;
        Parallel.forEach(tasks, tasks, t -> body.run(cut[t], cut[t + 1]));
    }
}
