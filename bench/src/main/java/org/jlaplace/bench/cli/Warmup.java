package org.jlaplace.bench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Losses;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.autodiff.nn.TraceBuffers;
import org.jlaplace.autodiff.optim.Adam;
import org.jlaplace.bench.model.ArchitectureSpec;
import org.jlaplace.bench.model.FlatInputs;
import org.jlaplace.bench.report.Plots;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.KernelPrimer;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.MarginalLikelihood;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.predictive.PosteriorStructure;
import org.jlaplace.laplace.predictive.PredictivePosterior;
import org.jlaplace.laplace.prior.Prior;

/**
 * Background JIT warm-up for the compute commands. Until C2 compiles them, the Vector API kernels
 * run their Java fallback, which allocates per vector operation and is 10–100× slower than the
 * compiled code: left alone, the first epochs and the first hyper-step of a run pay for it. This
 * daemon thread, started before the command line is even parsed, first primes the GEMM
 * micro-kernels ({@link KernelPrimer}, so that C2 compiles them whole instead of by on-stack
 * replacement), then takes on random data and a
 * small MLP the paths a marglik run takes (minibatch steps, a kernel-bound hyper-step, the
 * full-GGN predictive) and renders one chart, so that the JIT compiles them and the chart library
 * loads on the otherwise idle second core while the main thread starts up and loads data. It
 * shares no mutable state with the run, so results do not change; its work is bounded (about a
 * second once compiled), and it dies with the JVM.
 */
final class Warmup {
    /**
     * Minibatch steps of the warm-up network. Few: the launcher's lower compile threshold for the
     * SIMD kernels already gets them to C2 quickly, and every extra step takes the second core
     * from the C2 compiler threads (200 steps measured no better than 30).
     */
    static final int TRAINING_STEPS = 30;

    /**
     * Calls per GEMM micro-kernel of {@link KernelPrimer}: enough for its whole-method bar under the
     * launcher's compile threshold scaling of 0.05 for the kernel classes (45 calls). Measured on the
     * default job (6 runs each): the OSR compilations of the three double kernels (0.29, 0.13 and
     * 0.06 s of C2) no longer happen, and the first epoch's ratio to the median fell from 2.8–17× to
     * 3.4–6×.
     */
    static final int PRIMER_CALLS = 50;

    /** Kernel-bound evaluations (each one batch of {@link #BOUND_BATCH}). */
    static final int BOUND_STEPS = 1;

    /** Steps between whole-set forward passes (a run evaluates once per epoch). */
    private static final int EVALUATION_EVERY = 10;

    private static final int INPUTS = 64;
    private static final int CLASSES = 10;
    private static final int N = 200;
    private static final int BATCH = 64;
    private static final int BOUND_BATCH = 100;

    /** Commands whose run time is dominated by the kernels (others, e.g. --help, skip the warm-up). */
    private static final List<String> COMPUTE_COMMANDS = List.of("marglik", "evidence", "bounds", "compare");

    /** Set to {@code false} with {@code -Djlaplace.warmup=false} to measure without it. */
    static final String PROPERTY = "jlaplace.warmup";

    private Warmup() {
    }

