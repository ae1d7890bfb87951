package org.jlaplace.bench.marglik;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jlaplace.autodiff.augment.AffineAugmentation;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.invariance.InvarianceConfig;
import org.jlaplace.laplace.invariance.InvarianceMarglik;
import org.jlaplace.laplace.invariance.InvarianceResult;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;

/**
 * The command line's side of invariance learning (Immer et al. 2022; SPEC §7): runs the laplace
 * module's {@link InvarianceMarglik} on a training set of images and turns its per-epoch metrics into
 * {@link EpochRecord}s with the test accuracy and test log-likelihood of the augmented model's
 * averaged prediction {@code f̄(x) = (1/S) Σ_s f(T(x; η ⊙ ε_s))} at the current extents (softmax of
 * {@code f̄}, or Gaussian with noise σ; noise seeded identically at every evaluation).
 */
public final class InvarianceRun {
    private final Sequential net;
    private final TrainingData train;
    private final TrainingData test;
    private final InvarianceConfig config;
    private final double sigma;

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

    /** Trains, calling {@code listener} after every epoch; returns the library's result. */
    public InvarianceResult run(Consumer<EpochRecord> listener) {
        Likelihood lik = train.task == Task.CLASSIFICATION ? new CategoricalLikelihood(train.outputs)
                : new GaussianLikelihood(train.outputs, sigma, 1.0);
        Tensor x = Tensor.of(train.x, batchShape(train));
        return InvarianceMarglik.train(net, x, train.laplaceTargets(), train.inputShape, lik, config, m -> {
            double[] eta = etaOf(m.extents());
            double s = Double.isNaN(m.sigma()) ? 1.0 : m.sigma();
            Evaluation te = evaluate(test, eta, s);
            listener.accept(new EpochRecord(m.epoch(), m.seconds(), m.trainLoss(),
                    train.task == Task.CLASSIFICATION ? m.trainAccuracy() : Double.NaN, te.metric(), te.logLikelihood(),
                    m.logMarglik(), m.priorPrecisions(), m.sigma(), new LinkedHashMap<>(m.extents())));
        });
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
        AugmentedModel model = new AugmentedModel(net, new AffineAugmentation(config.generators(), config.augSamples()),
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
