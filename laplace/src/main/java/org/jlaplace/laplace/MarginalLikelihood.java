package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BatchDimensions;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.ParameterGroups;
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

    /**
     * The bound summed over every batch of the partition ({@code exact} ignores it: one batch),
     * streamed: each batch is prepared, its term added to the running sum and its statistics
     * dropped, so peak memory is one batch's ({@link #estimatedBytes}) plus {@code O(P)}, whatever
     * the number of batches. Use {@link #preparePartition} to evaluate the same partition at many
     * hyperparameters.
     */
    public BoundValue partitionBound(Partition partition) {
        BoundSum sum = new BoundSum(estimator, likelihood, prior);
        for (int[] b : batchesOf(partition)) {
            addBatch(sum, b, 1.0);
        }
        return finish(sum);
    }

    /**
     * The partition bound at each of several priors (a grid over {@code δ}), streamed like
     * {@link #partitionBound}: every batch is prepared once, evaluated at every prior and dropped, so
     * memory is one batch's plus {@code O(K)} per prior, not every batch's statistics. The priors
     * must have this one's structure and size (the statistics depend on it); values are those of
     * {@code preparePartition(partition).evaluate(likelihood(), prior)}.
     */
    public List<BoundValue> partitionBounds(Partition partition, List<? extends Prior> priors) {
        List<BoundSum> sums = new ArrayList<>(priors.size());
        for (Prior p : priors) {
            if (!p.structure().equals(prior.structure()) || p.size() != prior.size()) {
                throw new IllegalArgumentException("partition bounds: prepared for a " + prior.structure()
                        + " prior of " + prior.size() + ", asked for a " + p.structure() + " prior of " + p.size());
            }
            sums.add(new BoundSum(estimator, likelihood, p));
        }
        for (int[] indices : batchesOf(partition)) {
            PreparedBound.Batch<S> b = prepareBatch(indices, 1.0);
            for (int k = 0; k < sums.size(); k++) {
                sums.get(k).add(estimator.logDetTerm(b.statistics(), likelihood, priors.get(k)), b.predictions(),
                        b.targets(), b.size(), b.weight());
            }
        }
        List<BoundValue> out = new ArrayList<>(sums.size());
        for (BoundSum sum : sums) {
            out.add(finish(sum));
        }
        return out;
    }

    /** The estimator's value on all data as one batch (the exact value for exact estimators). */
    public BoundValue wholeData() {
        return partitionBound(Partition.contiguous(model.dataSize(), model.dataSize()));
    }

    /**
     * The stochastic estimate (5.1) from one batch: {@code (N/M)[log p(y_b|f_b) − ½T_b] + log prior}.
     */
    public BoundValue estimate(int[] batch) {
        checkEstimateBatch(batch);
        BoundSum sum = new BoundSum(estimator, likelihood, prior);
        addBatch(sum, batch, (double) model.dataSize() / batch.length);
        return finish(sum);
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

    /**
     * Prepares every batch of the partition with weight 1 and keeps their statistics (each in its
     * estimator's smallest sufficient form) for re-evaluation at other hyperparameters; memory grows
     * with the number of batches: see {@link #estimatedBytes(Partition, boolean)}.
     */
    public PreparedBound<S> preparePartition(Partition partition) {
        List<PreparedBound.Batch<S>> prepared = new ArrayList<>();
        for (int[] b : batchesOf(partition)) {
            prepared.add(prepareBatch(b, 1.0));
        }
        return preparedBound(prepared);
    }

    /** Prepares one batch with weight {@code N/M} (the stochastic estimator (5.1)). */
    public PreparedBound<S> prepareEstimate(int[] batch) {
        checkEstimateBatch(batch);
        double weight = (double) model.dataSize() / batch.length;
        return preparedBound(List.of(prepareBatch(batch, weight)));
    }

    /**
     * Estimated peak heap bytes of evaluating this partition's bound: one batch's working memory
     * (the largest batch's, by {@link BoundEstimator#workingBytes}), plus, when
     * {@code keepStatistics} (as {@link #preparePartition} does), every batch's statistics
     * ({@link BoundEstimator#statisticsBytes}) with its predictions and targets. The data, the
     * model's parameters and network activations are not counted. A caller compares it with the
     * free heap before starting.
     */
    public long estimatedBytes(Partition partition, boolean keepStatistics) {
        checkPartition(partition);
        long working = 0;
        long kept = 0;
        for (int[] b : batchesOf(partition)) {
            BatchDimensions d = dimensions(b.length);
            working = Math.max(working, estimator.workingBytes(d));
            if (keepStatistics) {
                kept = saturatingAdd(kept, estimator.statisticsBytes(d));
                kept = saturatingAdd(kept, 8L * b.length * (likelihood.outputs() + likelihood.targetWidth()));
            }
        }
        return saturatingAdd(working, kept);
    }

    /** Estimated peak heap bytes of one stochastic estimate (5.1) on a batch of {@code m} data. */
    public long estimatedBytes(int m) {
        if (m < 1 || m > model.dataSize()) {
            throw new IllegalArgumentException("memory estimate: batch size " + m + " outside 1.." + model.dataSize());
        }
        return estimator.workingBytes(dimensions(m));
    }

    private BatchDimensions dimensions(int m) {
        ParameterGroups g = model.groups();
        int[] sizes = new int[g.count()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = g.size(k);
        }
        int kernels = prior.hyperparameterOfGroup(g) != null ? prior.size() : 0;
        return new BatchDimensions(m, likelihood.outputs(), likelihood.thinFactorRank(), g.totalSize(), sizes,
                kernels);
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private void checkPartition(Partition partition) {
        if (partition.dataSize() != model.dataSize()) {
            throw new IllegalArgumentException("partition of " + partition.dataSize() + " indices for N="
                    + model.dataSize());
        }
    }

    private void checkEstimateBatch(int[] batch) {
        if (estimator.requiresWholeData() && batch.length != model.dataSize()) {
            throw new IllegalArgumentException(estimator.name() + ": needs the whole data set, got a batch of "
                    + batch.length);
        }
    }

    /** The partition's batches, or the whole data as one batch for estimators that need it. */
    private List<int[]> batchesOf(Partition partition) {
        checkPartition(partition);
        return estimator.requiresWholeData()
                ? List.of(Partition.contiguous(model.dataSize(), model.dataSize()).batch(0))
                : partition.batches();
    }

    /** Prepares one batch, adds its weighted term to {@code sum} and lets its statistics go. */
    private void addBatch(BoundSum sum, int[] indices, double weight) {
        PreparedBound.Batch<S> b = prepareBatch(indices, weight);
        sum.add(estimator.logDetTerm(b.statistics(), likelihood, prior), b.predictions(), b.targets(), b.size(),
                b.weight());
    }

    private BoundValue finish(BoundSum sum) {
        boolean perGroup = prior.hyperparameterOfGroup(model.groups()) != null;
        return sum.finish(perGroup ? null : model.parameters(), perGroup ? model.groupSquaredNorms() : null,
                model.groups());
    }

    /** A prior constant on groups needs only the groups' norms of {@code θ*}: no flat copy of it. */
    private PreparedBound<S> preparedBound(List<PreparedBound.Batch<S>> batches) {
        boolean perGroup = prior.hyperparameterOfGroup(model.groups()) != null;
        return new PreparedBound<>(estimator, batches, perGroup ? null : model.parameters(),
                perGroup ? model.groupSquaredNorms() : null, model.groups(), likelihood, prior);
    }

    /**
     * Prepares one batch: whole, or, when the estimator's statistics add up over chunks
     * ({@link BoundEstimator#chunkedStatistics}) and the batch is larger than its
     * {@link BoundEstimator#preparationChunk}, chunk by chunk so that only one chunk is traced at a
     * time (e.g. {@code kron} on all data).
     */
    private PreparedBound.Batch<S> prepareBatch(int[] indices, double weight) {
        int width = likelihood.targetWidth();
        double[] y = new double[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(targets, indices[i] * width, y, i * width, width);
        }
        double[] f = new double[indices.length * model.outputs()];
        S stats = prepare(estimator, model, indices, likelihood, prior, estimator.preparationChunk(), f);
        return new PreparedBound.Batch<>(stats, f, y, indices.length, weight);
    }

    /**
     * The estimator's statistics of the batch {@code indices}, prepared in chunks of at most
     * {@code chunk} data when the estimator offers {@link BoundEstimator#chunkedStatistics} (else
     * whole); the batch's predictions are written to {@code predictions} ({@code M×C}).
     */
    static <S> S prepare(BoundEstimator<S> estimator, LinearizedModel model, int[] indices, Likelihood likelihood,
                         Prior prior, int chunk, double[] predictions) {
        if (chunk < 1) {
            throw new IllegalArgumentException("prepare: chunk of " + chunk + " data");
        }
        BoundEstimator.ChunkedStatistics<S> chunked = indices.length > chunk
                ? estimator.chunkedStatistics(likelihood, prior) : null;
        if (chunked == null) {
            JacobianBatch batch = model.batch(indices);
            System.arraycopy(batch.predictions(), 0, predictions, 0, predictions.length);
            return estimator.prepare(batch, likelihood, prior);
        }
        int c = model.outputs();
        for (int lo = 0; lo < indices.length; lo += chunk) {
            int hi = Math.min(indices.length, lo + chunk);
            JacobianBatch batch = model.batch(java.util.Arrays.copyOfRange(indices, lo, hi));
            System.arraycopy(batch.predictions(), 0, predictions, lo * c, (hi - lo) * c);
            chunked.add(batch);
        }
        return chunked.finish();
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
