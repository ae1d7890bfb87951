package org.jlaplace.bench.marglik;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jlaplace.autodiff.nn.Losses;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.autodiff.optim.Adam;
import org.jlaplace.autodiff.optim.ConstantSchedule;
import org.jlaplace.autodiff.optim.CosineSchedule;
import org.jlaplace.autodiff.optim.ExponentialSchedule;
import org.jlaplace.autodiff.optim.LearningRateSchedule;
import org.jlaplace.autodiff.optim.Optimizer;
import org.jlaplace.autodiff.optim.Sgd;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.model.FlatInputs;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.MarginalLikelihood;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.predictive.PosteriorStructure;
import org.jlaplace.laplace.predictive.PredictiveDistribution;
import org.jlaplace.laplace.predictive.PredictivePosterior;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * Online marginal-likelihood training (Immer et al. 2021, Alg. 1; stochastic bounds of Immer et al.
 * 2023, MATHEMATICS.md §5). Each epoch takes minibatch steps on the MAP objective per datum
 * {@code −(1/(B·T)) Σ_{n∈batch} log p(y_n|f_n) + (1/(2N)) Σ_p δ_p θ_p²}; after epoch {@code e > B} with
 * {@code (e − B) mod F = 0} it takes {@code K} Adam steps on {@code h = (log δ, log σ)} that
 * ascend the estimator's value (5.1) on a fresh batch each step, i.e. descend {@code −L̂/N}. The
 * estimator's Jacobians are taken at the current parameters, which stand in for {@code θ*}.
 */
public final class MarglikTrainer {
    /** Test inputs per GLM-predictive batch (bounds the {@code M·C×P} test Jacobian). */
    private static final int PREDICTIVE_CHUNK = 64;

    /** Largest network for which the automatic choice factors the full posterior ({@code P×P} or {@code NC×NC}). */
    public static final int FULL_PREDICTIVE_MAX_PARAMETERS = 4000;

    /** Receives progress. Calls come from the training thread. */
    public interface Listener {
        /** After every hyperparameter step, with the estimate {@code L̂} it used. */
        void hyperStep(int step, int total, double estimate, Prior prior, double sigma);

        /** After every epoch. */
        void epoch(EpochRecord record);
    }

    private final Sequential net;
    private final TrainingData train;
    private final TrainingData test;
    private final MarglikSettings s;
    private final double temperature;
    private final ParameterGroups groups;
    private Prior prior;
    private double sigma;
    private double[][] precisionSlices;

    /**
     * @param prior the initial prior (its structure is kept)
     * @param sigma the initial noise σ (regression; ignored for classification)
     */
    public MarglikTrainer(Sequential net, Dataset train, Dataset test, MarglikSettings settings, Prior prior,
                          double sigma, double temperature) {
        this.net = net;
        this.train = new TrainingData(train);
        this.test = new TrainingData(test);
        this.s = settings;
        this.temperature = temperature;
        this.groups = FlatInputs.groupsOf(net);
        this.prior = prior;
        this.sigma = train.task() == Task.REGRESSION ? sigma : Double.NaN;
        refreshPrecisions();
    }

    /** The current prior. */
    public Prior prior() {
        return prior;
    }

    /** The current σ (NaN for classification). */
    public double sigma() {
        return sigma;
    }

    /** Runs every epoch, reporting to {@code listener}; stops early if the thread is interrupted. */
    public void run(Listener listener) {
        long start = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(s.seed());
        int stepsPerEpoch = (train.n + s.trainBatchSize() - 1) / s.trainBatchSize();
        Optimizer opt = networkOptimizer(stepsPerEpoch);
        Adam hyperOpt = new Adam(s.hyperLearningRate());
        Tensor hyper = Tensor.of(hyperVector(), hyperVector().length);
        int hyperDone = 0;
        int hyperTotal = s.totalHyperSteps();
        for (int epoch = 1; epoch <= s.epochs() && !Thread.currentThread().isInterrupted(); epoch++) {
            double lossSum = 0;
            int[] perm = Partition.permutation(train.n, rng);
            for (int from = 0; from < train.n; from += s.trainBatchSize()) {
                int[] rows = Arrays.copyOfRange(perm, from, Math.min(train.n, from + s.trainBatchSize()));
                lossSum += minibatchStep(opt, rows) * rows.length;
            }
            double estimateSum = 0;
            int estimates = 0;
            if (s.updatesAfter(epoch)) {
                MarginalLikelihood<?> ml = marginalLikelihood(rng.nextLong());
                Partition part = partition(rng.nextLong());
                for (int k = 0; k < s.hyperSteps(); k++) {
                    int[] batch = part.batch(rng.nextInt(part.batchCount()));
                    BoundValue v = ml.prepareEstimate(batch).evaluate(likelihood(), prior);
                    hyperOpt.step(List.of(hyper), List.of(hyperGradient(v)));
                    applyHyper(hyper.toArray());
                    estimateSum += v.logMarglik();
                    estimates++;
                    hyperDone++;
                    listener.hyperStep(hyperDone, hyperTotal, v.logMarglik(), prior, sigma);
                }
            }
            Evaluation tr = Evaluation.of(net, train, sigmaForEval());
            Evaluation te = Evaluation.of(net, test, sigmaForEval());
            listener.epoch(new EpochRecord(epoch, (System.nanoTime() - start) / 1e9, lossSum / train.n, tr.metric(),
                    te.metric(), te.logLikelihood(), estimates > 0 ? estimateSum / estimates : Double.NaN,
                    precisions(), sigma));
        }
    }

