package org.jlaplace.laplace;

import org.jlaplace.laplace.curvature.Ggn;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.internal.DenseOps;
import org.jlaplace.laplace.prior.ParameterGroups;

import java.util.List;

/**
 * The network linearised at {@code θ*} on one batch of {@code M} data: its outputs and the
 * Jacobian-derived quantities the bounds need. Everything here is independent of the prior
 * precisions and of {@code σ}, so it is computed once per batch and reused across hyper-steps.
 *
 * <p>Weights {@code a} are row-major {@code M×C×R} ({@code a[n][c][r]}); they define the
 * functions {@code g_nr(θ) = Σ_c a[n][c][r]·f_c(x_n; θ)}, whose Jacobian rows are
 * {@code g_nr = a_nrᵀ J_n} (row index {@code n·R + r}).
 */
public interface JacobianBatch {

    /** Batch size {@code M}. */
    int size();

    /** Number of outputs {@code C}. */
    int outputs();

    /** The parameter groups (sizes sum to {@code P}). */
    ParameterGroups groups();

    /** Network outputs {@code f(x_n; θ*)}, row-major {@code M×C}. */
    double[] predictions();

    /** {@code B = Āᵀ J}: row {@code n·R + r} is {@code a_nrᵀ J_n}; row-major {@code (M·R)×P}. */
    double[] weightedJacobian(double[] a, int r);

    /**
     * Kernels of the weighted functions summed per hyperparameter:
     * {@code W_k = Σ_{g: groupToKernel[g] = k} B_g B_gᵀ}, each {@code (M·R)×(M·R)}.
     * The default forms {@code B}; network batches override it with structured (per-layer Gram)
     * kernels that never materialise the Jacobian.
     */
    default double[][] weightedKernels(double[] a, int r, int[] groupToKernel, int kernels) {
        double[] b = weightedJacobian(a, r);
        ParameterGroups g = groups();
        int rows = size() * r;
        int p = g.totalSize();
        double[][] out = new double[kernels][];
        for (int grp = 0; grp < g.count(); grp++) {
            double[] k = DenseOps.rowGram(b, rows, p, g.offset(grp), g.offset(grp) + g.size(grp));
            int target = groupToKernel[grp];
            if (out[target] == null) {
                out[target] = k;
            } else {
                DenseOps.axpy(1.0, k, out[target]);
            }
        }
        for (int i = 0; i < kernels; i++) {
            if (out[i] == null) {
                out[i] = new double[rows * rows];
            }
        }
        return out;
    }

    /**
     * {@link #weightedKernels} of which only the lower triangles (diagonal included) are meaningful:
     * the entries above the diagonal are unspecified. The log-determinants read no more, and
     * network batches then skip mirroring each {@code (M·R)²} kernel. The default returns the
     * full kernels.
     */
    default double[][] weightedKernelLowerTriangles(double[] a, int r, int[] groupToKernel, int kernels) {
        return weightedKernels(a, r, groupToKernel, kernels);
    }

    /**
     * The weighted kernels layer by layer, unexpanded ({@link LinearLayerGram}), when every
     * parametric layer is Linear; {@code null} otherwise (the default).
     */
    default List<LinearLayerGram> linearLayerGrams(double[] a, int r) {
        return null;
    }

    /** {@code H⁰ = Bᵀ B} ({@code P×P}), the GGN with output weights {@code a}. */
    default double[] weightedGgn(double[] a, int r) {
        int p = groups().totalSize();
        return DenseOps.columnGram(weightedJacobian(a, r), size() * r, p, 0, p);
    }

    /** The diagonal blocks {@code B_gᵀ B_g} of {@link #weightedGgn}, one per parameter group. */
    default double[][] weightedGgnBlocks(double[] a, int r) {
        double[] b = weightedJacobian(a, r);
        ParameterGroups g = groups();
        double[][] out = new double[g.count()][];
        for (int k = 0; k < g.count(); k++) {
            out[k] = DenseOps.columnGram(b, size() * r, g.totalSize(), g.offset(k), g.offset(k) + g.size(k));
        }
        return out;
    }

    /** The diagonal {@code Σ_i B_ip²} of {@link #weightedGgn}. */
    default double[] weightedGgnDiagonal(double[] a, int r) {
        return Ggn.columnSquares(weightedJacobian(a, r), size() * r, groups().totalSize());
    }

    /**
     * The diagonal blocks of {@link #weightedKernels} by direction: entry {@code [r][k]} is the
     * {@code M×M} kernel of the functions {@code g_nr} ({@code n = 1..M}) for hyperparameter
     * {@code k} (the output-wise bounds). The default slices the weights per direction; network
     * batches pull all directions back at once.
     */
    default double[][][] weightedKernelBlocks(double[] a, int r, int[] groupToKernel, int kernels) {
        int m = size();
        int c = outputs();
        double[][][] out = new double[r][][];
        for (int q = 0; q < r; q++) {
            double[] column = new double[m * c];
            for (int n = 0; n < m; n++) {
                for (int k = 0; k < c; k++) {
                    column[n * c + k] = a[(n * c + k) * r + q];
                }
            }
            out[q] = weightedKernels(column, 1, groupToKernel, kernels);
        }
        return out;
    }

    /**
     * Per-layer inputs and weighted output cotangents for KFAC (one entry per Linear/Conv2d
     * layer in model order). Batches that do not know their layers throw
     * {@link UnsupportedOperationException}.
     */
    default List<KronCapture> kronCaptures(double[] a, int r) {
        throw new UnsupportedOperationException("KFAC: this batch (" + getClass().getSimpleName()
                + ") does not expose per-layer activations");
    }
}