    /** Starts the warm-up thread when {@link #wanted} says so. */
    static void startFor(String[] args) {
        if (!wanted(args, System.getProperty(PROPERTY, "true"))) {
            return;
        }
        boolean float32 = float32(args);
        Thread t = new Thread(() -> runQuietly(float32), "jlaplace-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Whether {@code args} run a compute command (not its help) and the {@link #PROPERTY} value
     * does not switch the warm-up off.
     */
    static boolean wanted(String[] args, String property) {
        List<String> a = Arrays.asList(args);
        return !a.isEmpty() && COMPUTE_COMMANDS.contains(a.get(0)) && !a.contains("--help") && !a.contains("-h")
                && !a.contains("--version") && !a.contains("-V") && !"false".equalsIgnoreCase(property);
    }

    /** Whether {@code args} ask for the float32 network path ({@code --dtype float32}), whose kernels are then the ones to warm. */
    static boolean float32(String[] args) {
        List<String> a = Arrays.asList(args);
        int i = a.indexOf("--dtype");
        return a.contains("--dtype=float32") || (i >= 0 && i + 1 < a.size() && a.get(i + 1).equalsIgnoreCase("float32"));
    }

    /** The warm-up work; any failure only ends the warm-up, never the command. */
    private static void runQuietly(boolean float32) {
        try {
            run(float32);
        } catch (RuntimeException | LinkageError e) {
            // Warm-up is an optimisation: a failure here must not disturb the real run.
        }
    }

    /**
     * The kernel primer, then minibatch steps, bound evaluations, a GLM predictive and one chart, in
     * the order a run needs them; the minibatch steps and the bound's network passes in float32 when {@code float32}.
     */
    static void run(boolean float32) {
        KernelPrimer.primeDouble(PRIMER_CALLS);
        if (float32) {
            KernelPrimer.primeFloat(PRIMER_CALLS);
        }
        SplittableRandom rng = new SplittableRandom(42);
        double[] x = new double[N * INPUTS];
        int[] labels = new int[N];
        double[] targets = new double[N];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < N; i++) {
            labels[i] = i % CLASSES;
            targets[i] = labels[i];
        }
        Sequential net = ArchitectureSpec.build("mlp:32-" + CLASSES + ":tanh", new int[] {1, 8, 8}, CLASSES, 42);
        if (float32) {
            train32(net, x, labels, rng);
        } else {
            train(net, x, labels, rng);
        }
        CategoricalLikelihood likelihood = new CategoricalLikelihood(CLASSES, 1.0);
        Prior prior = Prior.layerwise(new double[] {1, 1, 1, 1});
        LinearizedModel lin = FlatInputs.linearized(net, x, N, float32 ? Dtype.FLOAT32 : Dtype.FLOAT64);
        MarginalLikelihood<?> ml = Laplace.marginalLikelihood(lin, targets, likelihood, prior,
                Estimators.byName("kernel", 42));
        Partition part = Partition.grouped(labels, BOUND_BATCH, 42);
        for (int k = 0; k < BOUND_STEPS; k++) {
            ml.prepareEstimate(part.batch(k % part.batchCount())).evaluate(likelihood, prior).gradLogPrecision();
        }
        // The predictive's P×P Cholesky grows as P³: a narrower network runs the same kernels for less.
        Sequential small = ArchitectureSpec.build("mlp:8-" + CLASSES + ":tanh", new int[] {1, 8, 8}, CLASSES, 42);
        LinearizedModel smallLin = FlatInputs.linearized(small, x, N);
        Prior smallPrior = Prior.scalar(1.0);
        PredictivePosterior glm = PredictivePosterior.fit(smallLin, likelihood, smallPrior, PosteriorStructure.FULL);
        int[] rows = new int[BATCH];
        Arrays.setAll(rows, i -> i);
        glm.predict(smallLin.batch(rows)).probitProbabilities();
        Plots.warmUp();
    }

    /** {@link #train} as a float32 marglik epoch takes the steps. */
    private static void train32(Sequential net, double[] x, int[] labels, SplittableRandom rng) {
        net.roundParametersToFloat32();
        Adam opt = new Adam(1e-3);
        TraceBuffers buffers = new TraceBuffers(net);
        List<Tensor> values = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            values.add(p.value());
        }
        float[] gradient = new float[BATCH * CLASSES];
        for (int step = 0; step < TRAINING_STEPS; step++) {
            int from = rng.nextInt(N - BATCH + 1);
            Trace trace = net.trace(Tensor.of(Arrays.copyOfRange(x, from * INPUTS, (from + BATCH) * INPUTS), BATCH, 1, 8, 8),
                    buffers);
            Losses.crossEntropy32(trace.output32(), BATCH, CLASSES, Arrays.copyOfRange(labels, from, from + BATCH),
                    Losses.Reduction.MEAN, gradient);
            opt.step32(values, trace.parameters32(), trace.backward32(gradient));
            if (step % EVALUATION_EVERY == 0) {
                net.forward(Tensor.of(x, N, 1, 8, 8), Dtype.FLOAT32);
            }
        }
    }

    /** Adam steps on the cross-entropy of random minibatches, as a marglik epoch takes them. */
    private static void train(Sequential net, double[] x, int[] labels, SplittableRandom rng) {
        Adam opt = new Adam(1e-3);
        List<Parameter> params = net.parameters();
        for (int step = 0; step < TRAINING_STEPS; step++) {
            int from = rng.nextInt(N - BATCH + 1);
            Trace trace = net.trace(Tensor.of(Arrays.copyOfRange(x, from * INPUTS, (from + BATCH) * INPUTS), BATCH, 1, 8, 8));
            Losses.LossAndGradient lg = Losses.crossEntropy(trace.output(),
                    Arrays.copyOfRange(labels, from, from + BATCH), Losses.Reduction.MEAN);
            List<Tensor> grads = new ArrayList<>(trace.backward(lg.gradient().mul(1.0)));
            opt.stepParameters(params, grads);
            if (step % EVALUATION_EVERY == 0) {
                net.forward(Tensor.of(x, N, 1, 8, 8));
            }
        }
    }
}
