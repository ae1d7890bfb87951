package org.jlaplace.laplace.invariance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.augment.AffineAugmentation;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.autodiff.nn.Losses;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.optim.Adam;
import org.jlaplace.autodiff.optim.CosineSchedule;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * Marginal-likelihood training with invariance learning (Immer et al. 2022; MATHEMATICS.md §5, §7).
 *
 * <p>θ is trained by Adam (rate decaying by a cosine from {@code learningRate} to
 * {@code finalLearningRate}) on the MAP objective of the augmented model,
 * {@code −(1/B) Σ_{n∈batch} log p(y_n | f̄(x_n)) + (1/2N) Σ_p δ_p θ_p²}, with fresh noise per
 * minibatch. After {@code burnIn} epochs, every {@code frequency} epochs, {@code hyperSteps} steps
 * ascend the stochastic bound {@code L̂/N} ({@link AugmentedKernelBound}), each on a random batch
 * of a fresh partition into batches of {@code M} ({@link InvarianceConfig#partition}: random, or
 * grouped by class): one Adam on {@code log δ} (and {@code log σ}), a separate Adam on the
 * extent parameters {@code ρ} with {@code η = softplus(ρ) = log(1 + e^ρ)}, which keeps
 * {@code η > 0} and behaves like {@code log η} for small extents.
 */
public final class InvarianceMarglik {
    private InvarianceMarglik() {
    }

    /** Receives the progress of {@link #train}, from the training thread. */
    public interface Listener {
        /** After every epoch. */
        void epoch(EpochMetrics metrics);

        /** After every hyper-step (none by default). */
        default void hyperStep(HyperStepMetrics metrics) {
        }
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
     * @param listener   receives the metrics after every epoch and every hyper-step (may be null)
     */
    public static InvarianceResult train(Sequential network, Tensor x, double[] targets, int[] imageShape,
                                         Likelihood likelihood, InvarianceConfig config, Listener listener) {
        int n = x.dim(0);
        int c = likelihood.outputs();
        boolean classification = likelihood instanceof CategoricalLikelihood;
        if (targets.length != n * likelihood.targetWidth()) {
            throw new IllegalArgumentException("invariance: " + targets.length + " target values for " + n
                + " inputs (expected " + n * likelihood.targetWidth() + ")");
        }
        AffineAugmentation augmentation = new AffineAugmentation(config.generators(), config.augSamples());
        AugmentedModel model = new AugmentedModel(network, augmentation, imageShape);
        KernelStructure kernel = config.kernel();
        AugmentedKernelBound bound = new AugmentedKernelBound(model, n, kernel);
        ParameterGroups groups = bound.groups();
        Prior prior = Prior.of(config.priorStructure(), config.priorPrecision(), groups);
        Likelihood lik = likelihood;
        int k = augmentation.size();
        double[] rho = new double[k];
        Arrays.fill(rho, config.learnInvariance() ? inverseSoftplus(config.initialExtent()) : 0.0);
        double[] eta = new double[k];
        Arrays.fill(eta, config.initialExtent());
        Rng rng = new Rng(config.seed());
        long minibatchSteps = (long) config.epochs() * ((n + config.batchSize() - 1) / config.batchSize());
        Adam thetaOpt = new Adam(new CosineSchedule(config.learningRate(), minibatchSteps, config.finalLearningRate()));
        Adam hyperOpt = new Adam(config.hyperLearningRate());
        Adam augOpt = new Adam(config.augLearningRate());
        List<EpochMetrics> history = new ArrayList<>();
        long start = System.nanoTime();
        if (config.partition().equals("grouped") && !classification) {
            throw new IllegalArgumentException("invariance: grouped bound batches need a categorical likelihood (they group by class)");
        }
        int hyperDone = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            double[] precisions = prior.precisionPerParameter(groups);
            int[] order = rng.permutation(n);
            double lossSum = 0;
            double correct = 0;
            for (int startIdx = 0; startIdx < n; startIdx += config.batchSize()) {
                int[] idx = Arrays.copyOfRange(order, startIdx, Math.min(n, startIdx + config.batchSize()));
                Tensor xb = x.indexSelect(0, idx);
                double[] yb = select(targets, idx, likelihood.targetWidth());
                AugmentedModel.Pass pass = model.pass(xb, Tensor.copyOf(eta, k), augmentation.sampleNoise(rng, idx.length));
                Losses.LossAndGradient loss = classification
                    ? Losses.crossEntropy(pass.output(), labels(yb), Losses.Reduction.MEAN)
                    : Losses.gaussianNll(pass.output(), Tensor.copyOf(yb, idx.length, c), ((GaussianLikelihood) lik).sigma(),
                        Losses.Reduction.MEAN);
                lossSum += loss.value() * idx.length;
                if (classification) {
                    int[] predicted = pass.output().argmax(1);
                    for (int i = 0; i < idx.length; i++) {
                        correct += predicted[i] == (int) yb[i] ? 1 : 0;
                    }
                }
                List<Tensor> grads = pass.parameterGradients(loss.gradient());
                addPriorGradient(network, grads, precisions, n);
                thetaOpt.stepParameters(network.parameters(), grads);
            }
            double logMarglik = Double.NaN;
            boolean hyperEpoch = epoch > config.burnIn() && (epoch - config.burnIn() - 1) % config.frequency() == 0;
            Partition round = hyperEpoch ? boundPartition(config, targets, n, rng.nextLong()) : null;
            for (int step = 0; hyperEpoch && step < config.hyperSteps(); step++) {
                int[] idx = round.batch(rng.nextInt(round.batchCount()));
                Tensor xb = x.indexSelect(0, idx);
                double[] yb = select(targets, idx, likelihood.targetWidth());
                InvarianceBound b = bound.evaluate(xb, yb, eta, augmentation.sampleNoise(rng, idx.length), lik, prior);
                logMarglik = b.value().logMarglik() / n;
                double[] logDelta = prior.logPrecisions();
                List<Tensor> hyperParams = new ArrayList<>(List.of(Tensor.copyOf(logDelta, logDelta.length)));
                List<Tensor> hyperGrads = new ArrayList<>(List.of(negatedScaled(b.value().gradLogPrecision(), n)));
                double logSigma = lik instanceof GaussianLikelihood g ? Math.log(g.sigma()) : 0.0;
                if (lik.hasSigma()) {
                    hyperParams.add(Tensor.copyOf(new double[] {logSigma}, 1));
                    hyperGrads.add(negatedScaled(new double[] {b.value().gradLogSigma()}, n));
                }
                hyperOpt.step(hyperParams, hyperGrads);
                prior = prior.withLogPrecisions(hyperParams.get(0).toArray());
                if (lik.hasSigma()) {
                    lik = ((GaussianLikelihood) lik).withLogSigma(hyperParams.get(1).item());
                }
                if (config.learnInvariance()) {
                    double[] gradRho = new double[k];
                    for (int i = 0; i < k; i++) {
                        gradRho[i] = -b.gradEta()[i] * sigmoid(rho[i]) / n;
                    }
                    Tensor rhoTensor = Tensor.copyOf(rho, k);
                    augOpt.step(List.of(rhoTensor), List.of(Tensor.copyOf(gradRho, k)));
                    rho = rhoTensor.toArray();
                    for (int i = 0; i < k; i++) {
                        eta[i] = softplus(rho[i]);
                    }
                }
                hyperDone++;
                if (listener != null) {
                    listener.hyperStep(new HyperStepMetrics(hyperDone, epoch, b.value().logMarglik(), precisions(prior),
                        lik instanceof GaussianLikelihood g ? g.sigma() : Double.NaN, extents(config.generators(), eta),
                        (System.nanoTime() - start) / 1e9));
                }
            }
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / n, classification ? correct / n : Double.NaN,
                logMarglik, precisions(prior), lik instanceof GaussianLikelihood g ? g.sigma() : Double.NaN,
                extents(config.generators(), eta), (System.nanoTime() - start) / 1e9);
            history.add(metrics);
            if (listener != null) {
                listener.epoch(metrics);
            }
        }
        return new InvarianceResult(model, eta.clone(), prior, lik, List.copyOf(history));
    }

    /**
     * A partition of the {@code n} inputs into the bound batches of {@code config}: batches of
     * {@code M = min(hyperBatchSize, n)}, random or grouped by class ({@code targets} are then the
     * class indices).
     */
    public static Partition boundPartition(InvarianceConfig config, double[] targets, int n, long seed) {
        int m = Math.min(config.hyperBatchSize(), n);
        return config.partition().equals("grouped") ? Partition.grouped(labels(targets), m, seed)
            : Partition.random(n, m, seed);
    }

    /** Extents by metric name ({@code aug_rotation}, {@code aug_translation_x}, …) in reported units. */
    public static Map<String, Double> extents(List<AffineGenerator> generators, double[] eta) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < generators.size(); i++) {
            out.put("aug_" + generators.get(i).label(), generators.get(i).reportedExtent(eta[i]));
        }
        return out;
    }

    /**
     * Classification accuracy of the augmented model's averaged prediction {@code f̄} at extents
     * {@code eta} (noise from {@code new Rng(seed)}), evaluated in chunks.
     */
    public static double accuracy(AugmentedModel model, Tensor x, int[] labels, double[] eta, long seed) {
        int n = x.dim(0);
        if (labels.length != n) {
            throw new IllegalArgumentException("accuracy: " + labels.length + " labels for " + n + " inputs");
        }
        Rng rng = new Rng(seed);
        int correct = 0;
        int chunk = 256;
        for (int s = 0; s < n; s += chunk) {
            int e = Math.min(n, s + chunk);
            int[] idx = new int[e - s];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = s + i;
            }
            Tensor out = model.predict(x.indexSelect(0, idx), Tensor.copyOf(eta, eta.length),
                model.augmentation().sampleNoise(rng, idx.length));
            int[] predicted = out.argmax(1);
            for (int i = 0; i < idx.length; i++) {
                correct += predicted[i] == labels[s + i] ? 1 : 0;
            }
        }
        return (double) correct / n;
    }

    private static double[] precisions(Prior prior) {
        double[] deltas = new double[prior.size()];
        for (int j = 0; j < deltas.length; j++) {
            deltas[j] = prior.precision(j);
        }
        return deltas;
    }

    private static void addPriorGradient(Sequential network, List<Tensor> grads, double[] precisions, int n) {
        int offset = 0;
        List<Parameter> params = network.parameters();
        for (int j = 0; j < params.size(); j++) {
            double[] theta = params.get(j).value().toArray();
            double[] g = grads.get(j).toArray();
            for (int i = 0; i < theta.length; i++) {
                g[i] += precisions[offset + i] * theta[i] / n;
            }
            grads.set(j, Tensor.of(g, params.get(j).shape()));
            offset += theta.length;
        }
    }

    private static Tensor negatedScaled(double[] g, int n) {
        double[] out = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = -g[i] / n;
        }
        return Tensor.of(out, g.length);
    }

    /** The rows {@code idx} of {@code values} read as rows of {@code width} (targets of a batch). */
    public static double[] select(double[] values, int[] idx, int width) {
        double[] out = new double[idx.length * width];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(values, idx[i] * width, out, i * width, width);
        }
        return out;
    }

    private static int[] labels(double[] y) {
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (int) y[i];
        }
        return out;
    }

    /** {@code log(1 + e^r)}, stable for large |r|. */
    static double softplus(double r) {
        return Math.max(r, 0) + Math.log1p(Math.exp(-Math.abs(r)));
    }

    /** {@code log(e^η − 1)}, the ρ with {@code softplus(ρ) = η > 0}. */
    static double inverseSoftplus(double eta) {
        return eta > 30 ? eta : Math.log(Math.expm1(eta));
    }

    private static double sigmoid(double r) {
        return 1.0 / (1.0 + Math.exp(-r));
    }
}
