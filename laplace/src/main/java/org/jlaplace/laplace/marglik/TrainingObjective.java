package org.jlaplace.laplace.marglik;

import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.autodiff.optim.OptimizerSnapshot;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * What {@link MarglikOptimizer} trains: the network's forward pass and parameter pullback on a
 * minibatch, and the bound estimate (5.1) with its hyper-gradients on a batch. A plain network and
 * an augmented one differ only here; the loop, the schedules and the hyperparameter updates are shared.
 */
sealed interface TrainingObjective permits NetworkObjective, AugmentedObjective {

    /** The forward pass of one minibatch, with the pullback of a cotangent of its outputs to the parameters. */
    interface Forward {
        /** The outputs {@code [M, C]}. */
        Tensor output();

        /** The gradient in every parameter tensor (network order) of {@code ⟨cotangent, output⟩}. */
        List<Tensor> backward(Tensor cotangent);
    }

    /** One bound estimate: the value and its gradients, plus the gradient in the extents {@code η} (may be empty). */
    record Estimate(BoundValue value, double[] gradEta) {
    }

    /** The parameter groups the prior must fit (one per parameter tensor). */
    ParameterGroups groups();

    /** The forward pass on inputs {@code x} (any noise drawn from {@code rng}). */
    Forward forward(Tensor x, Rng rng);

    /**
     * The float32 forward pass of a plain network on inputs {@code x}, in buffers reused from step
     * to step (valid until the next call with the same batch size).
     *
     * @throws IllegalStateException for an objective without a float32 path
     */
    Trace trace32(Tensor x);

    /**
     * Starts a round of estimates at the current parameters (the estimates' {@code θ*}); may draw from
     * {@code rng}.
     */
    void beginRound(Likelihood likelihood, Prior prior, Rng rng);

    /** The estimate on {@code batch} with gradients, in the round begun last (noise from {@code rng}). */
    Estimate estimate(int[] batch, Likelihood likelihood, Prior prior, Rng rng);

    /** The estimate's value alone on {@code batch}, in the round begun last (noise from {@code rng}). */
    double value(int[] batch, Likelihood likelihood, Prior prior, Rng rng);

    /** Applies the extents' part of a hyper-step from {@code estimate} (nothing for a plain network). */
    void stepExtents(Estimate estimate, int n);

    /** The extents {@code η} in normalised units (empty for a plain network). */
    double[] eta();

    /** The extents by column name in reported units (empty for a plain network). */
    Map<String, Double> extents();

    /** The extents' free parameters {@code ρ} (empty for a plain network). */
    double[] rho();

    /** The extents' optimiser state (no steps for a plain network). */
    OptimizerSnapshot extentOptimizer();

    /**
     * Continues from a saved {@code ρ}, {@code η} and extent optimiser state.
     *
     * @throws IllegalArgumentException when their sizes do not fit this objective
     */
    void restoreExtents(double[] rho, double[] eta, OptimizerSnapshot optimizer);
}
