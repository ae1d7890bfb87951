package org.jlaplace.laplace.marglik;

import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.autodiff.nn.TraceBuffers;
import org.jlaplace.autodiff.optim.OptimizerSnapshot;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.MarginalLikelihood;
import org.jlaplace.laplace.NetworkModel;
import org.jlaplace.laplace.PreparedBound;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * A plain network: minibatches are traced and pulled back; a round of estimates linearises the
 * network at its current parameters on all training inputs and takes the registry's estimator
 * (seeded from the run's stream). In a float32 run the minibatch passes run in reused float32
 * buffers and the bound's Jacobian factors come from float32 passes.
 */
final class NetworkObjective implements TrainingObjective {
    private final Sequential network;
    private final Tensor x;
    private final double[] targets;
    private final String estimator;
    private final ParameterGroups groups;
    private final Dtype dtype;
    private final TraceBuffers buffers;
    private MarginalLikelihood<?> round;
    /** The round's whole-data batch, prepared once: θ does not move within a round. */
    private PreparedBound<?> wholeData;

    /**
     * @param x         all training inputs {@code [N, inputShape…]}
     * @param targets   as {@link Likelihood} reads them
     * @param estimator the estimator's registry name
     * @param dtype     the network's compute path
     */
    NetworkObjective(Sequential network, Tensor x, double[] targets, String estimator, Dtype dtype) {
        this.network = network;
        this.x = x;
        this.targets = targets;
        this.estimator = estimator;
        this.dtype = dtype;
        this.buffers = dtype == Dtype.FLOAT32 ? new TraceBuffers(network) : null;
        this.groups = NetworkModel.of(network, x).groups();
    }

    @Override
    public Trace trace32(Tensor xb) {
        if (buffers == null) {
            throw new IllegalStateException("this run is " + dtype.cliName() + ", not float32");
        }
        return network.trace(xb, buffers);
    }

    @Override
    public ParameterGroups groups() {
        return groups;
    }

    @Override
    public Forward forward(Tensor xb, Rng rng) {
        Trace trace = network.trace(xb);
        return new Forward() {
            @Override
            public Tensor output() {
                return trace.output();
            }

            @Override
            public List<Tensor> backward(Tensor cotangent) {
                return trace.backward(cotangent);
            }
        };
    }

    @Override
    public void beginRound(Likelihood likelihood, Prior prior, Rng rng) {
        round = Laplace.marginalLikelihood(NetworkModel.of(network, x, dtype), targets, likelihood, prior,
                Estimators.byName(estimator, rng.nextLong()));
        wholeData = null;
    }

    /**
     * The batch's statistics at the round's parameters. A batch of all N points (the full-data
     * strategies of Immer et al. 2021) is prepared once per round and re-evaluated at each step's
     * hyperparameters, as their method fits the Laplace approximation once per round; smaller
     * batches are prepared per step (a stochastic estimator may draw inside its preparation).
     */
    private PreparedBound<?> prepared(int[] batch) {
        if (batch.length != x.dim(0)) {
            return round.prepareEstimate(batch);
        }
        if (wholeData == null) {
            wholeData = round.prepareEstimate(batch);
        }
        return wholeData;
    }

    @Override
    public Estimate estimate(int[] batch, Likelihood likelihood, Prior prior, Rng rng) {
        return new Estimate(prepared(batch).evaluate(likelihood, prior), new double[0]);
    }

    @Override
    public double value(int[] batch, Likelihood likelihood, Prior prior, Rng rng) {
        return prepared(batch).evaluate(likelihood, prior).logMarglik();
    }

    @Override
    public void stepExtents(Estimate estimate, int n) {
    }

    @Override
    public double[] eta() {
        return new double[0];
    }

    @Override
    public Map<String, Double> extents() {
        return Map.of();
    }

    @Override
    public double[] rho() {
        return new double[0];
    }

    @Override
    public OptimizerSnapshot extentOptimizer() {
        return new OptimizerSnapshot(0, List.of(), List.of());
    }

    @Override
    public void restoreExtents(double[] rho, double[] eta, OptimizerSnapshot optimizer) {
        if (rho.length != 0 || eta.length != 0 || optimizer.steps() != 0) {
            throw new IllegalArgumentException("marglik state: holds augmentation extents, but this run has none");
        }
    }
}
