package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.likelihood.LikelihoodKind;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.PriorStructure;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One bound (or approximation) of the linearised-Laplace log marginal likelihood, written as a
 * sum over batches of a log-determinant term (MATHEMATICS.md §4-§5):
 * {@code L = Σ_b [Σ_{n∈b} log p(y_n|f_n) − ½·T_b] − ½ Σ_p δ_p θ*_p²}.
 * An implementation supplies {@code T_b} and its hyper-gradients for one batch in two steps:
 * <ol>
 *   <li>{@link #prepare}: the batch's kernels or curvature. It must not depend on the prior
 *       precision values or on {@code σ} (only on the prior's structure), so that it runs once per
 *       batch and is reused across hyper-steps;</li>
 *   <li>{@link #logDetTerm}: the term's value and gradients at given hyperparameters.</li>
 * </ol>
 *
 * <p>An estimator also <b>declares what it supports</b>: which prior structures and likelihoods,
 * whether it needs the whole data set as one batch, whether its value is a certified lower bound,
 * whether it samples, and whether it needs per-layer captures of the model. The command line and
 * the property tests read these declarations instead of testing names. Register a new estimator
 * in {@link Estimators} (the key is its {@link #name()}) and both pick it up.
 *
 * @param <S> the prepared per-batch statistics
 */
public interface BoundEstimator<S> {

    /** The registry name, e.g. {@code kernel}; the key of {@link Estimators}. */
    String name();

    /**
     * Whether the value is a guaranteed lower bound on the exact log marginal likelihood for every
     * likelihood it supports.
     */
    boolean isCertifiedBound();

    /**
     * Whether the value is a guaranteed lower bound for this kind of likelihood. The default is
     * {@link #isCertifiedBound()}; an estimator that is a bound for some likelihoods only says so
     * here.
     */
    default boolean isCertifiedBound(LikelihoodKind likelihood) {
        return isCertifiedBound();
    }

    /** Whether the estimator only makes sense on the whole data set as one batch (partitions are ignored). */
    default boolean requiresWholeData() {
        return false;
    }

    /**
     * Whether a partition into one batch of all the data gives the exact log marginal likelihood
     * (and its gradients), e.g. the kernel and full parametric partition bounds.
     */
    default boolean isExactOnWholeData() {
        return false;
    }

    /**
     * Whether {@link #prepare} draws random numbers, so that the value is a stochastic estimate
     * whose draws depend on the registry seed.
     */
    default boolean isStochastic() {
        return false;
    }

    /**
     * Whether the estimator needs the per-layer captures of {@link JacobianBatch#kronCaptures}
     * (a network model whose parametric layers are Linear or Conv2d), not only Jacobian products.
     */
    default boolean needsLayerCaptures() {
        return false;
    }

    /** The prior structures the estimator accepts; all by default. */
    default Set<PriorStructure> supportedPriors() {
        return EnumSet.allOf(PriorStructure.class);
    }

    /** The likelihoods the estimator accepts; all by default. */
    default Set<LikelihoodKind> supportedLikelihoods() {
        return EnumSet.allOf(LikelihoodKind.class);
    }

    /** Whether the estimator accepts this likelihood and this prior. */
    default boolean supports(Likelihood likelihood, Prior prior) {
        return supportedLikelihoods().contains(likelihood.kind()) && supportedPriors().contains(prior.structure());
    }

    /**
     * Throws an {@link IllegalArgumentException} naming the estimator, the rejected choice and the
     * supported ones unless {@link #supports} holds.
     */
    default void requireSupport(Likelihood likelihood, Prior prior) {
        if (!supportedPriors().contains(prior.structure())) {
            throw new IllegalArgumentException(name() + " estimator: supports " + listed(supportedPriors())
                    + " priors only, got a " + prior.structure() + " prior");
        }
        if (!supportedLikelihoods().contains(likelihood.kind())) {
            throw new IllegalArgumentException(name() + " estimator: supports " + listed(supportedLikelihoods())
                    + " likelihoods only, got " + likelihood.kind());
        }
    }

    private static String listed(Set<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(" or "));
    }

    /** The hyperparameter-independent statistics of one batch. */
    S prepare(JacobianBatch batch, Likelihood likelihood, Prior prior);

    /**
     * Statistics that add up over chunks of a batch: {@link #prepare} of a batch equals, up to
     * rounding, {@link ChunkedStatistics#finish} after {@link ChunkedStatistics#add} of its chunks'
     * sub-batches in any split. An estimator that offers this is prepared chunk by chunk
     * ({@link #preparationChunk} data at a time) on batches larger than a chunk, so peak memory is
     * one chunk's. {@code null} (the default) when the statistics do not add up.
     */
    default ChunkedStatistics<S> chunkedStatistics(Likelihood likelihood, Prior prior) {
        return null;
    }

    /**
     * The most data per chunk when {@link #chunkedStatistics} is offered (so the most data traced
     * through the model at once); {@link Integer#MAX_VALUE}, the default, when it is not.
     */
    default int preparationChunk() {
        return Integer.MAX_VALUE;
    }

    /** Statistics accumulated over chunks of data; see {@link #chunkedStatistics}. */
    interface ChunkedStatistics<S> {
        /** Adds one chunk (a batch of some of the data). */
        void add(JacobianBatch chunk);

        /** The statistics of every chunk added. */
        S finish();
    }

    /** The batch's log-determinant term and its gradients at the given hyperparameters. */
    LogDetTerm logDetTerm(S statistics, Likelihood likelihood, Prior prior);

    /**
     * Estimated heap bytes of the statistics {@link #prepare} keeps for one batch (what a
     * {@code PreparedBound} holds per batch). The default assumes a weighted Jacobian,
     * {@code M·C×P} doubles.
     */
    default long statisticsBytes(BatchDimensions d) {
        return 8 * d.rows() * d.parameters();
    }

    /**
     * Estimated peak heap bytes of preparing one batch and evaluating its term, the statistics
     * included (network activations, {@code O(M·width)}, are not counted). The default is twice
     * {@link #statisticsBytes}.
     */
    default long workingBytes(BatchDimensions d) {
        return 2 * statisticsBytes(d);
    }
}
