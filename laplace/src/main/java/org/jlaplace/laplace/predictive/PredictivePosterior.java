package org.jlaplace.laplace.predictive;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * A Gaussian Laplace posterior {@code N(θ*, Σ)} pushed through the linearised network (MATHEMATICS.md §8):
 * at each test input {@code f_lin(x*_n) ~ N(f(x*_n; θ*), J*_n Σ J*_nᵀ)} with
 * {@code J*_n = ∂f(x*_n)/∂θ} ({@code C×P}). The implementations differ in how they approximate
 * {@code Σ = (P0 + H)⁻¹} ({@link PosteriorStructure}); none forms {@code Σ} when it is large.
 */
public interface PredictivePosterior {

    /** The structure of the posterior. */
    PosteriorStructure structure();

    /** The predictive at the test batch's inputs: mean {@code f(x*_n; θ*)}, covariance {@code J*_n Σ J*_nᵀ}. */
    PredictiveDistribution predict(JacobianBatch test);

    /**
     * The predictive at every input of {@code test} (a model with the same parameters
     * {@code θ*}), computed in consecutive batches whose weighted Jacobians stay near 64 MB, and
     * joined in data order.
     */
    default PredictiveDistribution predict(LinearizedModel test) {
        return predict(test, TrainingChunks.defaultSize(test.outputs(), test.groups().totalSize()));
    }

    /** {@link #predict(LinearizedModel)} with {@code size} test inputs per batch. */
    default PredictiveDistribution predict(LinearizedModel test, int size) {
        TrainingChunks.checkSize("predictive", size);
        int n = test.dataSize();
        int c = test.outputs();
        double[] mean = new double[n * c];
        double[] cov = new double[n * c * c];
        for (int from = 0; from < n; from += size) {
            PredictiveDistribution part = predict(test.batch(TrainingChunks.range(from, size, n)));
            System.arraycopy(part.mean(), 0, mean, from * c, part.mean().length);
            System.arraycopy(part.covariance(), 0, cov, from * c * c, part.covariance().length);
        }
        return new PredictiveDistribution(mean, cov, n, c);
    }

    /**
     * Fits the posterior of {@code train} (the network at {@code θ*}) with the GGN of all its data.
     * FULL factors {@code P0 + H} or {@code I + G} ({@link GlmPredictive.Form#AUTOMATIC});
     * DIAGONAL and KRON accumulate their curvature over batches of training data so that memory
     * stays bounded for large networks. KRON needs a model whose batches expose their
     * Linear/Conv2d layers and a prior whose precision is constant within each parameter group.
     */
    static PredictivePosterior fit(LinearizedModel train, Likelihood likelihood, Prior prior,
                                   PosteriorStructure structure) {
        return switch (structure) {
            case FULL -> GlmPredictive.fit(train, likelihood, prior, GlmPredictive.Form.AUTOMATIC);
            case DIAGONAL -> DiagonalGlmPredictive.fit(train, likelihood, prior);
            case KRON -> KronGlmPredictive.fit(train, likelihood, prior);
        };
    }

    /**
     * Throws unless {@code test} has the posterior's {@code outputs} and {@code parameters}; the
     * message starts with {@code op}.
     */
    static void checkTestBatch(String op, JacobianBatch test, int outputs, int parameters) {
        if (test.outputs() != outputs || test.groups().totalSize() != parameters) {
            throw new IllegalArgumentException(op + ": test batch has " + test.outputs() + " outputs and "
                    + test.groups().totalSize() + " parameters, posterior has " + outputs + " and " + parameters);
        }
    }
}
