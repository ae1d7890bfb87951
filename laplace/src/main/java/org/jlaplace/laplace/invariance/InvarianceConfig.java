package org.jlaplace.laplace.invariance;

import java.util.List;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.laplace.marglik.HyperStepSchedule;
import org.jlaplace.laplace.marglik.InvarianceLearning;
import org.jlaplace.laplace.marglik.MarglikConfig;
import org.jlaplace.laplace.marglik.NetworkOptimizer;
import org.jlaplace.laplace.marglik.RateSchedule;
import org.jlaplace.laplace.partition.PartitionScheme;

/**
 * Settings of {@link InvarianceMarglik}: MAP training of θ on the augmented model with Adam, and
 * every {@code frequency} epochs after {@code burnIn} epochs ({@link HyperStepSchedule}), {@code hyperSteps} Adam steps on the
 * hyperparameters ({@code log δ}, and {@code log σ} for regression) and on the extents (through
 * {@code η = softplus(ρ)}, a separate Adam with its own learning rate), each step on a fresh
 * random batch of {@code hyperBatchSize} inputs with fresh augmentation noise.
 *
 * @param generators      the transforms whose extents are learned (at least one)
 * @param augSamples      {@code S}, augmentation samples per input (≥ 1)
 * @param learnInvariance false keeps {@code η} at {@code initialExtent} (e.g. 0: no augmentation, the baseline)
 * @param initialExtent   {@code η} at the start, the same for every generator (> 0 when learned)
 * @param epochs          passes over the data
 * @param batchSize       MAP minibatch size
 * @param learningRate    Adam learning rate for θ
 * @param hyperLearningRate Adam learning rate for {@code log δ} (and {@code log σ})
 * @param augLearningRate Adam learning rate for {@code ρ}, {@code η = softplus(ρ)}
 * @param burnIn          epochs before the first hyper-step
 * @param frequency       epochs between hyper-step rounds (≥ 1)
 * @param hyperSteps      Adam steps per round (≥ 0)
 * @param hyperBatchSize  {@code M}, inputs per bound estimate
 * @param priorStructure  {@code scalar} or {@code layerwise} (or {@code diagonal})
 * @param priorPrecision  initial {@code δ}
 * @param kernel          full kernel bound or output-wise bound
 * @param partition       how each round's bound batches are drawn: {@code RANDOM} (a random
 *                        partition into batches of {@code M}) or {@code GROUPED} (classification:
 *                        batches filled class by class, which tightens the bound, MATHEMATICS.md §5.1); each
 *                        hyper-step takes one batch of a fresh partition per round
 * @param seed            seeds shuffling, batches and noise
 * @param finalLearningRate the θ rate at the last minibatch step: it decays from {@code learningRate}
 *                        by a cosine over all steps ({@code learningRate} itself: a constant rate)
 */
