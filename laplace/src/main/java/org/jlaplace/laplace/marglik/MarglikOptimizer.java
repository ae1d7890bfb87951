package org.jlaplace.laplace.marglik;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Losses;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.autodiff.optim.Adam;
import org.jlaplace.autodiff.optim.StatefulOptimizer;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.invariance.KernelStructure;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.partition.PartitionScheme;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * Online marginal-likelihood optimisation (Immer et al. 2021, Alg. 1; the stochastic bounds of
 * Immer et al. 2023), for plain networks and, with {@link MarglikConfig#invariance()}, for the
 * augmented networks of invariance learning (Immer et al. 2022).
 *
 * <p>Each epoch takes minibatch steps of the network optimiser on the MAP objective per datum
 * {@code −(1/(M·T)) Σ_{n∈batch} log p(y_n|f_n) + (1/(2N)) Σ_p δ_p θ_p²}. After the epochs chosen by
 * {@link HyperStepSchedule#stepsAfter}, a round of hyper-steps starts at the current parameters
 * (standing in for {@code θ*}): each step draws one batch of a fresh partition of the round, and
 * takes one Adam step on {@code h = (log δ, log σ)} that descends {@code −L̂/N}, the estimate (5.1)
 * of the configured bound (and, with invariance learning, one on the extents).
 *
 * <p>Every random choice (minibatch order, partitions, batches, estimator seeds, augmentation noise)
 * comes from one {@link Rng} seeded by {@link MarglikConfig#seed()}, so a run is reproducible bit
 * for bit. The loop stops after the current epoch when the thread is interrupted.
 *
 * <p>With {@link MarglikConfig#dtype()} float32 the parameters are rounded to float32 at the start
 * and every minibatch step (forward, loss, backward, penalty and optimiser update) runs in float32;
 * a non-finite output, gradient or parameter then stops the run with an {@link ArithmeticException}
 * naming the epoch, the step and the tensor, after the last complete epoch was checkpointed (a
 * hidden overflow that a saturating activation maps to a finite value, as float64 would, is not
 * reported; see docs/FLOAT32.md).
 *
 * <pre>{@code
 * MarglikConfig config = MarglikConfig.builder().epochs(50).partition(PartitionScheme.GROUPED).build();
 * MarglikResult r = new MarglikOptimizer(config).train(net, x, labels, new CategoricalLikelihood(10),
 *         Prior.layerwise(1, 1, 1, 1), MarglikListener.none());
 * }</pre>
 */
public final class MarglikOptimizer {
    private final MarglikConfig config;

    /** An optimiser running {@code config}. */
    public MarglikOptimizer(MarglikConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("marglik: a configuration is required");
        }
        this.config = config;
    }

    /** The settings. */
    public MarglikConfig config() {
        return config;
    }

    /**
     * Trains {@code network} in place and learns the prior's precisions (and σ of a Gaussian likelihood).
     *
     * @param network    the network; its current parameters are the starting point
     * @param x          all training inputs, {@code [N, inputShape…]} (or {@code [N, C·H·W]} with invariance learning)
     * @param targets    class indices (classification) or {@code N×C} row-major values (regression)
     * @param likelihood the initial likelihood (its temperature {@code T} tempers the MAP objective)
     * @param prior      the initial prior; its structure is kept
     * @param listener   receives every epoch and hyper-step
     * @throws IllegalArgumentException when the data, likelihood, prior and settings do not fit together
     */
    public MarglikResult train(Sequential network, Tensor x, double[] targets, Likelihood likelihood, Prior prior,
                               MarglikListener listener) {
        return start(network, x, targets, likelihood, prior, listener, null);
    }

    /**
     * Continues a run from the state its listener received after an epoch ({@link MarglikListener#checkpoint}),
     * on the same data with the same initial likelihood and prior and the same settings: the outcome is bitwise
     * identical to the uninterrupted run. The settings may have more epochs than the saved run when the
     * learning-rate schedule does not depend on the number of epochs (constant, exponential).
     *
     * @param from       the saved state; {@code network}'s parameters are replaced by the saved ones
     * @throws IllegalArgumentException when the state does not fit the network, data or settings
     */
    public MarglikResult resume(MarglikState from, Sequential network, Tensor x, double[] targets, Likelihood likelihood,
                                Prior prior, MarglikListener listener) {
        if (from == null) {
            throw new IllegalArgumentException("marglik resume: a state is required");
        }
        if (from.epochsDone() > config.epochs()) {
            throw new IllegalArgumentException("marglik resume: the state has " + from.epochsDone()
                    + " completed epochs, more than the " + config.epochs() + " configured");
        }
        return start(network, x, targets, likelihood, prior, listener, from);
    }

    private MarglikResult start(Sequential network, Tensor x, double[] targets, Likelihood likelihood, Prior prior,
                                MarglikListener listener, MarglikState from) {
        int n = x.dim(0);
        if (targets.length != (long) n * likelihood.targetWidth()) {
            throw new IllegalArgumentException("marglik: " + targets.length + " target values for " + n
                    + " inputs (expected " + (long) n * likelihood.targetWidth() + ")");
        }
        if (network.outputSize() != likelihood.outputs()) {
            throw new IllegalArgumentException("marglik: the network has " + network.outputSize()
                    + " outputs, the likelihood expects " + likelihood.outputs());
        }
        boolean classification = likelihood instanceof CategoricalLikelihood;
        int[] labels = classification ? labels(targets) : null;
        if (config.partition() == PartitionScheme.GROUPED && !classification) {
            throw new IllegalArgumentException("marglik: grouped bound batches need a categorical likelihood (they group by class)");
        }
        TrainingObjective objective = objective(network, x, targets, likelihood);
        prior.precisionPerParameter(objective.groups());
        Run run = new Run(network, objective, x, targets, labels, likelihood, prior, listener);
        if (from != null) {
            run.restore(from);
        }
        return run.all();
    }

    private TrainingObjective objective(Sequential network, Tensor x, double[] targets, Likelihood likelihood) {
        InvarianceLearning inv = config.invariance();
        if (inv == null) {
            return new NetworkObjective(network, x, targets, config.estimator(), config.dtype());
        }
        if (likelihood.temperature() != 1.0) {
            throw new IllegalArgumentException("marglik: invariance learning supports temperature 1 only, got "
                    + likelihood.temperature());
        }
        KernelStructure kernel = config.estimator().equals("outputwise") ? KernelStructure.OUTPUTWISE : KernelStructure.FULL;
        return new AugmentedObjective(network, x, targets, likelihood.targetWidth(), inv, kernel);
    }

    /** The state of one run. */
    private final class Run {
        private final Sequential network;
        private final TrainingObjective objective;
        private final ParameterGroups groups;
        private final Tensor x;
        private final double[] targets;
        private final int[] labels;
        private final int n;
        private final int outputs;
        private final MarglikListener listener;
        private final StatefulOptimizer networkOptimizer;
        private final Adam hyperOptimizer = new Adam(config.hyperLearningRate());
        private final boolean float32 = config.dtype() == Dtype.FLOAT32;
        /** Float32 runs: {@code δ_p / N} per parameter in float, and the loss gradient's buffer per batch size. */
        private float[] decay32;
        private float[] cotangent32 = new float[0];
        private final List<Tensor> parameterValues = new ArrayList<>();
        private final List<EpochReport> history = new ArrayList<>();
        private Rng rng = new Rng(config.seed());
        private Tensor hyper;
        private long start = System.nanoTime();
        private int firstEpoch = 1;
        private Likelihood likelihood;
        private Prior prior;
        private double[] precisions;
        private int hyperDone;
        private long hyperNanos;

        Run(Sequential network, TrainingObjective objective, Tensor x, double[] targets, int[] labels,
            Likelihood likelihood, Prior prior, MarglikListener listener) {
            this.network = network;
            this.objective = objective;
            this.groups = objective.groups();
            this.x = x;
            this.targets = targets;
            this.labels = labels;
            this.n = x.dim(0);
            this.outputs = likelihood.outputs();
            this.listener = listener == null ? MarglikListener.none() : listener;
            this.likelihood = likelihood;
            this.prior = prior;
            this.precisions = prior.precisionPerParameter(groups);
            int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
            this.networkOptimizer = config.optimizer().create(stepsPerEpoch, config.epochs());
            double[] logs = prior.logPrecisions();
            double[] h = likelihood instanceof GaussianLikelihood g ? Arrays.copyOf(logs, logs.length + 1) : logs.clone();
            if (likelihood instanceof GaussianLikelihood g) {
                h[logs.length] = Math.log(g.sigma());
            }
            this.hyper = Tensor.of(h, h.length);
            for (Parameter p : network.parameters()) {
                parameterValues.add(p.value());
            }
            if (float32) {
                network.roundParametersToFloat32();
                decay32 = decay32(precisions);
            }
        }

        private float[] decay32(double[] perParameter) {
            float[] d = new float[perParameter.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (perParameter[i] / n);
            }
            return d;
        }

        /** Continues from {@code from} instead of the start: the state of the run after its last completed epoch. */
        void restore(MarglikState from) {
            List<Parameter> params = network.parameters();
            double[] theta = from.parameters();
            if (theta.length != network.numParameters()) {
                throw new IllegalArgumentException("marglik state: " + theta.length + " parameters, the network has "
                        + network.numParameters());
            }
            if (from.hyper().length != hyper.size()) {
                throw new IllegalArgumentException("marglik state: " + from.hyper().length
                        + " hyperparameters, this run has " + hyper.size());
            }
            int offset = 0;
            for (Parameter p : params) {
                p.set(Tensor.of(Arrays.copyOfRange(theta, offset, offset + p.size()), p.shape()));
                offset += p.size();
            }
            networkOptimizer.restore(from.network());
            hyperOptimizer.restore(from.hyperOptimizer());
            double[] h = from.hyper();
            hyper = Tensor.of(h, h.length);
            hyperDone = from.hyperStepsDone();
            if (hyperDone > 0) {
                applyHyper(h);
            }
            objective.restoreExtents(from.rho(), from.eta(), from.extentOptimizer());
            rng = Rng.fromExportedState(from.rng());
            history.addAll(from.history());
            start = System.nanoTime() - (long) (from.seconds() * 1e9);
            double hyperSeconds = from.history().get(from.history().size() - 1).hyperSeconds();
            hyperNanos = Double.isNaN(hyperSeconds) ? 0 : (long) (hyperSeconds * 1e9);
            firstEpoch = from.epochsDone() + 1;
        }

        MarglikResult all() {
            for (int epoch = firstEpoch; epoch <= config.epochs() && !Thread.currentThread().isInterrupted(); epoch++) {
                epoch(epoch);
            }
            return new MarglikResult(objective, config, labels, n, prior, likelihood, history);
        }

        private void epoch(int epoch) {
            long trainStart = System.nanoTime();
            int[] order = rng.permutation(n);
            double lossSum = 0;
            double metricSum = 0;
            int step = 0;
            for (int from = 0; from < n; from += config.batchSize()) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + config.batchSize()));
                step++;
                double[] stats = float32 ? minibatchStep32(rows, epoch, step) : minibatchStep(rows);
                lossSum += stats[0] * rows.length;
                metricSum += stats[1];
            }
            double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
            double estimateSum = 0;
            int steps = config.hyperSchedule().stepsAfter(epoch);
            if (steps > 0) {
                long roundStart = System.nanoTime();
                objective.beginRound(likelihood, prior, rng);
                Partition part = config.partition().partition(n, config.boundBatchSize(), labels, rng.nextLong());
                long stepStart = roundStart;
                for (int k = 0; k < steps; k++) {
                    estimateSum += hyperStep(epoch, part.batch(part.drawIndex(rng::nextInt)), stepStart);
                    stepStart = System.nanoTime();
                }
                hyperNanos += System.nanoTime() - roundStart;
            }
            double metric = labels != null ? metricSum / n : Math.sqrt(metricSum / ((double) n * outputs));
            EpochReport report = new EpochReport(epoch, config.epochs(), seconds(), lossSum / n, metric,
                    steps > 0 ? estimateSum / steps : Double.NaN, precisionsOf(prior), sigma(), objective.extents(),
                    objective.eta(), hyperNanos / 1e9, trainSeconds);
            history.add(report);
            listener.epoch(report);
            listener.checkpoint(state(epoch));
        }

        /** The state after {@code epoch}. */
        private MarglikState state(int epoch) {
            double[] theta = new double[network.numParameters()];
            int offset = 0;
            for (Parameter p : network.parameters()) {
                double[] v = p.value().toArray();
                System.arraycopy(v, 0, theta, offset, v.length);
                offset += v.length;
            }
            return new MarglikState(epoch, seconds(), theta, networkOptimizer.snapshot(), hyper.toArray(),
                    hyperOptimizer.snapshot(), hyperDone, objective.rho(), objective.eta(), objective.extentOptimizer(),
                    rng.exportState(), history);
        }

        /**
         * One optimiser step on {@code rows}; returns the regularised objective per datum and the
         * batch's number of correct predictions (classification) or sum of squared residuals.
         */
        private double[] minibatchStep(int[] rows) {
            Tensor xb = x.indexSelect(0, rows);
            TrainingObjective.Forward fwd = objective.forward(xb, rng);
            Tensor out = fwd.output();
            double temperature = likelihood.temperature();
            Losses.LossAndGradient lg = likelihood instanceof GaussianLikelihood g
                    ? Losses.gaussianNll(out, Tensor.of(rowsOf(targets, rows, outputs), rows.length, outputs), g.sigma(),
                            Losses.Reduction.MEAN)
                    : Losses.crossEntropy(out, labelsOf(rows), Losses.Reduction.MEAN);
            double metric = batchMetric(out, rows);
            List<Tensor> grads = new ArrayList<>(fwd.backward(lg.gradient().mul(1.0 / temperature)));
            List<Parameter> params = network.parameters();
            double penalty = 0;
            int offset = 0;
            for (int k = 0; k < params.size(); k++) {
                double[] theta = params.get(k).value().toArray();
                double[] g = grads.get(k).toArray();
                penalty = addPriorGradient(g, theta, offset, penalty);
                grads.set(k, Tensor.of(g, params.get(k).shape()));
                offset += theta.length;
            }
            networkOptimizer.stepParameters(params, grads);
            return new double[] {lg.value() / temperature + 0.5 * penalty / n, metric};
        }

        /**
         * {@code g += (δ/N)·θ} over one parameter (its precisions from {@code offset}); returns
         * {@code penalty + Σ δθ²}. Its own method so that the JIT compiles this loop as a method
         * called every step, not by replacing {@link #minibatchStep} on the stack.
         */
        private double addPriorGradient(double[] g, double[] theta, int offset, double penalty) {
            for (int i = 0; i < theta.length; i++) {
                double d = precisions[offset + i];
                g[i] += d * theta[i] / n;
                penalty += d * theta[i] * theta[i];
            }
            return penalty;
        }

        /**
         * {@link #minibatchStep} in float32: the float32 pass in reused buffers, the float32 loss gradient,
         * float32 gradients plus {@code (δ/N)·θ} in float, and the optimiser's float32 update. Every output,
         * gradient and updated parameter is checked to be finite.
         *
         * @throws ArithmeticException naming the epoch, the step and the first non-finite tensor
         */
        private double[] minibatchStep32(int[] rows, int epoch, int step) {
            int m = rows.length;
            Trace trace = objective.trace32(x.indexSelect(0, rows));
            float[] out = trace.output32();
            if (!finite(out, m * outputs)) {
                throw nonFinite(epoch, step, "output of " + firstNonFiniteLayer(trace));
            }
            if (cotangent32.length != m * outputs) {
                cotangent32 = new float[m * outputs];
            }
            double loss;
            if (likelihood instanceof GaussianLikelihood g) {
                Tensor wide = trace.output();
                Losses.LossAndGradient lg = Losses.gaussianNll(wide,
                        Tensor.of(rowsOf(targets, rows, outputs), m, outputs), g.sigma(), Losses.Reduction.MEAN);
                double[] grad = lg.gradient().toArray();
                for (int i = 0; i < grad.length; i++) {
                    cotangent32[i] = (float) grad[i];
                }
                loss = lg.value();
            } else {
                loss = Losses.crossEntropy32(out, m, outputs, labelsOf(rows), Losses.Reduction.MEAN, cotangent32);
            }
            double temperature = likelihood.temperature();
            if (temperature != 1.0) {
                float inv = (float) (1.0 / temperature);
                for (int i = 0; i < cotangent32.length; i++) {
                    cotangent32[i] *= inv;
                }
            }
            double metric = batchMetric32(out, rows);
            float[][] grads = trace.backward32(cotangent32);
            float[][] theta32 = trace.parameters32();
            double penalty = 0;
            int offset = 0;
            for (int k = 0; k < grads.length; k++) {
                float[] theta = theta32[k];
                float[] g = grads[k];
                // Separate loops: the float one vectorises; the penalty (reported only) sums in double.
                for (int i = 0; i < theta.length; i++) {
                    g[i] += decay32[offset + i] * theta[i];
                }
                for (int i = 0; i < theta.length; i++) {
                    double t = theta[i];
                    penalty += precisions[offset + i] * t * t;
                }
                if (!finite(g, g.length)) {
                    throw nonFinite(epoch, step, "gradient of " + describe(k));
                }
                offset += theta.length;
            }
            networkOptimizer.step32(parameterValues, theta32, grads);
            for (int k = 0; k < theta32.length; k++) {
                if (!finite(theta32[k], theta32[k].length)) {
                    throw nonFinite(epoch, step, "updated " + describe(k));
                }
            }
            return new double[] {loss / temperature + 0.5 * penalty / n, metric};
        }

        /** {@code "layer 2 weight (2.weight of Linear(32, 10))"} for parameter {@code k}. */
        private String describe(int k) {
            Parameter p = network.parameters().get(k);
            int layer = network.layerOfParameter(k);
            String local = p.name().substring(p.name().indexOf('.') + 1);
            return "layer " + layer + " " + local + " (" + p.name() + " of " + network.layers().get(layer) + ")";
        }

        /** The first layer whose output holds a non-finite value (widened for the search: this is the failure path). */
        private String firstNonFiniteLayer(Trace trace) {
            for (int i = 0; i < network.numLayers(); i++) {
                for (double v : trace.layerOutput(i).toArray()) {
                    if (!Double.isFinite(v)) {
                        return "layer " + i + " (" + network.layers().get(i) + ")";
                    }
                }
            }
            return "the network";
        }

        private ArithmeticException nonFinite(int epoch, int step, String tensor) {
            return new ArithmeticException("float32 overflow or NaN at epoch " + epoch + ", step " + step + ": " + tensor);
        }

        /** Correct predictions (classification) or the sum of squared residuals of one batch's float32 outputs. */
        private double batchMetric32(float[] out, int[] rows) {
            double s = 0;
            for (int i = 0; i < rows.length; i++) {
                int base = i * outputs;
                if (labels != null) {
                    int best = 0;
                    for (int j = 1; j < outputs; j++) {
                        if (out[base + j] > out[base + best]) {
                            best = j;
                        }
                    }
                    s += best == labels[rows[i]] ? 1 : 0;
                } else {
                    for (int j = 0; j < outputs; j++) {
                        double r = targets[rows[i] * outputs + j] - out[base + j];
                        s += r * r;
                    }
                }
            }
            return s;
        }

        /** Correct predictions (classification) or the sum of squared residuals of one batch's outputs. */
        private double batchMetric(Tensor out, int[] rows) {
            if (labels != null) {
                int[] predicted = out.argmax(1);
                int correct = 0;
                for (int i = 0; i < rows.length; i++) {
                    correct += predicted[i] == labels[rows[i]] ? 1 : 0;
                }
                return correct;
            }
            double[] f = out.toArray();
            double s = 0;
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < outputs; j++) {
                    double r = targets[rows[i] * outputs + j] - f[i * outputs + j];
                    s += r * r;
                }
            }
            return s;
        }

        /**
         * One Adam step on {@code (log δ, log σ)} (and the extents) from the estimate on {@code batch}; returns it.
         * {@code started} is when the step's work began (for the first step of a round, the round's set-up).
         */
        private double hyperStep(int epoch, int[] batch, long started) {
            TrainingObjective.Estimate e = objective.estimate(batch, likelihood, prior, rng);
            BoundValue v = e.value();
            double[] g = v.gradLogPrecision();
            int k = g.length;
            double[] grad = new double[hyper.size()];
            for (int i = 0; i < k; i++) {
                grad[i] = -g[i] / n;
            }
            if (likelihood instanceof GaussianLikelihood) {
                grad[k] = -v.gradLogSigma() / n;
            }
            hyperOptimizer.step(List.of(hyper), List.of(Tensor.of(grad, grad.length)));
            applyHyper(hyper.toArray());
            objective.stepExtents(e, n);
            hyperDone++;
            listener.hyperStep(new HyperStepReport(hyperDone, config.totalHyperSteps(), epoch, v.logMarglik(),
                    precisionsOf(prior), sigma(), objective.extents(), seconds(), (System.nanoTime() - started) / 1e9));
            return v.logMarglik();
        }

        /** The prior and likelihood of the hyperparameter vector {@code h = (log δ, log σ)}. */
        private void applyHyper(double[] h) {
            int k = prior.size();
            prior = prior.withLogPrecisions(Arrays.copyOf(h, k));
            if (likelihood instanceof GaussianLikelihood gl) {
                likelihood = gl.withLogSigma(h[k]);
            }
            precisions = prior.precisionPerParameter(groups);
            if (float32) {
                decay32 = decay32(precisions);
            }
        }

        private double sigma() {
            return likelihood instanceof GaussianLikelihood g ? g.sigma() : Double.NaN;
        }

        private double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        private int[] labelsOf(int[] rows) {
            int[] out = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = labels[rows[i]];
            }
            return out;
        }
    }

    /** Zeros for {@link #finite}, grown to the largest array checked. */
    private static final ThreadLocal<float[]> ZEROS = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * Whether the first {@code n} entries are all finite: {@code Σ x_i·0} by the SIMD dot product is
     * ±0 for finite entries and NaN as soon as one is infinite or NaN, with no branch per entry.
     */
    private static boolean finite(float[] values, int n) {
        float[] zeros = ZEROS.get();
        if (zeros.length < n) {
            zeros = new float[n];
            ZEROS.set(zeros);
        }
        return !Float.isNaN(KernelProvider.floats().dot(values, 0, zeros, 0, n));
    }

    /** The rows {@code idx} of {@code values} read as rows of {@code width}. */
    private static double[] rowsOf(double[] values, int[] idx, int width) {
        double[] out = new double[idx.length * width];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(values, idx[i] * width, out, i * width, width);
        }
        return out;
    }

    /** {@code δ_k = exp(log δ_k)}, one per hyperparameter of the prior. */
    private static double[] precisionsOf(Prior prior) {
        double[] d = new double[prior.size()];
        for (int j = 0; j < d.length; j++) {
            d[j] = prior.precision(j);
        }
        return d;
    }

    /** Class indices from targets stored as doubles; each must be an integer in {@code [0, 2^31)}. */
    private static int[] labels(double[] targets) {
        int[] out = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            double t = targets[i];
            if (t != Math.rint(t) || t < 0 || t > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("marglik: target " + i + " is " + t + ", not a class index");
            }
            out[i] = (int) t;
        }
        return out;
    }
}
