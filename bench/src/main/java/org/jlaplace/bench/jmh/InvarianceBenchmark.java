package org.jlaplace.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jlaplace.autodiff.augment.AffineAugmentation;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.NetworkModel;
import org.jlaplace.laplace.invariance.AugmentedKernelBound;
import org.jlaplace.laplace.invariance.KernelStructure;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.prior.Prior;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one hyper-step (bound value and all hyper-gradients on one batch of M = 100 digits,
 * 8×8, MLP 64-32-10 tanh): invariance learning with S = 10 rotation samples (second-order AD for
 * the η gradient) against the non-augmented step — the laplace module's estimator on the plain
 * network (structured kernels, gradients in log δ only) and the same augmented graph with S = 1.
 * {@code kernel} is the full {@code MC×MC} kernel bound or the output-wise bound. The {@code main}
 * method times the same steps by thread CPU time without JMH. The fork uses the parallel collector,
 * as the {@code jlaplace} launcher does: the graph allocates tens of MB per step, which G1 takes as
 * humongous objects at a cost that would dominate the measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djlaplace.threads=1", "-XX:+UseParallelGC"})
public class InvarianceBenchmark {

    @Param({"augmented-S10", "augmented-S1", "plain-laplace"})
    public String step;

    @Param({"OUTPUTWISE", "FULL"})
    public String kernel;

    private static final int M = 100;
    private Sequential net;
    private Tensor x;
    private double[] y;
    private AugmentedKernelBound bound;
    private AugmentedModel model;
    private Rng rng;

    @Setup
    public void setUp() {
        EmbeddedDigits data = EmbeddedDigits.first(M);
        x = data.x;
        y = data.labels;
        net = new Sequential(new Rng(1), new int[] {64}, new Linear(64, 32), Activation.tanh(), new Linear(32, 10));
        int samples = step.equals("augmented-S10") ? 10 : 1;
        model = new AugmentedModel(net, new AffineAugmentation(List.of(AffineGenerator.ROTATION), samples),
            new int[] {1, 8, 8});
        bound = new AugmentedKernelBound(model, 1000, KernelStructure.valueOf(kernel));
        rng = new Rng(5);
    }

    @Benchmark
    public double hyperStep() {
        if (step.equals("plain-laplace")) {
            int[] all = new int[M];
            for (int i = 0; i < M; i++) {
                all[i] = i;
            }
            return Laplace.marginalLikelihood(NetworkModel.of(net, x), y, new CategoricalLikelihood(10),
                Prior.scalar(1.0), KernelStructure.valueOf(kernel).estimatorName()).estimate(all).logMarglik();
        }
        double eta = step.equals("augmented-S10") ? 0.5 : 0.0;
        return bound.evaluate(x, y, new double[] {eta}, model.augmentation().sampleNoise(rng, M),
            new CategoricalLikelihood(10), Prior.scalar(1.0)).value().logMarglik();
    }

    /** Median thread-CPU milliseconds per hyper-step for every setting (args: repetitions, default 5). */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (String k : new String[] {"OUTPUTWISE", "FULL"}) {
            for (String s : new String[] {"plain-laplace", "augmented-S1", "augmented-S10"}) {
                InvarianceBenchmark b = new InvarianceBenchmark();
                b.step = s;
                b.kernel = k;
                b.setUp();
                b.hyperStep();
                double[] t = new double[reps];
                for (int r = 0; r < reps; r++) {
                    long c0 = bean.getCurrentThreadCpuTime();
                    b.hyperStep();
                    t[r] = (bean.getCurrentThreadCpuTime() - c0) / 1e6;
                }
                java.util.Arrays.sort(t);
                System.out.printf("%-11s %-14s M=%d: median %.0f ms CPU per hyper-step (min %.0f, max %.0f)%n", k, s, M,
                    t[reps / 2], t[0], t[reps - 1]);
            }
        }
    }
}