public record InvarianceConfig(List<AffineGenerator> generators, int augSamples, boolean learnInvariance,
                               double initialExtent, int epochs, int batchSize, double learningRate,
                               double hyperLearningRate, double augLearningRate, int burnIn, int frequency,
                               int hyperSteps, int hyperBatchSize, String priorStructure, double priorPrecision,
                               KernelStructure kernel, PartitionScheme partition, long seed,
                               double finalLearningRate) {

    /** The partitions {@link InvarianceMarglik} can draw bound batches from. */
    public static final List<PartitionScheme> PARTITIONS = List.of(PartitionScheme.RANDOM, PartitionScheme.GROUPED);

    /** The settings with a constant θ learning rate and random bound batches. */
    public InvarianceConfig(List<AffineGenerator> generators, int augSamples, boolean learnInvariance,
                            double initialExtent, int epochs, int batchSize, double learningRate,
                            double hyperLearningRate, double augLearningRate, int burnIn, int frequency,
                            int hyperSteps, int hyperBatchSize, String priorStructure, double priorPrecision,
                            KernelStructure kernel, long seed) {
        this(generators, augSamples, learnInvariance, initialExtent, epochs, batchSize, learningRate, hyperLearningRate,
            augLearningRate, burnIn, frequency, hyperSteps, hyperBatchSize, priorStructure, priorPrecision, kernel,
            PartitionScheme.RANDOM, seed, learningRate);
    }

    /** Checks every setting; messages name the setting and the value. */
    public InvarianceConfig {
        if (generators == null || generators.isEmpty()) {
            throw new IllegalArgumentException("invariance: at least one transform is needed");
        }
        generators = List.copyOf(generators);
        positive("aug-samples", augSamples);
        positive("epochs", epochs);
        positive("batch-size", batchSize);
        positive("frequency", frequency);
        positive("hyper-batch-size", hyperBatchSize);
        if (burnIn < 0 || hyperSteps < 0) {
            throw new IllegalArgumentException("invariance: burn-in and hyper-steps must be ≥ 0, got " + burnIn + " and "
                + hyperSteps);
        }
        rate("lr", learningRate);
        rate("hyper-lr", hyperLearningRate);
        rate("aug-lr", augLearningRate);
        if (!(finalLearningRate >= 0) || finalLearningRate > learningRate) {
            throw new IllegalArgumentException("invariance: the final learning rate must be in [0, lr = " + learningRate
                + "], got " + finalLearningRate);
        }
        if (!(priorPrecision > 0) || !Double.isFinite(priorPrecision)) {
            throw new IllegalArgumentException("invariance: prior precision must be positive and finite, got "
                + priorPrecision);
        }
        if (!Double.isFinite(initialExtent) || initialExtent < 0 || (learnInvariance && initialExtent == 0)) {
            throw new IllegalArgumentException("invariance: the initial extent must be finite, ≥ 0, and > 0 when learned, got "
                + initialExtent);
        }
        if (kernel == null || priorStructure == null) {
            throw new IllegalArgumentException("invariance: kernel structure and prior structure are required");
        }
        if (!PARTITIONS.contains(partition)) {
            throw new IllegalArgumentException("invariance: the bound batches' partition must be one of " + PARTITIONS
                + ", got " + partition);
        }
    }

    /**
     * These settings for {@link org.jlaplace.laplace.marglik.MarglikOptimizer}: Adam on θ at a rate
     * decaying by a cosine from {@code learningRate} to {@code finalLearningRate}, the hyper-step
     * schedule, the estimator of {@code kernel}, and invariance learning on images of {@code imageShape}.
     */
    public MarglikConfig marglik(int[] imageShape) {
        return MarglikConfig.builder().epochs(epochs).batchSize(batchSize)
            .optimizer(NetworkOptimizer.adam(learningRate, new RateSchedule.Cosine(finalLearningRate)))
            .hyperSchedule(new HyperStepSchedule(burnIn, frequency, hyperSteps)).hyperLearningRate(hyperLearningRate)
            .estimator(kernel.estimatorName()).boundBatchSize(hyperBatchSize).partition(partition).seed(seed)
            .invariance(new InvarianceLearning(generators, augSamples, learnInvariance, initialExtent, augLearningRate,
                imageShape))
            .build();
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException("invariance: " + name + " must be ≥ 1, got " + v);
        }
    }

    private static void rate(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("invariance: " + name + " must be positive and finite, got " + v);
        }
    }

    /**
     * The settings that learned rotation invariance on rotated digits (the defaults of
     * {@code jlaplace marglik --invariance}, README "Invariance learning"), for classification:
     * S = 10, 70 epochs of Adam on batches of 64 at a rate decaying by a cosine from 1e-2 to 1e-5,
     * Adam 0.1 for {@code log δ} and for {@code ρ}, a burn-in of 10 epochs, then 3 steps per epoch
     * on the kernel bound with batches of M = 100 grouped by class, layerwise prior from δ = 1,
     * {@code η₀ = 0.1}.
     */
    public static InvarianceConfig defaults(List<AffineGenerator> generators) {
        return new InvarianceConfig(generators, 10, true, 0.1, 70, 64, 1e-2, 0.1, 0.1, 10, 1, 3, 100, "layerwise", 1.0,
            KernelStructure.FULL, PartitionScheme.GROUPED, 0, 1e-5);
    }

    /** The same settings without invariance learning ({@code η = 0}, {@code S = 1}): the baseline. */
    public InvarianceConfig withoutInvariance() {
        return new InvarianceConfig(generators, 1, false, 0.0, epochs, batchSize, learningRate, hyperLearningRate,
            augLearningRate, burnIn, frequency, hyperSteps, hyperBatchSize, priorStructure, priorPrecision, kernel, partition,
            seed, finalLearningRate);
    }

    /** A copy with another number of epochs. */
    public InvarianceConfig withEpochs(int newEpochs) {
        return new InvarianceConfig(generators, augSamples, learnInvariance, initialExtent, newEpochs, batchSize,
            learningRate, hyperLearningRate, augLearningRate, burnIn, frequency, hyperSteps, hyperBatchSize,
            priorStructure, priorPrecision, kernel, partition, seed, finalLearningRate);
    }

    /** A copy with another seed. */
    public InvarianceConfig withSeed(long newSeed) {
        return new InvarianceConfig(generators, augSamples, learnInvariance, initialExtent, epochs, batchSize,
            learningRate, hyperLearningRate, augLearningRate, burnIn, frequency, hyperSteps, hyperBatchSize,
            priorStructure, priorPrecision, kernel, partition, newSeed, finalLearningRate);
    }
}
