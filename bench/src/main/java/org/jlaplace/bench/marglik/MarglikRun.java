package org.jlaplace.bench.marglik;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jlaplace.autodiff.augment.AffineAugmentation;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.marglik.EpochReport;
import org.jlaplace.laplace.marglik.HyperStepReport;
import org.jlaplace.laplace.marglik.InvarianceLearning;
import org.jlaplace.laplace.marglik.MarglikConfig;
import org.jlaplace.laplace.marglik.MarglikListener;
import org.jlaplace.laplace.marglik.MarglikOptimizer;
import org.jlaplace.laplace.marglik.MarglikResult;
import org.jlaplace.laplace.marglik.MarglikState;
import org.jlaplace.laplace.prior.Prior;

/**
 * The command line's side of a marglik run: lays the data sets out for the laplace module's
 * {@link MarglikOptimizer}, and turns each {@link EpochReport} into an {@link EpochRecord} with
 * the test metrics of the network after that epoch. The training metric is the optimiser's running
 * statistic of the epoch's minibatches, or, when asked for, a full pass over the training set after
 * the epoch. Both passes use the inference path (values only, no graph): the MAP network, or with invariance learning
 * the augmented model's averaged prediction {@code f̄(x) = (1/S') Σ_s f(T(x; η ⊙ ε_s))} at the
 * current extents, {@code S' = max(S, }{@value #EVALUATION_SAMPLES}{@code )} samples, noise seeded
 * identically at every evaluation).
 */
public final class MarglikRun {
    /**
     * Samples per test image at evaluation with invariance learning, at least: more samples than
     * training's {@code S} make {@code f̄} a closer Monte Carlo estimate of {@code E_ε f(T(x; η ⊙ ε))}.
     */
    public static final int EVALUATION_SAMPLES = 32;

    /** Receives progress. Calls come from the training thread. */
    public interface Listener {
        /** After every hyper-step. */
        void hyperStep(HyperStepReport report);

        /** After every epoch, with the network in its state after it and the optimiser's state to resume from. */
        void epoch(EpochRecord record, MarglikState state);
    }

    private final Sequential net;
    private final TrainingData train;
    private final TrainingData test;
    private final MarglikConfig config;
    private final Likelihood likelihood;
    private final Prior prior;
    private final boolean evalTrain;
    private MarglikResult result;

    /**
     * @param prior       the initial prior (its structure is kept)
     * @param sigma       the initial noise σ (regression; ignored for classification)
     * @param temperature the likelihood's temperature
     * @param evalTrain   whether each epoch's training metric comes from a full pass over the training set
     *                    (otherwise from the running statistics of its minibatches)
     */
    public MarglikRun(Sequential net, Dataset train, Dataset test, MarglikConfig config, Prior prior, double sigma,
                      double temperature, boolean evalTrain) {
        this.net = net;
        this.train = new TrainingData(train);
        this.test = new TrainingData(test);
        this.config = config;
        this.prior = prior;
        this.evalTrain = evalTrain;
        this.likelihood = train.task() == Task.CLASSIFICATION ? new CategoricalLikelihood(train.outputs(), temperature)
                : new GaussianLikelihood(train.outputs(), sigma, temperature);
    }

    /** The metrics.csv column names of the extents, in generator order ({@code aug_rotation}, …). */
    public static List<String> extentColumns(List<AffineGenerator> generators) {
        List<String> out = new ArrayList<>();
        for (AffineGenerator g : generators) {
            out.add("aug_" + g.label());
        }
        return out;
    }

    /** Trains, reporting every hyper-step and epoch to {@code listener}; stops early if the thread is interrupted. */
    public MarglikResult run(Listener listener) {
        return run(listener, null);
    }

    /**
     * As {@link #run(Listener)}, continuing from {@code from} (the state after an epoch of the same run)
     * when it is not null.
     */
    public MarglikResult run(Listener listener, MarglikState from) {
        Tensor x = Tensor.of(train.x, batchShape(train));
        EpochRecord[] pending = new EpochRecord[1];
        MarglikListener adapter = new MarglikListener() {
            @Override
            public void hyperStep(HyperStepReport report) {
                listener.hyperStep(report);
            }

            @Override
            public void epoch(EpochReport r) {
                double s = Double.isNaN(r.sigma()) ? 1.0 : r.sigma();
                Evaluation te = Evaluation.of(predictor(r.eta()), test, s);
                double trainMetric = evalTrain ? Evaluation.of(predictor(r.eta()), train, s).metric()
                        : r.trainMetric();
                pending[0] = new EpochRecord(r.epoch(), r.seconds(), r.trainLoss(), trainMetric, te.metric(),
                        te.logLikelihood(), r.logMarglik(), r.priorPrecisions(), r.sigma(), r.extents(), r.hyperSeconds(),
                        r.trainSeconds());
            }

            @Override
            public void checkpoint(MarglikState state) {
                listener.epoch(pending[0], state);
            }
        };
        MarglikOptimizer optimizer = new MarglikOptimizer(config);
        double[] targets = train.laplaceTargets();
        result = from == null ? optimizer.train(net, x, targets, likelihood, prior, adapter)
                : optimizer.resume(from, net, x, targets, likelihood, prior, adapter);
        return result;
    }

    /** The result of {@link #run}. */
    public MarglikResult result() {
        if (result == null) {
            throw new IllegalStateException("result: run() has not completed");
        }
        return result;
    }

    /**
     * The network's outputs on a chunk of inputs: the MAP network (in the run's dtype), or {@code f̄}
     * at extents {@code eta}.
     */
    private UnaryOperator<Tensor> predictor(double[] eta) {
        InvarianceLearning inv = config.invariance();
        if (inv == null) {
            return in -> net.forward(in, config.dtype());
        }
        AugmentedModel model = new AugmentedModel(net, new AffineAugmentation(inv.generators(),
                Math.max(EVALUATION_SAMPLES, inv.samples())), inv.imageShape());
        Rng rng = new Rng(config.seed() + 17);
        Tensor extents = Tensor.copyOf(eta, eta.length);
        return in -> model.predict(in, extents, model.augmentation().sampleNoise(rng, in.dim(0)));
    }

    private static int[] batchShape(TrainingData d) {
        int[] s = new int[d.inputShape.length + 1];
        s[0] = d.n;
        System.arraycopy(d.inputShape, 0, s, 1, d.inputShape.length);
        return s;
    }
}
