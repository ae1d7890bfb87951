package org.jlaplace.laplace.predictive;

import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Linalg;
import org.jlaplace.core.linalg.SymmetricEigen;
import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.curvature.KronFactors;
import org.jlaplace.laplace.curvature.KronSums;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

import java.util.ArrayList;
import java.util.List;

/**
 * The GLM predictive of the KFAC Laplace posterior (laplace-torch's {@code KronLaplace}). Per
 * Linear/Conv2d layer the GGN is approximated as {@link KronFactors} do: weight block
 * {@code B ⊗ A} ({@code A = (1/(N·T)) Σ a aᵀ} over inputs, {@code in×in}; {@code B = Σ b bᵀ} over
 * output cotangents with the likelihood's Hessian factor, {@code out×out}), bias block {@code B};
 * blocks of different layers and the weight–bias blocks are zero. With the eigen-decompositions
 * {@code A = Q_A Λ_A Q_Aᵀ}, {@code B = Q_B Λ_B Q_Bᵀ} the posterior covariance of the weights is
 * {@code (B ⊗ A + δ_w I)⁻¹ = (Q_B ⊗ Q_A)(Λ_B ⊗ Λ_A + δ_w I)⁻¹(Q_B ⊗ Q_A)ᵀ} and of the bias
 * {@code Q_B (Λ_B + δ_b I)⁻¹ Q_Bᵀ}, so
 * {@code Σ*_n = Σ_layers [Σ_{o,i} M_k[o,i] M_k'[o,i] / (λ^B_o λ^A_i + δ_w) + Σ_o s̃_k[o] s̃_k'[o] / (λ^B_o + δ_b)]}
 * with {@code M_k = Q_Bᵀ J*_{n,k,l} Q_A} (the Jacobian row reshaped {@code out×in}) and
 * {@code s̃_k = Q_Bᵀ} times the bias Jacobian row ({@link LayerPosterior}); the {@code P×P}
 * matrix is never formed.
 *
 * <p><b>Priors:</b> {@code δ_w} and {@code δ_b} are the precisions of the weight and the bias
 * group (scalar or layerwise priors, or any per-parameter precisions that are constant within
 * each group). A prior whose precision varies inside a group (a general diagonal prior) breaks the
 * Kronecker eigenbasis and is rejected with an {@link IllegalArgumentException}; use the
 * {@link PosteriorStructure#DIAGONAL} posterior for it.
 */
public final class KronGlmPredictive implements PredictivePosterior {
    private static final String OP = "KFAC GLM predictive";

    private final List<LayerPosterior> layers;
    private final ParameterGroups groups;
    private final int c;

    private KronGlmPredictive(List<LayerPosterior> layers, ParameterGroups groups, int c) {
        this.layers = layers;
        this.groups = groups;
        this.c = c;
    }

    /**
     * The posterior from per-layer KFAC factors of the training GGN and per-parameter prior
     * precisions.
     *
     * @throws IllegalArgumentException if {@code precisions} does not have {@code P} entries, a
     *                                  precision is non-positive or non-finite or varies within a
     *                                  weight or bias group, or a factor does not fit its groups
     */
    public static KronGlmPredictive of(List<KronFactors> factors, double[] precisions, ParameterGroups groups,
                                       int outputs) {
        int p = groups.totalSize();
        if (precisions.length != p) {
            throw new IllegalArgumentException(OP + ": " + precisions.length + " prior precisions, model has P = " + p);
        }
        if (outputs < 1) {
            throw new IllegalArgumentException(OP + ": outputs must be ≥ 1, got " + outputs);
        }
        List<LayerPosterior> layers = new ArrayList<>(factors.size());
        int covered = 0;
        for (KronFactors f : factors) {
            checkGroup(groups, f.weightGroup(), f.in() * f.out(), "weight");
            double dw = groupPrecision(precisions, groups, f.weightGroup());
            SymmetricEigen ea = Linalg.symmetricEigen(Tensor.copyOf(f.a(), f.in(), f.in()));
            SymmetricEigen eb = Linalg.symmetricEigen(Tensor.copyOf(f.b(), f.out(), f.out()));
            double[] la = ea.values().toArray();
            double[] lb = eb.values().toArray();
            double[] vw = new double[f.out() * f.in()];
            for (int o = 0; o < f.out(); o++) {
                for (int i = 0; i < f.in(); i++) {
                    // The factors are PSD: a rounding-level negative eigenvalue is cut to zero.
                    vw[o * f.in() + i] = 1.0 / (Math.max(lb[o], 0.0) * Math.max(la[i], 0.0) + dw);
                }
            }
            double[] vb = null;
            covered += f.in() * f.out();
            if (f.biasGroup() >= 0) {
                checkGroup(groups, f.biasGroup(), f.out(), "bias");
                double db = groupPrecision(precisions, groups, f.biasGroup());
                vb = new double[f.out()];
                for (int o = 0; o < f.out(); o++) {
                    vb[o] = 1.0 / (Math.max(lb[o], 0.0) + db);
                }
                covered += f.out();
            }
            layers.add(new LayerPosterior(f.weightGroup(), f.biasGroup(), f.in(), f.out(), ea.vectors().toArray(),
                    eb.vectors().toArray(), vw, vb));
        }
        if (covered != p) {
            throw new IllegalArgumentException(OP + ": the KFAC factors cover " + covered + " of the " + p
                    + " parameters");
        }
        return new KronGlmPredictive(layers, groups, outputs);
    }

