package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.curvature.GgnStructure;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * Parametric partition bounds (MATHEMATICS.md §4.4, §4.5): {@code T_b = log det(I + P0⁻¹ H_b)} with the
 * batch GGN {@code H_b} in one of three structures: full ({@code parametric}, equal to the kernel
 * partition bound for the same partition, and evaluated the same way, in the cheaper of the
 * {@code M·R×M·R} kernel form and the {@code P×P} form: a batch of one datum never forms
 * {@code P×P}), diagonal ({@code diag}, Hadamard) or block-diagonal
 * over parameter groups ({@code blockdiag}, Fischer). All three are certified lower bounds.
 */
public final class ParametricEstimator implements BoundEstimator<ParametricEstimator.Statistics> {

    /**
     * Unit-scaled curvature: the full GGN in the cheaper of its two forms ({@link FullCurvature}:
     * the kernel form, whose {@code M·R} rows are fewer than {@code P} for small batches, or
     * {@code P×P}), per-group blocks, or a diagonal.
     */
    public record Statistics(FullCurvature.Statistics full, double[][] blocks, double[] diagonal,
                             ParameterGroups groups) {
    }

    private final GgnStructure structure;
    private final FullCurvature.Form form;

    public ParametricEstimator(GgnStructure structure) {
        this(structure, FullCurvature.Form.CHEAPER);
    }

    /** With the form of the full structure fixed (tests compare the forms); ignored by the others. */
    public ParametricEstimator(GgnStructure structure, FullCurvature.Form form) {
        if (structure == GgnStructure.KRON) {
            throw new IllegalArgumentException("parametric estimator: use KronEstimator for the KRON structure");
        }
        this.structure = structure;
        this.form = form;
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
        if (structure == GgnStructure.FULL) {
            return new Statistics(FullCurvature.prepare(batch, likelihood, prior, form), null, null, groups);
        }
        double[] a = likelihood.unitFactor(batch.predictions(), batch.size());
        int r = likelihood.outputs();
        return switch (structure) {
            case BLOCK_DIAGONAL -> new Statistics(null, batch.weightedGgnBlocks(a, r), null, groups);
            default -> new Statistics(null, null, batch.weightedGgnDiagonal(a, r), groups);
        };
    }

    @Override
    public LogDetTerm logDetTerm(Statistics s, Likelihood likelihood, Prior prior) {
        String what = name() + " bound";
        if (s.full() != null) {
            return FullCurvature.logDet(s.full(), likelihood, prior, what);
        }
        double[] d = prior.precisions();
        int[] hyperOf = prior.hyperparameterOfParameter(s.groups());
        double[] grad = new double[d.length];
        double scale = likelihood.factorScale();
        double dLog = likelihood.factorScaleLogGradLogSigma();
        double value;
        double sigma;
        if (s.blocks() != null) {
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

    @Override
    public long statisticsBytes(BatchDimensions d) {
        return switch (structure) {
            case FULL -> FullCurvature.statisticsBytes(form, d.thinRows(), d.parameters(), d.kernels());
            case BLOCK_DIAGONAL -> 8 * d.blockEntries();
            default -> 8L * d.parameters();
        };
    }

    /** The statistics plus the factorised copy (a block at a time) or, for the diagonal, nothing more. */
    @Override
    public long workingBytes(BatchDimensions d) {
        return switch (structure) {
            case FULL -> FullCurvature.workingBytes(form, d.thinRows(), d.parameters(), d.kernels());
            case BLOCK_DIAGONAL -> {
                long largest = 0;
                for (int g : d.groupSizes()) {
                    largest = Math.max(largest, (long) g * g);
                }
                yield 8 * (d.blockEntries() + largest);
            }
            default -> 16L * d.parameters();
        };
    }

    private static int[] range(int lo, int hi) {
        int[] r = new int[hi - lo];
        for (int i = 0; i < r.length; i++) {
            r[i] = lo + i;
        }
        return r;
    }
}
