package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.likelihood.LikelihoodKind;
import org.jlaplace.laplace.prior.Prior;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Output-wise kernel bounds (MATHEMATICS.md §4.2, §4.3, §5). For each output {@code c} keep only the
 * {@code M×M} block {@code G_b^(c)}, {@code [G_b^(c)]_nm = g_nc P0⁻¹ g_mcᵀ} with
 * {@code g_nc = a_ncᵀ J_n}: {@code T_b = Σ_c log det(I + G_b^(c))}.
 * <ul>
 *   <li>{@code outputwise}: {@code a_nc} = column {@code c} of the Hessian factor {@code A_n};
 *       a certified bound, ≤ the kernel partition bound (Fischer's inequality).</li>
 *   <li>{@code outputwise-diag}: {@code a_nc = √(Λ_n[c,c])·e_c} (the diagonal Hessian, the
 *       reference code's {@code independent=True}); identical for regression, but for softmax
 *       <b>not guaranteed</b> to be a bound.</li>
 *   <li>single-output sampling: one output {@code c} drawn uniformly per batch, term
 *       {@code C·log det(I + G_b^(c))}, unbiased for the output-wise bound.</li>
 * </ul>
 */
public final class OutputwiseEstimator implements BoundEstimator<OutputwiseEstimator.Statistics> {

    /** The prepared blocks: one statistics per kept output, and the multiplicity of each. */
    public record Statistics(List<KernelStatistics> blocks, double multiplicity) {
    }

    private final boolean diagonalHessian;
    private final SplittableRandom sampler;

    /**
     * @param diagonalHessian use the diagonal of {@code Λ_n} (§4.3) instead of its factor
     * @param sampler         when non-null, one output is drawn per batch (single-output estimator)
     */
    public OutputwiseEstimator(boolean diagonalHessian, SplittableRandom sampler) {
        this.diagonalHessian = diagonalHessian;
        this.sampler = sampler;
    }

    @Override
    public String name() {
        String base = diagonalHessian ? "outputwise-diag" : "outputwise";
        return sampler == null ? base : base + "-single";
    }

    @Override
    public boolean isCertifiedBound() {
        // The diagonal-Hessian variant replaces Λ_n by its diagonal: no guarantee for softmax.
        return !diagonalHessian && sampler == null;
    }

    /** A Gaussian {@code Λ_n} is diagonal already, so there the diagonal-Hessian variant is the output-wise bound. */
    @Override
    public boolean isCertifiedBound(LikelihoodKind likelihood) {
        return sampler == null && (!diagonalHessian || likelihood == LikelihoodKind.GAUSSIAN);
    }

    @Override
    public boolean isStochastic() {
        return sampler != null;
    }

    @Override
    public Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
        int m = batch.size();
        int c = likelihood.outputs();
        double[] f = batch.predictions();
        double[] weights = diagonalHessian ? diagonalAsFactor(likelihood.unitDiagonalFactor(f, m), m, c)
                : likelihood.unitFactor(f, m);
        if (sampler != null) {
            int out;
            synchronized (sampler) {
                out = sampler.nextInt(c);
            }
            double[] column = new double[m * c];
            for (int n = 0; n < m; n++) {
                for (int k = 0; k < c; k++) {
                    column[n * c + k] = weights[(n * c + k) * c + out];
                }
            }
            return new Statistics(List.of(KernelStatistics.of(batch, column, 1, prior)), c);
        }
        List<KernelStatistics> blocks = new ArrayList<>();
        var groups = batch.groups();
        int[] ofGroup = prior.hyperparameterOfGroup(groups);
        int p = groups.totalSize();
        if (ofGroup == null) {
            // Diagonal prior: the rows of B for output r are rows n·C + r.
            double[] b = batch.weightedJacobian(weights, c);
            for (int r = 0; r < c; r++) {
                double[] rows = new double[m * p];
                for (int n = 0; n < m; n++) {
                    System.arraycopy(b, (n * c + r) * p, rows, n * p, p);
                }
                blocks.add(new KernelStatistics(null, rows, m, p));
            }
        } else {
            for (double[][] k : batch.weightedKernelBlocks(weights, c, ofGroup, prior.size())) {
                blocks.add(new KernelStatistics(k, null, m, p));
            }
        }
        return new Statistics(blocks, 1.0);
    }

    /** Weights {@code a[n][c][r] = [c = r]·√λ_nc}: direction {@code r} sees output {@code r} only. */
    private static double[] diagonalAsFactor(double[] d, int m, int c) {
        double[] a = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            for (int k = 0; k < c; k++) {
                a[(n * c + k) * c + k] = d[n * c + k];
            }
        }
        return a;
    }

    /** {@code C} blocks (one when sampling) of {@code M²} per kernel, or {@code M×P} rows for a diagonal prior. */
    @Override
    public long statisticsBytes(BatchDimensions d) {
        long m = d.size();
        long perBlock = d.kernels() > 0 ? d.kernels() * m * m : m * d.parameters();
        return 8 * (sampler != null ? 1 : d.outputs()) * perBlock;
    }

    /** The statistics, one {@code M×M} Cholesky, and {@code B} ({@code M·C×P}) for a diagonal prior. */
    @Override
    public long workingBytes(BatchDimensions d) {
        long m = d.size();
        long extra = d.kernels() > 0 ? 2 * m * m : d.rows() * d.parameters() + 2 * m * d.parameters();
        return statisticsBytes(d) + 8 * extra;
    }

    @Override
    public LogDetTerm logDetTerm(Statistics s, Likelihood likelihood, Prior prior) {
        double[] d = prior.precisions();
        LogDetTerm sum = LogDetTerm.zero(d.length);
        for (KernelStatistics block : s.blocks()) {
            sum = sum.plus(block.logDet(likelihood.factorScale(), likelihood.factorScaleLogGradLogSigma(), d,
                    name() + " bound"));
        }
        return sum.times(s.multiplicity());
    }
}
