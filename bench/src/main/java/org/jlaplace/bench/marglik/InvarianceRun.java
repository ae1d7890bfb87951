package org.jlaplace.bench.marglik;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.augment.AffineAugmentation;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.invariance.AugmentedKernelBound;
import org.jlaplace.laplace.invariance.EpochMetrics;
import org.jlaplace.laplace.invariance.HyperStepMetrics;
import org.jlaplace.laplace.invariance.InvarianceConfig;
import org.jlaplace.laplace.invariance.InvarianceMarglik;
import org.jlaplace.laplace.invariance.InvarianceResult;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;

/**
 * The command line's side of invariance learning (Immer et al. 2022; MATHEMATICS.md §7): runs the laplace
 * module's {@link InvarianceMarglik} on a training set of images and turns its per-epoch metrics into
 * {@link EpochRecord}s with the test accuracy and test log-likelihood of the augmented model's
 * averaged prediction {@code f̄(x) = (1/S') Σ_s f(T(x; η ⊙ ε_s))} at the current extents (softmax of
 * {@code f̄}, or Gaussian with noise σ; {@code S' = max(S, }{@value #EVALUATION_SAMPLES}{@code )}
 * samples, noise seeded identically at every evaluation). As for plain
 * runs, an epoch's {@code log_marglik} is the mean of the estimates {@code L̂} of its hyper-steps.
 */
public final class InvarianceRun {
    /** Receives progress. Calls come from the training thread. */
    public interface Listener {
        /**
         * After every hyper-step: the estimate {@code L̂} it ascended, and the prior precisions, σ
         * (NaN for classification) and extents (by column name) after it.
         */
        void hyperStep(int step, int total, double estimate, double[] precisions, double sigma,
                       Map<String, Double> extents);

        /** After every epoch. */
        void epoch(EpochRecord record);
    }

    /**
     * Samples per test image at evaluation, at least: more samples than training's {@code S} make
     * {@code f̄} a closer Monte Carlo estimate of the averaged prediction {@code E_ε f(T(x; η ⊙ ε))}.
     */
    public static final int EVALUATION_SAMPLES = 32;

    private final Sequential net;
    private final TrainingData train;
    private final TrainingData test;
    private final InvarianceConfig config;
    private final double sigma;
    private InvarianceResult result;

    /**
     * @param net    the network, trained in place
     * @param config the laplace module's settings (generators, S, rates, schedule of hyper-steps)
     * @param sigma  the initial noise σ (regression; ignored for classification)
     * @throws IllegalArgumentException when the training inputs are not images {@code [C, H, W]}
     */
    public InvarianceRun(Sequential net, Dataset train, Dataset test, InvarianceConfig config, double sigma) {
        if (train.inputShape().length != 3) {
            throw new IllegalArgumentException("invariance learning needs images of shape C,H,W, but the inputs have shape "
                    + Arrays.toString(train.inputShape()));
        }
        this.net = net;
        this.train = new TrainingData(train);
        this.test = new TrainingData(test);
        this.config = config;
        this.sigma = sigma;
    }

    /** The metrics.csv column names of the extents, in generator order ({@code aug_rotation}, …). */
    public static List<String> extentColumns(List<AffineGenerator> generators) {
        return new ArrayList<>(InvarianceMarglik.extents(generators, new double[generators.size()]).keySet());
    }

    /**
     * The number of hyper-steps of the whole run: {@code hyperSteps} after epoch {@code e} when
     * {@code e > burnIn} and {@code (e − burnIn − 1) mod frequency = 0} (InvarianceMarglik's schedule).
     */
    public int totalHyperSteps() {
        int n = 0;
        for (int e = config.burnIn() + 1; e <= config.epochs(); e += config.frequency()) {
            n += config.hyperSteps();
        }
        return n;
    }

