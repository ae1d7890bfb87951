package org.jlaplace.laplace.marglik;

import org.jlaplace.autodiff.optim.ConstantSchedule;
import org.jlaplace.autodiff.optim.CosineSchedule;
import org.jlaplace.autodiff.optim.ExponentialSchedule;
import org.jlaplace.autodiff.optim.LearningRateSchedule;

/**
 * How the network's learning rate {@code η₀} evolves over the run's minibatch steps.
 */
public sealed interface RateSchedule {

    /** The per-step schedule for a run of {@code epochs} epochs of {@code stepsPerEpoch} steps from rate {@code rate}. */
    LearningRateSchedule build(double rate, int stepsPerEpoch, int epochs);

    /** The name the command line and the run summary use. */
    String cliName();

    /** {@code η₀} at every step. */
    record Constant() implements RateSchedule {
        @Override
        public LearningRateSchedule build(double rate, int stepsPerEpoch, int epochs) {
            return new ConstantSchedule(rate);
        }

        @Override
        public String cliName() {
            return "constant";
        }
    }

    /**
     * Cosine decay from {@code η₀} at the first step to {@code finalRate} after the last one:
     * {@code η_t = η_T + ½(η₀ − η_T)(1 + cos(π t/T))} over {@code T = epochs·stepsPerEpoch} steps.
     *
     * @param finalRate the rate at the last step ({@code 0 ≤ finalRate}, at most {@code η₀} when built)
     */
    record Cosine(double finalRate) implements RateSchedule {
        /** Checks that the final rate is finite and ≥ 0. */
        public Cosine {
            if (!(finalRate >= 0) || !Double.isFinite(finalRate)) {
                throw new IllegalArgumentException("cosine schedule: the final rate must be finite and ≥ 0, got " + finalRate);
            }
        }

        @Override
        public LearningRateSchedule build(double rate, int stepsPerEpoch, int epochs) {
            if (finalRate > rate) {
                throw new IllegalArgumentException("cosine schedule: the final rate " + finalRate
                        + " exceeds the initial rate " + rate);
            }
            return new CosineSchedule(rate, Math.max(1, (long) stepsPerEpoch * epochs), finalRate);
        }

        @Override
        public String cliName() {
            return "cosine";
        }
    }

    /**
     * {@code η₀·decay^(t/stepsPerEpoch)}: the rate shrinks by {@code decayPerEpoch} over each epoch.
     *
     * @param decayPerEpoch the factor per epoch, in {@code (0, 1]}
     */
    record Exponential(double decayPerEpoch) implements RateSchedule {
        /** Checks that the factor is in (0, 1]. */
        public Exponential {
            if (!(decayPerEpoch > 0 && decayPerEpoch <= 1)) {
                throw new IllegalArgumentException("exponential schedule: the decay per epoch must be in (0, 1], got "
                        + decayPerEpoch);
            }
        }

        @Override
        public LearningRateSchedule build(double rate, int stepsPerEpoch, int epochs) {
            return new ExponentialSchedule(rate, Math.pow(decayPerEpoch, 1.0 / stepsPerEpoch));
        }

        @Override
        public String cliName() {
            return "exponential";
        }
    }
}
