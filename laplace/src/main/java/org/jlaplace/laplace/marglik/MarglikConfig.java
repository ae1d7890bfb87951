package org.jlaplace.laplace.marglik;

import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.partition.PartitionScheme;

/**
 * Everything that decides a run of {@link MarglikOptimizer} (Algorithm 1 of Immer et al. 2021,
 * with the stochastic bounds of Immer et al. 2023): the network optimiser and its schedule, when
 * the hyperparameters are stepped and at which Adam rate, the estimator and how its batches are
 * drawn, the seed, and optionally invariance learning. Build one with {@link #builder()}.
 *
 * @param epochs            passes over the training data (≥ 1)
 * @param batchSize         minibatch size of the network optimiser (≥ 1)
 * @param optimizer         the network optimiser and its learning-rate schedule
 * @param hyperSchedule     after which epochs, and how many, hyper-steps are taken
 * @param hyperLearningRate Adam rate of the hyper-steps on {@code log δ} (and {@code log σ})
 * @param estimator         the name of the bound estimator in {@link Estimators} ({@code exact} needs all data in
 *                          one batch and is refused: use {@code kernel} with {@code boundBatchSize = N})
 * @param boundBatchSize    {@code M}, data per estimate (capped at N)
 * @param partition         how each round's estimate batches are drawn: a fresh partition per round, one random
 *                          batch of it per step
 * @param seed              seeds the minibatch order, the estimate batches, the estimator and augmentation noise
 * @param invariance        invariance learning, or null for a plain network
 * @param dtype             the network's compute path: forward, backward and optimiser steps of training, and the
 *                          network's Jacobian factors for the bound (float32 for a plain network only); the Laplace
 *                          algebra of the bound and the hyper-steps are float64 either way
 */
public record MarglikConfig(int epochs, int batchSize, NetworkOptimizer optimizer, HyperStepSchedule hyperSchedule,
                            double hyperLearningRate, String estimator, int boundBatchSize, PartitionScheme partition,
                            long seed, InvarianceLearning invariance, Dtype dtype) {

    /** Checks every setting; messages name the setting and the value. */
    public MarglikConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("marglik: epochs must be ≥ 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("marglik: the minibatch size must be ≥ 1, got " + batchSize);
        }
        if (boundBatchSize < 1) {
            throw new IllegalArgumentException("marglik: the bound batch size M must be ≥ 1, got " + boundBatchSize);
        }
        if (optimizer == null || hyperSchedule == null || partition == null || estimator == null) {
            throw new IllegalArgumentException("marglik: optimizer, hyper-step schedule, estimator and partition are required");
        }
        if (!(hyperLearningRate > 0) || !Double.isFinite(hyperLearningRate)) {
            throw new IllegalArgumentException("marglik: the hyper learning rate must be positive and finite, got "
                    + hyperLearningRate);
        }
        if (!Estimators.names().contains(estimator)) {
            throw new IllegalArgumentException("marglik: unknown estimator '" + estimator + "', expected one of "
                    + Estimators.names());
        }
        if (Estimators.byName(estimator).requiresWholeData()) {
            throw new IllegalArgumentException("marglik: the " + estimator + " estimator needs all data in one batch;"
                    + " use kernel with the bound batch size N");
        }
        if (dtype == null) {
            throw new IllegalArgumentException("marglik: a dtype (float32 or float64) is required");
        }
        if (invariance != null && dtype != Dtype.FLOAT64) {
            throw new IllegalArgumentException("marglik: invariance learning runs in float64 only, not " + dtype.cliName());
        }
        if (invariance != null) {
            if (!estimator.equals("kernel") && !estimator.equals("outputwise")) {
                throw new IllegalArgumentException("marglik: invariance learning supports the kernel and outputwise"
                        + " estimators, not " + estimator);
            }
            if (partition == PartitionScheme.CONTIGUOUS) {
                throw new IllegalArgumentException("marglik: invariance learning draws its bound batches from a random"
                        + " or grouped partition, not contiguous");
            }
        }
    }

    /** A builder holding the command line's defaults for a plain network. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.optimizer = optimizer;
        b.hyperSchedule = hyperSchedule;
        b.hyperLearningRate = hyperLearningRate;
        b.estimator = estimator;
        b.boundBatchSize = boundBatchSize;
        b.partition = partition;
        b.seed = seed;
        b.invariance = invariance;
        b.dtype = dtype;
        return b;
    }

    /** The hyper-steps of the whole run. */
    public int totalHyperSteps() {
        return hyperSchedule.totalSteps(epochs);
    }

    /**
     * Builds a {@link MarglikConfig}. Defaults: 50 epochs of Adam on minibatches of 64 at 3e-3,
     * cosine-decayed to 1e-5; after a burn-in of 10 epochs, every 5 epochs 10 Adam steps at 0.1 on
     * the kernel bound with random batches of M = 100; seed 0; no invariance learning; float64.
     */
    public static final class Builder {
        private int epochs = 50;
        private int batchSize = 64;
        private NetworkOptimizer optimizer = NetworkOptimizer.adam(3e-3, new RateSchedule.Cosine(1e-5));
        private HyperStepSchedule hyperSchedule = new HyperStepSchedule(10, 5, 10);
        private double hyperLearningRate = 0.1;
        private String estimator = "kernel";
        private int boundBatchSize = 100;
        private PartitionScheme partition = PartitionScheme.RANDOM;
        private long seed;
        private InvarianceLearning invariance;
        private Dtype dtype = Dtype.FLOAT64;

        private Builder() {
        }

        /** Passes over the training data. */
        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** Minibatch size of the network optimiser. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** The network optimiser and its schedule. */
        public Builder optimizer(NetworkOptimizer value) {
            optimizer = value;
            return this;
        }

        /** When hyper-steps are taken ({@link HyperStepSchedule#never()} keeps the prior fixed). */
        public Builder hyperSchedule(HyperStepSchedule value) {
            hyperSchedule = value;
            return this;
        }

        /** Adam rate of the hyper-steps. */
        public Builder hyperLearningRate(double value) {
            hyperLearningRate = value;
            return this;
        }

        /** The estimator's name in {@link Estimators}. */
        public Builder estimator(String value) {
            estimator = value;
            return this;
        }

        /** The estimator itself; it must be registered in {@link Estimators} under its {@code name()}. */
        public Builder estimator(BoundEstimator<?> value) {
            return estimator(value.name());
        }

        /** {@code M}, data per estimate. */
        public Builder boundBatchSize(int value) {
            boundBatchSize = value;
            return this;
        }

        /** How estimate batches are drawn. */
        public Builder partition(PartitionScheme value) {
            partition = value;
            return this;
        }

        /** The seed of every random choice of the run. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Invariance learning (null: a plain network). */
        public Builder invariance(InvarianceLearning value) {
            invariance = value;
            return this;
        }

        /** The network's compute path (float64 by default). */
        public Builder dtype(Dtype value) {
            dtype = value;
            return this;
        }

        /** The checked settings. */
        public MarglikConfig build() {
            return new MarglikConfig(epochs, batchSize, optimizer, hyperSchedule, hyperLearningRate, estimator,
                    boundBatchSize, partition, seed, invariance, dtype);
        }
    }
}
