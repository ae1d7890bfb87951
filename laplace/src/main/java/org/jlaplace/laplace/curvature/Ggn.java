package org.jlaplace.laplace.curvature;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.internal.DenseOps;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;

/**
 * The generalised Gauss-Newton {@code H = Σ_n J_nᵀ Λ_n J_n = Bᵀ B} with {@code B = Āᵀ J}
 * (MATHEMATICS.md §3) and its structured parts: the diagonal {@code H_pp = Σ_i B_ip²}, and the
 * block-diagonal over parameter groups {@code H_gg = B_gᵀ B_g}.
 */
public final class Ggn {
    private Ggn() {
    }

    /** The full GGN of a batch, {@code P×P}. */
    public static double[] full(JacobianBatch batch, Likelihood likelihood) {
        return batch.weightedGgn(factor(batch, likelihood), likelihood.outputs());
    }

    /** The diagonal of the GGN of a batch, length {@code P}. */
    public static double[] diagonal(JacobianBatch batch, Likelihood likelihood) {
        return batch.weightedGgnDiagonal(factor(batch, likelihood), likelihood.outputs());
    }

    /** The diagonal blocks {@code H_gg} of the GGN of a batch, one per parameter group. */
    public static double[][] blockDiagonal(JacobianBatch batch, Likelihood likelihood) {
        return batch.weightedGgnBlocks(factor(batch, likelihood), likelihood.outputs());
    }

    /** {@code Σ_i B_ip²} for each column {@code p} of an {@code rows×p} matrix. */
    public static double[] columnSquares(double[] b, int rows, int p) {
        double[] d = new double[p];
        for (int i = 0; i < rows; i++) {
            for (int q = 0; q < p; q++) {
                double v = b[i * p + q];
                d[q] += v * v;
            }
        }
        return d;
    }

    /** {@code B_gᵀ B_g} for each parameter group of an {@code rows×P} matrix {@code B}. */
    public static double[][] blocks(double[] b, ParameterGroups groups) {
        int p = groups.totalSize();
        int rows = b.length / p;
        double[][] out = new double[groups.count()][];
        for (int g = 0; g < groups.count(); g++) {
            out[g] = DenseOps.columnGram(b, rows, p, groups.offset(g), groups.offset(g) + groups.size(g));
        }
        return out;
    }

    private static double[] factor(JacobianBatch batch, Likelihood likelihood) {
        return likelihood.hessianFactor(batch.predictions(), batch.size());
    }
}
