package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.LinearLayerGram;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

import java.util.List;

/**
 * One batch's {@code T_b = log det(I_P + s·P0⁻¹ H⁰_b)} with the full GGN
 * {@code H⁰_b = B⁰ᵀB⁰}, {@code B⁰ = Ā⁰ᵀJ_b} weighted by the thin unit factor ({@code n = M·R} rows,
 * {@code R = C−1} for a softmax, {@code C} otherwise), in either of its two equal forms
 * (Sylvester's identity {@code det(I_P + D^{-½}B⁰ᵀB⁰D^{-½}) = det(I_n + B⁰D⁻¹B⁰ᵀ)}, {@code D = P0/s}):
 * <ul>
 *   <li>the kernel form, an {@code n×n} Cholesky ({@link KernelLogDet}): unit kernels per
 *       hyperparameter for priors constant on groups, the factor {@code B⁰} ({@code n×P}) for a
 *       diagonal prior;</li>
 *   <li>the parameter form, a {@code P×P} Cholesky of the GGN ({@link ParametricLogDet}).</li>
 * </ul>
 * {@link Form#CHEAPER} picks the kernel form when {@code n ≤ P}: its cost and its memory
 * ({@code n²} per kernel, {@code n·P} for the factor) are then at most those of the
 * {@code P×P} form, and otherwise the parameter form's {@code P²} is smaller. Both give the same
 * value and hyper-gradients up to rounding. The kernel bound, the full parametric bound and the
 * exact value all evaluate their batches here.
 */
public final class FullCurvature {

    /** Which form to use. */
    public enum Form {
        /** The kernel form when {@code n = M·R ≤ P}, else the parameter form. */
        CHEAPER,
        /** Always {@code n×n}. */
        KERNEL,
        /** Always {@code P×P}. */
        PARAMETER
    }

    /**
     * The prepared statistics: {@code kernel} (kernel form), {@code layers} (kernel form kept layer
     * by layer, for a prior with several hyperparameters on an all-Linear network:
     * {@link LayerGramLogDet}, {@code rows = M·R}) or {@code ggn}, the unit GGN {@code H⁰}
     * ({@code P×P}, parameter form).
     */
    public record Statistics(KernelStatistics kernel, List<LinearLayerGram> layers, int rows, double[] ggn,
                             ParameterGroups groups) {
        /** Whether the kernel form was chosen. */
        public boolean kernelForm() {
            return kernel != null || layers != null;
        }
    }

    private FullCurvature() {
    }

    /** Whether {@code form} evaluates a batch of {@code n} kernel rows and {@code p} parameters in kernel form. */
    public static boolean usesKernelForm(Form form, long n, long p) {
        return switch (form) {
            case KERNEL -> true;
            case PARAMETER -> false;
            case CHEAPER -> n <= p;
        };
    }

    /** The batch's statistics in the chosen form. */
    public static Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior, Form form) {
        ParameterGroups groups = batch.groups();
        int r = likelihood.thinFactorRank();
        double[] a = likelihood.thinUnitFactor(batch.predictions(), batch.size());
        int rows = batch.size() * r;
        if (usesKernelForm(form, rows, groups.totalSize())) {
            // Several kernels: per-layer Grams halve the (M·R)² storage (a scalar prior's single
            // kernel is cheaper summed).
            if (prior.size() > 1 && prior.hyperparameterOfGroup(groups) != null) {
                List<LinearLayerGram> layers = batch.linearLayerGrams(a, r);
                if (layers != null) {
                    return new Statistics(null, layers, rows, null, groups);
                }
            }
            return new Statistics(KernelStatistics.of(batch, a, r, prior), null, rows, null, groups);
        }
        prior.hyperparameterOfGroup(groups); // checks the prior's size against the groups
        return new Statistics(null, null, rows, batch.weightedGgn(a, r), groups);
    }

    /** The batch's term and its hyper-gradients at the given hyperparameters. */
    public static LogDetTerm logDet(Statistics s, Likelihood likelihood, Prior prior, String what) {
        double scale = likelihood.factorScale();
        double dLog = likelihood.factorScaleLogGradLogSigma();
        double[] d = prior.precisions();
        if (s.layers() != null) {
            return LayerGramLogDet.of(s.layers(), s.rows(), scale, dLog, prior.hyperparameterOfGroup(s.groups()), d,
                    what);
        }
        if (s.kernelForm()) {
            return s.kernel().logDet(scale, dLog, d, what);
        }
        int p = s.groups().totalSize();
        double[] grad = new double[d.length];
        int[] all = new int[p];
        for (int i = 0; i < p; i++) {
            all[i] = i;
        }
        double[] r = ParametricLogDet.block(s.ggn(), all, scale, dLog, d, prior.hyperparameterOfParameter(s.groups()),
                grad, what);
        return new LogDetTerm(r[0], grad, r[1]);
    }

    /**
     * Bytes of the statistics {@link #prepare} keeps for a batch of {@code n} kernel rows:
     * {@code kernels·n²} doubles (scalar or layerwise prior; an upper bound when the network's
     * Linear layers keep one {@code n²} Gram each), {@code n·P} (diagonal prior) or {@code P²}
     * (parameter form).
     *
     * @param kernels the prior's hyperparameter count for priors constant on groups, or 0 for a
     *                diagonal prior
     */
    public static long statisticsBytes(Form form, long n, long p, int kernels) {
        if (!usesKernelForm(form, n, p)) {
            return 8 * p * p;
        }
        return 8 * (kernels > 0 ? kernels * n * n : n * p);
    }

    /**
     * Peak bytes of preparing and evaluating one batch: the statistics, the factorised matrix,
     * and the temporaries ({@code B⁰}, its scaled copy and solve for a diagonal prior; the GGN's
     * per-layer products, bounded by {@code n·P}, in parameter form).
     */
    public static long workingBytes(Form form, long n, long p, int kernels) {
        long stats = statisticsBytes(form, n, p, kernels);
        if (!usesKernelForm(form, n, p)) {
            return stats + 8 * p * p + 8 * Math.min(n * p, p * p);
        }
        return stats + 8 * n * n + (kernels > 0 ? 8 * n * n : 16 * n * p);
    }
}
