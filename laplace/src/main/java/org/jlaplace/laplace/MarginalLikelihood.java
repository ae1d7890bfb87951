package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The linearised-Laplace log marginal likelihood of a trained model, its bounds and stochastic
 * estimators: likelihood × prior structure × estimator combined (the factory is
 * {@link Laplace#marginalLikelihood}). Every method returns the value, its decomposition and its
 * hyper-gradients; {@code prepare…} methods return a {@link PreparedBound} to re-evaluate at new
 * hyperparameters without recomputing Jacobians.
 *
 * @param <S> the estimator's per-batch statistics
 */
public final class MarginalLikelihood<S> {
    private final LinearizedModel model;
    private final double[] targets;
    private final Likelihood likelihood;
    private final Prior prior;
    private final BoundEstimator<S> estimator;

    MarginalLikelihood(LinearizedModel model, double[] targets, Likelihood likelihood, Prior prior,
                       BoundEstimator<S> estimator) {
        int width = likelihood.targetWidth();
        if (targets.length != (long) model.dataSize() * width) {
            throw new IllegalArgumentException("marginal likelihood: " + targets.length + " target values for N="
                    + model.dataSize() + " data of width " + width);
        }
        if (model.outputs() != likelihood.outputs()) {
            throw new IllegalArgumentException("marginal likelihood: model has " + model.outputs()
                    + " outputs, likelihood expects " + likelihood.outputs());
        }
        prior.precisionPerParameter(model.groups());
        estimator.requireSupport(likelihood, prior);
        this.model = model;
        this.targets = targets;
        this.likelihood = likelihood;
        this.prior = prior;
        this.estimator = estimator;
    }

    /** The bound summed over every batch of the partition ({@code exact} ignores it: one batch). */
    public BoundValue partitionBound(Partition partition) {
        return preparePartition(partition).evaluate(likelihood, prior);
    }

    /** The estimator's value on all data as one batch (the exact value for exact estimators). */
    public BoundValue wholeData() {
        return partitionBound(Partition.contiguous(model.dataSize(), model.dataSize()));
    }

    /**
     * The stochastic estimate (5.1) from one batch: {@code (N/M)[log p(y_b|f_b) − ½T_b] + log prior}.
     */
    public BoundValue estimate(int[] batch) {
        return prepareEstimate(batch).evaluate(likelihood, prior);
    }

    /** (5.1) on a batch of the partition drawn by {@link Partition#drawBatch} (uniform for equal batch sizes). */
    public BoundValue estimate(Partition partition, SplittableRandom rng) {
        return estimate(partition.drawBatch(rng));
    }

    /** (5.1) on a fresh uniformly random subset of size {@code m}. */
    public BoundValue estimateRandomSubset(int m, SplittableRandom rng) {
        if (m < 1 || m > model.dataSize()) {
            throw new IllegalArgumentException("random subset: size " + m + " outside 1.." + model.dataSize());
        }
        int[] perm = Partition.permutation(model.dataSize(), rng);
        return estimate(java.util.Arrays.copyOf(perm, m));
    }

    /** Prepares every batch of the partition with weight 1. */
    public PreparedBound<S> preparePartition(Partition partition) {
        if (partition.dataSize() != model.dataSize()) {
            throw new IllegalArgumentException("partition of " + partition.dataSize() + " indices for N="
                    + model.dataSize());
        }
        List<int[]> batches = estimator.requiresWholeData()
                ? List.of(Partition.contiguous(model.dataSize(), model.dataSize()).batch(0))
                : partition.batches();
        List<PreparedBound.Batch<S>> prepared = new ArrayList<>();
        for (int[] b : batches) {
            prepared.add(prepareBatch(b, 1.0));
        }
        return preparedBound(prepared);
    }

    /** Prepares one batch with weight {@code N/M} (the stochastic estimator (5.1)). */
    public PreparedBound<S> prepareEstimate(int[] batch) {
        if (estimator.requiresWholeData() && batch.length != model.dataSize()) {
            throw new IllegalArgumentException(estimator.name() + ": needs the whole data set, got a batch of "
                    + batch.length);
        }
        double weight = (double) model.dataSize() / batch.length;
        return preparedBound(List.of(prepareBatch(batch, weight)));
    }

    /** A prior constant on groups needs only the groups' norms of {@code θ*}: no flat copy of it. */
    private PreparedBound<S> preparedBound(List<PreparedBound.Batch<S>> batches) {
        boolean perGroup = prior.hyperparameterOfGroup(model.groups()) != null;
        return new PreparedBound<>(estimator, batches, perGroup ? null : model.parameters(),
                perGroup ? model.groupSquaredNorms() : null, model.groups(), likelihood, prior);
    }

    private PreparedBound.Batch<S> prepareBatch(int[] indices, double weight) {
        JacobianBatch batch = model.batch(indices);
        int width = likelihood.targetWidth();
        double[] y = new double[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(targets, indices[i] * width, y, i * width, width);
        }
        S stats = estimator.prepare(batch, likelihood, prior);
        return new PreparedBound.Batch<>(stats, batch.predictions(), y, indices.length, weight);
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    public Prior prior() {
        return prior;
    }

    public BoundEstimator<S> estimator() {
        return estimator;
    }

    public LinearizedModel model() {
        return model;
    }
}
