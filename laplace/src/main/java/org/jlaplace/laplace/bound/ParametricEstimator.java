package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.curvature.GgnStructure;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * Parametric partition bounds (MATHEMATICS.md §4.4, §4.5): {@code T_b = log det(I + P0⁻¹ H_b)} with the
 * batch GGN {@code H_b} in one of three structures: full ({@code parametric}, equal to the kernel
 * partition bound for the same partition), diagonal ({@code diag}, Hadamard) or block-diagonal
 * over parameter groups ({@code blockdiag}, Fischer). All three are certified lower bounds.
 */
public final class ParametricEstimator implements BoundEstimator<ParametricEstimator.Statistics> {

    /** Unit-scaled curvature: a full {@code P×P}, per-group blocks, or a diagonal. */
    public record Statistics(double[] full, double[][] blocks, double[] diagonal, ParameterGroups groups) {
    }

    private final GgnStructure structure;

    public ParametricEstimator(GgnStructure structure) {
        if (structure == GgnStructure.KRON) {
            throw new IllegalArgumentException("parametric estimator: use KronEstimator for the KRON structure");
        }
        this.structure = structure;
    }

    @Override
    public String name() {
        return switch (structure) {
            case FULL -> "parametric";
            case DIAGONAL -> "diag";
            case BLOCK_DIAGONAL -> "blockdiag";
            case KRON -> "kron";
        };
    }

    @Override
    public boolean isCertifiedBound() {
        return true;
    }

    /** Only the full GGN is the exact value on one batch; diagonal and block-diagonal stay below it. */
    @Override
    public boolean isExactOnWholeData() {
        return structure == GgnStructure.FULL;
    }

    @Override
    public Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
        ParameterGroups groups = batch.groups();
        prior.hyperparameterOfGroup(groups);
        double[] a = likelihood.unitFactor(batch.predictions(), batch.size());
        int r = likelihood.outputs();
        return switch (structure) {
            case FULL -> new Statistics(batch.weightedGgn(a, r), null, null, groups);
            case BLOCK_DIAGONAL -> new Statistics(null, batch.weightedGgnBlocks(a, r), null, groups);
            default -> new Statistics(null, null, batch.weightedGgnDiagonal(a, r), groups);
        };
    }

    @Override
    public LogDetTerm logDetTerm(Statistics s, Likelihood likelihood, Prior prior) {
        double[] d = prior.precisions();
        int[] hyperOf = prior.hyperparameterOfParameter(s.groups());
        double[] grad = new double[d.length];
        double scale = likelihood.factorScale();
        double dLog = likelihood.factorScaleLogGradLogSigma();
        String what = name() + " bound";
        double value;
        double sigma;
        if (s.full() != null) {
            int p = s.groups().totalSize();
            double[] r = ParametricLogDet.block(s.full(), range(0, p), scale, dLog, d, hyperOf, grad, what);
            value = r[0];
            sigma = r[1];
        } else if (s.blocks() != null) {
            value = 0.0;
            sigma = 0.0;
            for (int g = 0; g < s.groups().count(); g++) {
                int lo = s.groups().offset(g);
                double[] r = ParametricLogDet.block(s.blocks()[g], range(lo, lo + s.groups().size(g)), scale, dLog,
                        d, hyperOf, grad, what + " (group " + s.groups().name(g) + ")");
                value += r[0];
                sigma += r[1];
            }
        } else {
            double[] r = ParametricLogDet.diagonal(s.diagonal(), scale, dLog, d, hyperOf, grad);
            value = r[0];
            sigma = r[1];
        }
        return new LogDetTerm(value, grad, sigma);
    }

    private static int[] range(int lo, int hi) {
        int[] r = new int[hi - lo];
        for (int i = 0; i < r.length; i++) {
            r[i] = lo + i;
        }
        return r;
    }
}
