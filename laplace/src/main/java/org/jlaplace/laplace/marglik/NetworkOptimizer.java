package org.jlaplace.laplace.marglik;

import org.jlaplace.autodiff.optim.Adam;
import org.jlaplace.autodiff.optim.StatefulOptimizer;
import org.jlaplace.autodiff.optim.Sgd;

/**
 * The optimiser of the network parameters θ on the MAP objective, with its learning-rate schedule.
 */
public sealed interface NetworkOptimizer {

    /** The initial learning rate {@code η₀}. */
    double learningRate();

    /** The schedule of the learning rate. */
    RateSchedule schedule();

    /** The name the command line and the run summary use. */
    String cliName();

    /** A fresh optimiser for a run of {@code epochs} epochs of {@code stepsPerEpoch} minibatch steps. */
    StatefulOptimizer create(int stepsPerEpoch, int epochs);

    /**
     * Adam with PyTorch's defaults (β = (0.9, 0.999), ε = 1e-8).
     *
     * @param learningRate {@code η₀ > 0}
     * @param schedule     the schedule from {@code η₀}
     */
    record AdamOptimizer(double learningRate, RateSchedule schedule) implements NetworkOptimizer {
        /** Checks the rate and the schedule. */
        public AdamOptimizer {
            checkRate(learningRate, schedule);
        }

        @Override
        public String cliName() {
            return "adam";
        }

        @Override
        public StatefulOptimizer create(int stepsPerEpoch, int epochs) {
            return new Adam(schedule.build(learningRate, stepsPerEpoch, epochs));
        }
    }

    /**
     * Stochastic gradient descent with heavy-ball momentum.
     *
     * @param learningRate {@code η₀ > 0}
     * @param momentum     in {@code [0, 1)}
     * @param schedule     the schedule from {@code η₀}
     */
    record SgdOptimizer(double learningRate, double momentum, RateSchedule schedule) implements NetworkOptimizer {
        /** Checks the rate, momentum and the schedule. */
        public SgdOptimizer {
            checkRate(learningRate, schedule);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("sgd: momentum must be in [0, 1), got " + momentum);
            }
        }

        @Override
        public String cliName() {
            return "sgd";
        }

        @Override
        public StatefulOptimizer create(int stepsPerEpoch, int epochs) {
            return new Sgd(schedule.build(learningRate, stepsPerEpoch, epochs), momentum, 0, 0, false);
        }
    }

    /** Adam from {@code learningRate} with {@code schedule}. */
    static NetworkOptimizer adam(double learningRate, RateSchedule schedule) {
        return new AdamOptimizer(learningRate, schedule);
    }

    /** SGD with momentum from {@code learningRate} with {@code schedule}. */
    static NetworkOptimizer sgd(double learningRate, double momentum, RateSchedule schedule) {
        return new SgdOptimizer(learningRate, momentum, schedule);
    }

    private static void checkRate(double learningRate, RateSchedule schedule) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("network optimiser: the learning rate must be positive and finite, got "
                    + learningRate);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("network optimiser: a learning-rate schedule is required");
        }
    }
}