    /**
     * The posterior with the KFAC factors of all of {@code train}, accumulated in chunks whose
     * captured layer inputs and cotangents hold about {@link TrainingChunks#DOUBLES_PER_BATCH}
     * doubles (sized from the first datum's captures).
     */
    public static KronGlmPredictive fit(LinearizedModel train, Likelihood likelihood, Prior prior) {
        return fitInChunks(train, likelihood, prior, 0);
    }

    /**
     * As {@link #fit(LinearizedModel, Likelihood, Prior)}, {@code batchSize} training data at a
     * time: per layer {@code A = (Σ_j Σ a aᵀ) / (N·T)} and {@code B = Σ_j Σ b bᵀ} over the batches
     * {@code j} ({@link KronSums}), which equals the factors of one batch holding all data.
     *
     * @throws IllegalArgumentException      for a prior that varies within a group (see the class comment)
     * @throws UnsupportedOperationException if the model's batches do not expose their layers
     */
    public static KronGlmPredictive fit(LinearizedModel train, Likelihood likelihood, Prior prior, int batchSize) {
        TrainingChunks.checkSize(OP, batchSize);
        return fitInChunks(train, likelihood, prior, batchSize);
    }

    /** The fit with {@code batchSize} data per chunk, or sized from the first datum when it is 0. */
    private static KronGlmPredictive fitInChunks(LinearizedModel train, Likelihood likelihood, Prior prior,
                                                 int batchSize) {
        int n = train.dataSize();
        if (n < 1) {
            throw new IllegalArgumentException(OP + ": no training data");
        }
        double[] precisions = prior.precisionPerParameter(train.groups());
        checkPriorFits(precisions, train.groups(), prior);
        KronSums sums = new KronSums();
        CapturePass.run(train, likelihood, batchSize, sums::add);
        return of(sums.factors(), precisions, train.groups(), train.outputs());
    }

    @Override
    public PosteriorStructure structure() {
        return PosteriorStructure.KRON;
    }

    /** {@link #predict(LinearizedModel, int)} in batches sized by the test inputs' layer captures. */
    @Override
    public PredictiveDistribution predict(LinearizedModel test) {
        return predict(test, TrainingChunks.testChunkSize(test));
    }

    @Override
    public PredictiveDistribution predict(JacobianBatch test) {
        int p = groups.totalSize();
        PredictivePosterior.checkTestBatch(OP, test, c, p);
        int m = test.size();
        List<KronCapture> captures = test.kronCaptures(Identity.perDatum(m, c), c);
        if (captures.size() != layers.size()) {
            throw new IllegalArgumentException(OP + ": test batch has " + captures.size() + " layers, posterior has "
                    + layers.size());
        }
        double[] cov = new double[m * c * c];
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).addCovariance(captures.get(l), c, cov, OP);
        }
        return new PredictiveDistribution(test.predictions(), cov, m, c);
    }

    private static void checkGroup(ParameterGroups groups, int g, int size, String what) {
        if (g < 0 || g >= groups.count() || groups.size(g) != size) {
            throw new IllegalArgumentException(OP + ": " + what + " group " + g + " does not hold " + size
                    + " parameters (model has " + groups.count() + " groups)");
        }
    }

    /** The one precision of group {@code g}; rejects values that vary within it or are not positive. */
    private static double groupPrecision(double[] precisions, ParameterGroups groups, int g) {
        int off = groups.offset(g);
        double d = precisions[off];
        for (int q = off; q < off + groups.size(g); q++) {
            if (!(precisions[q] > 0.0) || Double.isInfinite(precisions[q])) {
                throw new IllegalArgumentException(OP + ": prior precision δ at parameter " + q + " is "
                        + precisions[q] + ", must be finite and > 0");
            }
            if (precisions[q] != d) {
                throw new IllegalArgumentException(OP + ": prior precision varies within group '" + groups.name(g)
                        + "' (" + d + " at parameter " + off + ", " + precisions[q] + " at " + q
                        + "); KFAC needs one precision per weight and bias group: use a scalar or layerwise"
                        + " prior, or the diagonal posterior");
            }
        }
        return d;
    }

    /** Fails before the expensive factor pass when the prior cannot fit. */
    private static void checkPriorFits(double[] precisions, ParameterGroups groups, Prior prior) {
        for (int g = 0; g < groups.count(); g++) {
            try {
                groupPrecision(precisions, groups, g);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (prior structure " + prior.structure() + ")", e);
            }
        }
    }
}