    /** Trains, reporting every hyper-step and epoch to {@code listener}; returns the library's result. */
    public InvarianceResult run(Listener listener) {
        Likelihood lik = train.task == Task.CLASSIFICATION ? new CategoricalLikelihood(train.outputs)
                : new GaussianLikelihood(train.outputs, sigma, 1.0);
        Tensor x = Tensor.of(train.x, batchShape(train));
        int total = totalHyperSteps();
        double[] estimates = new double[2];
        result = InvarianceMarglik.train(net, x, train.laplaceTargets(), train.inputShape, lik, config,
                new InvarianceMarglik.Listener() {
                    @Override
                    public void hyperStep(HyperStepMetrics h) {
                        estimates[0] += h.estimate();
                        estimates[1]++;
                        listener.hyperStep(h.step(), total, h.estimate(), h.priorPrecisions(), h.sigma(),
                                new LinkedHashMap<>(h.extents()));
                    }

                    @Override
                    public void epoch(EpochMetrics m) {
                        double[] eta = etaOf(m.extents());
                        double s = Double.isNaN(m.sigma()) ? 1.0 : m.sigma();
                        Evaluation te = evaluate(test, eta, s);
                        double meanEstimate = estimates[1] > 0 ? estimates[0] / estimates[1] : Double.NaN;
                        estimates[0] = 0;
                        estimates[1] = 0;
                        listener.epoch(new EpochRecord(m.epoch(), m.seconds(), m.trainLoss(),
                                train.task == Task.CLASSIFICATION ? m.trainAccuracy() : Double.NaN, te.metric(),
                                te.logLikelihood(), meanEstimate, m.priorPrecisions(), m.sigma(),
                                new LinkedHashMap<>(m.extents())));
                    }
                });
        return result;
    }

    /**
     * After {@link #run}: the mean of the bound estimates {@code L̂} of the augmented model at the
     * learned extents, prior and σ on up to {@code batches} distinct batches of one partition of the
     * training run's kind (random or grouped by class; fresh augmentation noise from {@code seed}):
     * an unbiased estimate of that partition's bound.
     */
    public double finalEstimate(int batches, long seed) {
        if (result == null) {
            throw new IllegalStateException("finalEstimate: run() has not completed");
        }
        AugmentedKernelBound bound = new AugmentedKernelBound(result.model(), train.n, config.kernel());
        double[] targets = train.laplaceTargets();
        Partition part = InvarianceMarglik.boundPartition(config, targets, train.n, seed);
        Rng rng = new Rng(seed);
        int[] order = rng.permutation(part.batchCount());
        int b = Math.min(batches, part.batchCount());
        Tensor x = Tensor.of(train.x, batchShape(train));
        int width = targets.length / train.n;
        double sum = 0;
        for (int i = 0; i < b; i++) {
            int[] idx = part.batch(order[i]);
            sum += bound.value(x.indexSelect(0, idx), InvarianceMarglik.select(targets, idx, width), result.extents(),
                    result.model().augmentation().sampleNoise(rng, idx.length), result.likelihood(), result.prior());
        }
        return sum / b;
    }

    /** The normalised extents {@code η} from the reported ones ({@link AffineGenerator#reportedExtent} is linear). */
    private double[] etaOf(Map<String, Double> reported) {
        List<AffineGenerator> gens = config.generators();
        double[] eta = new double[gens.size()];
        for (int i = 0; i < eta.length; i++) {
            double r = reported.get("aug_" + gens.get(i).label());
            eta[i] = r / gens.get(i).reportedExtent(1.0);
        }
        return eta;
    }

    /** Accuracy or RMSE, and mean log-likelihood per datum, of {@code f̄} at extents {@code eta}. */
    private Evaluation evaluate(TrainingData data, double[] eta, double s) {
        AugmentedModel model = new AugmentedModel(net, new AffineAugmentation(config.generators(),
                Math.max(EVALUATION_SAMPLES, config.augSamples())),
                data.inputShape);
        Rng rng = new Rng(config.seed() + 17);
        Tensor extents = Tensor.copyOf(eta, eta.length);
        return Evaluation.of(in -> model.predict(in, extents, model.augmentation().sampleNoise(rng, in.dim(0))), data, s);
    }

    private static int[] batchShape(TrainingData d) {
        int[] s = new int[d.inputShape.length + 1];
        s[0] = d.n;
        System.arraycopy(d.inputShape, 0, s, 1, d.inputShape.length);
        return s;
    }
}
