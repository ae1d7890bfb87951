package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.curvature.GgnStructure;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.predictive.Link;
import org.jlaplace.laplace.predictive.PosteriorStructure;
import org.jlaplace.laplace.predictive.PredictiveDistribution;
import org.jlaplace.laplace.predictive.PredictivePosterior;
import org.jlaplace.laplace.prior.Prior;

/**
 * The linearised Laplace approximation of a trained model (laplace-torch's {@code Laplace}): a
 * model at its MAP parameters {@code θ*} with its training data, a likelihood, a prior and a
 * posterior structure, giving both the evidence and the predictive.
 *
 * <pre>{@code
 * Laplace la = Laplace.fit(net, x, y, new CategoricalLikelihood(10), Prior.scalar(1.0),
 *         PosteriorStructure.KRON).optimizePrior();
 * double evidence = la.logMarginalLikelihood().logMarglik();
 * double[] p = la.classProbabilities(xTest, Link.probit());
 * }</pre>
 *
 * <ul>
 *   <li><b>Evidence.</b> {@link #logMarginalLikelihood()} is the log marginal likelihood of the
 *       posterior structure on all data: FULL is the exact value (MATHEMATICS.md §3), DIAGONAL uses
 *       {@code diag(H)} and KRON the KFAC factors of {@code H}, as laplace-torch's
 *       {@code FullLaplace}, {@code DiagLaplace}, {@code KronLaplace} do. Any registered bound
 *       or stochastic estimate is available through {@link #evidence} and {@link #estimate}.
 *       Every value comes with its gradients in {@code log δ} and {@code log σ}.</li>
 *   <li><b>Predictive.</b> The GLM predictive {@code f(x*) ~ N(f(x*; θ*), J* Σ J*ᵀ)} with
 *       {@code Σ} of the chosen structure ({@link #predictive}), turned into class probabilities
 *       by a {@link Link}; and the MAP predictive {@code softmax f(x*; θ*)}.</li>
 *   <li><b>Prior.</b> {@link #optimizePrior()} maximises the structure's evidence over
 *       {@code log δ} post hoc (laplace-torch's {@code optimize_prior_precision}).</li>
 * </ul>
 *
 * <p>Instances are immutable. The curvature of the training data is computed once by
 * {@link #fit} and shared by {@link #withPrior}/{@link #withLikelihood} copies (it depends only
 * on the prior's structure); the predictive posterior is factored on first use.
 */
public final class Laplace {
    private final LinearizedModel train;
    private final Sequential network;
    private final double[] targets;
    private final Likelihood likelihood;
    private final Prior prior;
    private final PosteriorStructure structure;
    private final PreparedBound<?> curvature;
    private PredictivePosterior posterior;

    private Laplace(LinearizedModel train, Sequential network, double[] targets, Likelihood likelihood, Prior prior,
                    PosteriorStructure structure, PreparedBound<?> curvature) {
        this.train = train;
        this.network = network;
        this.targets = targets;
        this.likelihood = likelihood;
        this.prior = prior;
        this.structure = structure;
        this.curvature = curvature;
    }

    /**
     * Fits the Laplace approximation of {@code network} (at its MAP parameters) on training inputs
     * {@code x} ({@code [N, inputShape…]}) and targets {@code y} (class indices, or row-major
     * {@code N×C} reals): computes the training curvature in the chosen structure.
     *
     * @throws IllegalArgumentException if the pieces do not fit each other (sizes, a KRON
     *                                  structure with a diagonal prior, a layer KFAC cannot handle)
     */
    public static Laplace fit(Sequential network, Tensor x, double[] y, Likelihood likelihood, Prior prior,
                              PosteriorStructure structure) {
        return fit(NetworkModel.of(network, x), network, y, likelihood, prior, structure);
    }

    /**
     * {@link #fit(Sequential, Tensor, double[], Likelihood, Prior, PosteriorStructure)} for any
     * linearised model. Without a network, predictions need a test model
     * ({@link #predictive(LinearizedModel)}); KRON needs a model that exposes its layers.
     */
    public static Laplace fit(LinearizedModel train, double[] y, Likelihood likelihood, Prior prior,
                              PosteriorStructure structure) {
        return fit(train, null, y, likelihood, prior, structure);
    }

    private static Laplace fit(LinearizedModel train, Sequential network, double[] y, Likelihood likelihood,
                               Prior prior, PosteriorStructure structure) {
        if (!structure.supports(prior.structure())) {
            throw new IllegalArgumentException("Laplace: a " + structure.cliName() + " posterior does not support a "
                    + prior.structure() + " prior (supported: " + structure.supportedPriors() + ")");
        }
        PreparedBound<?> curvature = marginalLikelihood(train, y, likelihood, prior, evidenceEstimator(structure))
                .preparePartition(Partition.contiguous(train.dataSize(), train.dataSize()));
        return new Laplace(train, network, y.clone(), likelihood, prior, structure, curvature);
    }

    /**
     * The estimator of a structure's own evidence: FULL → exact, DIAGONAL → the diagonal GGN,
     * KRON → KFAC, each on all data in one batch.
     */
    public static BoundEstimator<?> evidenceEstimator(PosteriorStructure structure) {
        return switch (structure) {
            case FULL -> Estimators.exact();
            case DIAGONAL -> Estimators.parametric(GgnStructure.DIAGONAL);
            case KRON -> Estimators.kron();
        };
    }

    /** Combines the four choices; the estimator is looked up by name in {@link Estimators}. */
    public static MarginalLikelihood<?> marginalLikelihood(LinearizedModel model, double[] targets,
                                                           Likelihood likelihood, Prior prior, String estimator) {
        return marginalLikelihood(model, targets, likelihood, prior, Estimators.byName(estimator));
    }

