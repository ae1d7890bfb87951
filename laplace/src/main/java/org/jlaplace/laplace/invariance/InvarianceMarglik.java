package org.jlaplace.laplace.invariance;

import java.util.List;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.marglik.MarglikListener;
import org.jlaplace.laplace.marglik.MarglikOptimizer;
import org.jlaplace.laplace.marglik.MarglikResult;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * Marginal-likelihood training with invariance learning (Immer et al. 2022; MATHEMATICS.md §5, §7) from an
 * {@link InvarianceConfig}: a use of {@link MarglikOptimizer} with the config's
 * {@link InvarianceConfig#marglik(int[]) settings} and a prior of the config's structure, so plain and
 * invariance runs share one loop and one hyper-step schedule.
 */
public final class InvarianceMarglik {
    private InvarianceMarglik() {
    }

    /**
     * Trains {@code network} in place.
     *
     * @param network    the network (its current parameters are the starting point)
     * @param x          inputs {@code [N, C·H·W]} or {@code [N, C, H, W]}
     * @param targets    class indices (classification) or {@code N×C} values (regression)
     * @param imageShape {@code [C, H, W]}
     * @param likelihood the initial likelihood ({@code σ} is learned for the Gaussian)
     * @param config     the settings
     * @param listener   receives the reports after every epoch and every hyper-step (may be null)
     */
    public static MarglikResult train(Sequential network, Tensor x, double[] targets, int[] imageShape,
                                      Likelihood likelihood, InvarianceConfig config, MarglikListener listener) {
        List<Parameter> params = network.parameters();
        int[] sizes = new int[params.size()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = params.get(k).size();
        }
        Prior prior = Prior.of(config.priorStructure(), config.priorPrecision(), ParameterGroups.ofSizes(sizes));
        return new MarglikOptimizer(config.marglik(imageShape)).train(network, x, targets, likelihood, prior, listener);
    }
}
