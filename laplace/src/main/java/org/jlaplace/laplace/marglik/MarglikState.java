package org.jlaplace.laplace.marglik;

import java.util.List;
import org.jlaplace.autodiff.optim.OptimizerSnapshot;

/**
 * Everything a run of {@link MarglikOptimizer} carries from one epoch to the next, taken at the end
 * of an epoch: {@link MarglikOptimizer#resume} continues from it exactly as the run would have
 * continued, bit for bit. {@link MarglikStateFormat} writes and reads it.
 *
 * @param epochsDone      completed epochs
 * @param seconds         wall-clock seconds of training so far
 * @param parameters      the network's parameters, flat in network order
 * @param network         the network optimiser's state
 * @param hyper           {@code (log δ, log σ)} as the hyper-step Adam holds them
 * @param hyperOptimizer  the hyper-step Adam's state
 * @param hyperStepsDone  hyper-steps taken (0: the prior and likelihood are still the initial ones)
 * @param rho             the extents' free parameters {@code ρ}, {@code η = softplus(ρ)} (empty for a plain network)
 * @param eta             the extents {@code η} (empty for a plain network)
 * @param extentOptimizer the extents' Adam state (no steps for a plain network)
 * @param rng             the run's random stream ({@link org.jlaplace.core.Rng#exportState()})
 * @param history         the reports of the completed epochs
 */
public record MarglikState(int epochsDone, double seconds, double[] parameters, OptimizerSnapshot network,
                           double[] hyper, OptimizerSnapshot hyperOptimizer, int hyperStepsDone, double[] rho,
                           double[] eta, OptimizerSnapshot extentOptimizer, long[] rng, List<EpochReport> history) {

    /** Checks the counts and copies the arrays. */
    public MarglikState {
        if (epochsDone < 0 || hyperStepsDone < 0 || history.size() != epochsDone) {
            throw new IllegalArgumentException("marglik state: " + epochsDone + " epochs, " + hyperStepsDone
                    + " hyper-steps and " + history.size() + " epoch reports do not fit together");
        }
        if (rho.length != eta.length) {
            throw new IllegalArgumentException("marglik state: " + rho.length + " values of ρ for " + eta.length + " extents");
        }
        parameters = parameters.clone();
        hyper = hyper.clone();
        rho = rho.clone();
        eta = eta.clone();
        rng = rng.clone();
        history = List.copyOf(history);
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double[] hyper() {
        return hyper.clone();
    }

    @Override
    public double[] rho() {
        return rho.clone();
    }

    @Override
    public double[] eta() {
        return eta.clone();
    }

    @Override
    public long[] rng() {
        return rng.clone();
    }
}