    /** Combines the four choices with an estimator instance. */
    public static <S> MarginalLikelihood<S> marginalLikelihood(LinearizedModel model, double[] targets,
                                                               Likelihood likelihood, Prior prior,
                                                               BoundEstimator<S> estimator) {
        return new MarginalLikelihood<>(model, targets, likelihood, prior, estimator);
    }

    // ---- evidence -------------------------------------------------------------------------

    /** The log marginal likelihood of the posterior structure on all data, with its hyper-gradients. */
    public BoundValue logMarginalLikelihood() {
        return curvature.evaluate(likelihood, prior);
    }

    /** The exact log marginal likelihood (whatever the structure), with its hyper-gradients. */
    public BoundValue exactLogMarginalLikelihood() {
        return structure == PosteriorStructure.FULL ? logMarginalLikelihood()
                : marginalLikelihood(Estimators.exact()).wholeData();
    }

    /** A registered bound or approximation summed over the batches of {@code partition}. */
    public BoundValue evidence(BoundEstimator<?> estimator, Partition partition) {
        return marginalLikelihood(estimator).partitionBound(partition);
    }

    /** The stochastic estimate (5.1) of {@code estimator} from one batch of training indices. */
    public BoundValue estimate(BoundEstimator<?> estimator, int[] batch) {
        return marginalLikelihood(estimator).estimate(batch);
    }

    /** The marginal likelihood with this model, likelihood and prior under any estimator. */
    public MarginalLikelihood<?> marginalLikelihood(BoundEstimator<?> estimator) {
        return marginalLikelihood(train, targets, likelihood, prior, estimator);
    }

    // ---- prior ----------------------------------------------------------------------------

    /** {@link #optimizePrior(PriorOptimization)} with the default settings. */
    public Laplace optimizePrior() {
        return optimizePrior(PriorOptimization.defaults());
    }

    /**
     * The same approximation with the prior precisions that maximise {@link #logMarginalLikelihood()}
     * over {@code log δ} (σ and the structure unchanged), by gradient ascent with a monotone line
     * search from the current prior: the evidence never decreases.
     */
    public Laplace optimizePrior(PriorOptimization settings) {
        Prior best = PriorAscent.maximise(curvature, likelihood, prior, settings);
        return withPrior(best);
    }

    /** The same approximation with another prior of the same structure and size (the curvature is reused). */
    public Laplace withPrior(Prior newPrior) {
        if (newPrior.structure() != prior.structure() || newPrior.size() != prior.size()) {
            throw new IllegalArgumentException("Laplace: fitted with a " + prior.structure() + " prior of "
                    + prior.size() + ", got a " + newPrior.structure() + " prior of " + newPrior.size()
                    + "; fit again to change the structure");
        }
        return new Laplace(train, network, targets, likelihood, newPrior, structure, curvature);
    }

    /** The same approximation with another likelihood of the same kind, outputs and temperature (a new σ). */
    public Laplace withLikelihood(Likelihood newLikelihood) {
        if (newLikelihood.kind() != likelihood.kind() || newLikelihood.outputs() != likelihood.outputs()
                || newLikelihood.temperature() != likelihood.temperature()) {
            throw new IllegalArgumentException("Laplace: fitted with " + likelihood + ", got " + newLikelihood
                    + " (only σ may change; fit again otherwise)");
        }
        return new Laplace(train, network, targets, newLikelihood, prior, structure, curvature);
    }

    // ---- predictive -----------------------------------------------------------------------

    /** The GLM predictive at new inputs {@code [M, inputShape…]} (needs the network: built with a {@link Sequential}). */
    public PredictiveDistribution predictive(Tensor x) {
        return predictive(NetworkModel.of(requireNetwork(), x));
    }

    /** The GLM predictive at the inputs of a test model with the same parameters {@code θ*}. */
    public PredictiveDistribution predictive(LinearizedModel test) {
        return posterior().predict(test);
    }

    /** Class probabilities {@code M×C} of the GLM predictive through {@code link}. */
    public double[] classProbabilities(Tensor x, Link link) {
        requireClassification();
        return link.probabilities(predictive(x));
    }

    /** Class probabilities {@code M×C} of the GLM predictive at a test model's inputs through {@code link}. */
    public double[] classProbabilities(LinearizedModel test, Link link) {
        requireClassification();
        return link.probabilities(predictive(test));
    }

    /** The MAP predictive {@code softmax f(x*; θ*)}, {@code M×C}: the network alone, no posterior. */
    public double[] mapClassProbabilities(Tensor x) {
        requireClassification();
        int m = x.dim(0);
        return CategoricalLikelihood.softmax(requireNetwork().forward(x).toArray(), m, likelihood.outputs());
    }

    /** The posterior of the chosen structure at this prior and likelihood, factored on first use. */
    public synchronized PredictivePosterior posterior() {
        if (posterior == null) {
            posterior = PredictivePosterior.fit(train, likelihood, prior, structure);
        }
        return posterior;
    }

    private Sequential requireNetwork() {
        if (network == null) {
            throw new IllegalStateException("Laplace: fitted on a LinearizedModel without a network; "
                    + "pass a test LinearizedModel instead of inputs");
        }
        return network;
    }

    private void requireClassification() {
        if (!(likelihood instanceof CategoricalLikelihood)) {
            throw new IllegalStateException("Laplace: class probabilities need a categorical likelihood, got "
                    + likelihood.kind() + "; use predictive(...) and its regression variance");
        }
    }

    // ---- accessors ------------------------------------------------------------------------

    public Prior prior() {
        return prior;
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    public PosteriorStructure structure() {
        return structure;
    }

    /** The training data as a linearised model. */
    public LinearizedModel model() {
        return train;
    }
}