    /**
     * The mean of up to {@code batches} estimates (5.1) over distinct batches of one partition: an
     * unbiased estimate of that partition's bound at the current parameters and hyperparameters.
     */
    public double finalEstimate(int batches, long seed) {
        MarginalLikelihood<?> ml = marginalLikelihood(seed);
        Partition part = partition(seed);
        int[] order = Partition.permutation(part.batchCount(), new SplittableRandom(seed));
        int b = Math.min(batches, part.batchCount());
        double sum = 0;
        for (int i = 0; i < b; i++) {
            sum += ml.prepareEstimate(part.batch(order[i])).evaluate(likelihood(), prior).logMarglik();
        }
        return sum / b;
    }

    /** Test-set evaluation of the current network. */
    public Evaluation testEvaluation() {
        return Evaluation.of(net, test, sigmaForEval());
    }

    /**
     * The posterior structure the automatic choice uses for the current network and prior: FULL up
     * to {@link #FULL_PREDICTIVE_MAX_PARAMETERS} parameters; beyond, KRON (every parametric layer
     * is Linear or Conv2d) when the prior has one precision per parameter group (scalar,
     * layerwise), else DIAGONAL.
     */
    public PosteriorStructure automaticPredictiveStructure() {
        if (net.numParameters() <= FULL_PREDICTIVE_MAX_PARAMETERS) {
            return PosteriorStructure.FULL;
        }
        return prior.hyperparameterOfGroup(groups) != null ? PosteriorStructure.KRON : PosteriorStructure.DIAGONAL;
    }

    /** {@link #laplaceTestLogLikelihood(PosteriorStructure)} with {@link #automaticPredictiveStructure()}. */
    public double laplaceTestLogLikelihood() {
        return laplaceTestLogLikelihood(automaticPredictiveStructure());
    }

