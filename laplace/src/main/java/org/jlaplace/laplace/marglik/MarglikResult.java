package org.jlaplace.laplace.marglik;

import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.core.Rng;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;

/**
 * The outcome of {@link MarglikOptimizer#train}: the network (trained in place) holds the MAP
 * parameters; this holds the learned prior and likelihood, the learned extents, the per-epoch
 * history, and can estimate the bound at the result.
 */
public final class MarglikResult {
    private final TrainingObjective objective;
    private final MarglikConfig config;
    private final int[] labels;
    private final int n;
    private final Prior prior;
    private final Likelihood likelihood;
    private final List<EpochReport> history;

    MarglikResult(TrainingObjective objective, MarglikConfig config, int[] labels, int n, Prior prior,
                  Likelihood likelihood, List<EpochReport> history) {
        this.objective = objective;
        this.config = config;
        this.labels = labels;
        this.n = n;
        this.prior = prior;
        this.likelihood = likelihood;
        this.history = List.copyOf(history);
    }

    /** The learned prior. */
    public Prior prior() {
        return prior;
    }

    /** The likelihood with the learned {@code σ} (regression). */
    public Likelihood likelihood() {
        return likelihood;
    }

    /** The learned extents {@code η} in normalised units, one per generator (empty without invariance learning). */
    public double[] eta() {
        return objective.eta();
    }

    /** The learned extents by column name ({@code aug_rotation}, …) in radians or fractions of the image size. */
    public Map<String, Double> extents() {
        return objective.extents();
    }

    /**
     * The augmented model {@code f̄} of an invariance-learning run (its network holds the MAP parameters):
     * {@code predict(x, η, noise)} averages the network over augmented copies of {@code x}.
     *
     * @throws IllegalStateException for a run without invariance learning
     */
    public AugmentedModel augmentedModel() {
        if (objective instanceof AugmentedObjective a) {
            return a.model();
        }
        throw new IllegalStateException("augmentedModel: the run had no invariance learning");
    }

    /** One report per completed epoch. */
    public List<EpochReport> history() {
        return history;
    }

    /** Whether every configured epoch ran (false when the thread was interrupted). */
    public boolean completed() {
        return history.size() == config.epochs();
    }

    /**
     * The mean of the estimates (5.1) at the result on up to {@code batches} distinct batches of one
     * partition of the run's scheme, in a random order, weighted by batch size (grouped partitions
     * have smaller remainder batches): over all batches it is exactly that partition's bound. {@code seed} seeds the partition, the order, the estimator and any augmentation noise.
     */
    public double boundEstimate(int batches, long seed) {
        if (batches < 1) {
            throw new IllegalArgumentException("bound estimate: batches must be ≥ 1, got " + batches);
        }
        Rng rng = new Rng(seed);
        objective.beginRound(likelihood, prior, rng);
        Partition part = config.partition().partition(n, config.boundBatchSize(), labels, seed);
        int[] order = rng.permutation(part.batchCount());
        int b = Math.min(batches, part.batchCount());
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < b; i++) {
            int[] batch = part.batch(order[i]);
            sum += batch.length * objective.value(batch, likelihood, prior, rng);
            weight += batch.length;
        }
        return sum / weight;
    }
}