    /**
     * The mean test log-likelihood per datum of the linearised-Laplace (GLM) predictive (MATHEMATICS.md §8)
     * at the current parameters and hyperparameters: {@code (1/N*) Σ_n log p̂(y_n)} with the probit
     * approximation {@code p̂ = softmax(f_* / √(1 + π/8·diag Σ_*))} for classification, or the
     * Gaussian {@code N(y; f_*, diag Σ_* + σ²)} for regression. The posterior of the given
     * structure ({@link PredictivePosterior#fit}) is fitted once on all training data; NaN without
     * test data.
     */
    public double laplaceTestLogLikelihood(PosteriorStructure structure) {
        if (test.n == 0) {
            return Double.NaN;
        }
        PredictivePosterior glm = PredictivePosterior.fit(FlatInputs.linearized(net, train.x, train.n), likelihood(),
                prior, structure);
        LinearizedModel onTest = FlatInputs.linearized(net, test.x, test.n);
        int c = test.outputs;
        double ll = 0;
        for (int from = 0; from < test.n; from += PREDICTIVE_CHUNK) {
            int[] rows = new int[Math.min(test.n, from + PREDICTIVE_CHUNK) - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            PredictiveDistribution pd = glm.predict(onTest.batch(rows));
            if (test.task == Task.CLASSIFICATION) {
                double[] prob = pd.probitProbabilities();
                for (int i = 0; i < rows.length; i++) {
                    ll += Math.log(prob[i * c + test.labels[rows[i]]]);
                }
            } else {
                double[] var = pd.regressionVariance(sigma);
                double[] mean = pd.mean();
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < c; j++) {
                        double r = test.y[rows[i] * c + j] - mean[i * c + j];
                        double v = var[i * c + j];
                        ll += -0.5 * r * r / v - 0.5 * Math.log(2 * Math.PI * v);
                    }
                }
            }
        }
        return ll / test.n;
    }

    private double sigmaForEval() {
        return Double.isNaN(sigma) ? 1.0 : sigma;
    }

    /** One optimiser step on {@code rows}; returns the regularised loss per datum. */
    private double minibatchStep(Optimizer opt, int[] rows) {
        Trace trace = net.trace(train.inputs(rows));
        Losses.LossAndGradient lg = train.task == Task.CLASSIFICATION
                ? Losses.crossEntropy(trace.output(), train.labels(rows), Losses.Reduction.MEAN)
                : Losses.gaussianNll(trace.output(), train.targets(rows), sigma, Losses.Reduction.MEAN);
        List<Tensor> grads = new ArrayList<>(trace.backward(lg.gradient().mul(1.0 / temperature)));
        List<Parameter> params = net.parameters();
        double penalty = 0;
        for (int k = 0; k < params.size(); k++) {
            double[] theta = params.get(k).value().toArray();
            double[] g = grads.get(k).toArray();
            double[] d = precisionSlices[k];
            for (int i = 0; i < theta.length; i++) {
                g[i] += d[i] * theta[i] / train.n;
                penalty += d[i] * theta[i] * theta[i];
            }
            grads.set(k, Tensor.of(g, params.get(k).shape()));
        }
        opt.stepParameters(params, grads);
        return lg.value() / temperature + 0.5 * penalty / train.n;
    }

    private Optimizer networkOptimizer(int stepsPerEpoch) {
        long total = (long) stepsPerEpoch * s.epochs();
        LearningRateSchedule sched;
        switch (s.schedule()) {
            case "cosine":
                sched = new CosineSchedule(s.learningRate(), Math.max(1, total), s.minLearningRate());
                break;
            case "exponential":
                sched = new ExponentialSchedule(s.learningRate(), Math.pow(s.decay(), 1.0 / stepsPerEpoch));
                break;
            default:
                sched = new ConstantSchedule(s.learningRate());
        }
        if (s.optimizer().equals("sgd")) {
            return new Sgd(sched, s.momentum(), 0, 0, false);
        }
        return new Adam(sched);
    }

    private MarginalLikelihood<?> marginalLikelihood(long seed) {
        LinearizedModel lin = FlatInputs.linearized(net, train.x, train.n);
        return Laplace.marginalLikelihood(lin, train.laplaceTargets(), likelihood(), prior,
                Estimators.byName(s.estimator(), seed));
    }

    private Partition partition(long seed) {
        int m = Math.min(s.batchSize(), train.n);
        switch (s.partition()) {
            case "grouped": return Partition.grouped(train.labels, m, seed);
            case "contiguous": return Partition.contiguous(train.n, m);
            default: return Partition.random(train.n, m, seed);
        }
    }

    private Likelihood likelihood() {
        return train.task == Task.CLASSIFICATION ? new CategoricalLikelihood(train.outputs, temperature)
                : new GaussianLikelihood(train.outputs, sigma, temperature);
    }

    /** {@code (log δ_1..log δ_K[, log σ])}. */
    private double[] hyperVector() {
        double[] ld = prior.logPrecisions();
        if (train.task == Task.CLASSIFICATION) {
            return ld;
        }
        double[] h = Arrays.copyOf(ld, ld.length + 1);
        h[ld.length] = Math.log(sigma);
        return h;
    }

    /** The gradient of {@code −L̂/N} in the hyperparameter vector. */
    private Tensor hyperGradient(BoundValue v) {
        double[] g = v.gradLogPrecision();
        double[] out = new double[g.length + (train.task == Task.REGRESSION ? 1 : 0)];
        for (int i = 0; i < g.length; i++) {
            out[i] = -g[i] / train.n;
        }
        if (train.task == Task.REGRESSION) {
            out[g.length] = -v.gradLogSigma() / train.n;
        }
        return Tensor.of(out, out.length);
    }

    private void applyHyper(double[] h) {
        int k = prior.size();
        prior = prior.withLogPrecisions(Arrays.copyOf(h, k));
        if (train.task == Task.REGRESSION) {
            sigma = Math.exp(h[k]);
        }
        refreshPrecisions();
    }

    private void refreshPrecisions() {
        double[] d = prior.precisionPerParameter(groups);
        precisionSlices = new double[groups.count()][];
        for (int g = 0; g < groups.count(); g++) {
            precisionSlices[g] = Arrays.copyOfRange(d, groups.offset(g), groups.offset(g) + groups.size(g));
        }
    }

    /** The current δ values. */
    public double[] precisions() {
        double[] ld = prior.logPrecisions();
        double[] d = new double[ld.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.exp(ld[i]);
        }
        return d;
    }
}
