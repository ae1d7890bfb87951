package org.jlaplace.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Losses;
import org.jlaplace.autodiff.nn.MaxPool2d;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.autodiff.nn.TraceBuffers;
import org.jlaplace.autodiff.optim.Adam;
import org.jlaplace.autodiff.optim.StatefulOptimizer;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One optimiser step of network training, as {@code jlaplace marglik} takes it: the batched forward
 * pass ({@link Sequential#trace}), the mean cross-entropy and its gradient, the backward pass
 * ({@link Trace#backward}) and an Adam update of every parameter (learning rate 1e-3). Random
 * inputs and labels, fixed per trial. Models (the same in {@code bench/anchors/training_anchor.py}):
 * <ul>
 *   <li>{@code mlp_small}: 64 → 32 → tanh → 10 (the default job's network);</li>
 *   <li>{@code mlp_wide}: 784 → 512 → relu → 512 → relu → 10;</li>
 *   <li>{@code cnn_mnist}: {@code cnn:16-32:128-10} on 1×28×28, i.e. conv 3×3 (pad 1) 16 → relu →
 *   max-pool 2 → conv 3×3 32 → relu → max-pool 2 → flatten → 128 → relu → 10.</li>
 * </ul>
 * {@code threads} sets {@code -Djlaplace.threads} for the trial. {@code dtype=float32} takes the
 * step as a float32 run of {@code jlaplace marglik --dtype float32} does: the float32 trace in
 * reused {@link TraceBuffers}, {@link Losses#crossEntropy32}, {@link Trace#backward32} and
 * {@link StatefulOptimizer#step32}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class TrainingBenchmark {

    @Param({"mlp_small", "mlp_wide", "cnn_mnist"})
    public String model;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"1", "2"})
    public int threads;

    @Param({"64"})
    public int batch;

    private Sequential network;
    private Tensor inputs;
    private int[] labels;
    private StatefulOptimizer optimizer;
    private String previousThreads;
    private boolean float32;
    private TraceBuffers buffers;
    private float[] gradient32;
    private final List<Tensor> values = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        float32 = Dtype.parse(dtype) == Dtype.FLOAT32;
        previousThreads = System.getProperty(Gemm.THREADS_PROPERTY);
        System.setProperty(Gemm.THREADS_PROPERTY, Integer.toString(threads));
        network = network(model);
        SplittableRandom rnd = new SplittableRandom(17);
        int[] one = network.inputShape();
        int[] shape = new int[one.length + 1];
        shape[0] = batch;
        System.arraycopy(one, 0, shape, 1, one.length);
        inputs = new Rng(5).normal(0, 1, shape);
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rnd.nextInt(10);
        }
        optimizer = new Adam(1e-3);
        values.clear();
        for (Parameter p : network.parameters()) {
            values.add(p.value());
        }
        if (float32) {
            network.roundParametersToFloat32();
            buffers = new TraceBuffers(network);
            gradient32 = new float[batch * network.outputSize()];
        }
    }

    @TearDown(Level.Trial)
    public void restoreThreads() {
        if (previousThreads == null) {
            System.clearProperty(Gemm.THREADS_PROPERTY);
        } else {
            System.setProperty(Gemm.THREADS_PROPERTY, previousThreads);
        }
    }

    /** The networks by name; see the class comment. */
    static Sequential network(String name) {
        Rng rng = new Rng(3);
        switch (name) {
            case "mlp_small":
                return new Sequential(rng, new int[] {64}, new Linear(64, 32), Activation.tanh(), new Linear(32, 10));
            case "mlp_wide":
                return new Sequential(rng, new int[] {784}, new Linear(784, 512), Activation.relu(),
                        new Linear(512, 512), Activation.relu(), new Linear(512, 10));
            case "cnn_mnist":
                return new Sequential(rng, new int[] {1, 28, 28},
                        new Conv2d(1, 16, 3, 1, 1, true), Activation.relu(), new MaxPool2d(2, 2),
                        new Conv2d(16, 32, 3, 1, 1, true), Activation.relu(), new MaxPool2d(2, 2), new Flatten(),
                        new Linear(32 * 7 * 7, 128), Activation.relu(), new Linear(128, 10));
            default:
                throw new IllegalArgumentException("TrainingBenchmark: unknown model " + name);
        }
    }

    /** Forward, loss gradient, backward and the Adam update; returns the loss. */
    @Benchmark
    public double step() {
        if (float32) {
            Trace trace = network.trace(inputs, buffers);
            double loss = Losses.crossEntropy32(trace.output32(), batch, network.outputSize(), labels,
                    Losses.Reduction.MEAN, gradient32);
            optimizer.step32(values, trace.parameters32(), trace.backward32(gradient32));
            return loss;
        }
        Trace trace = network.trace(inputs);
        Losses.LossAndGradient lg = Losses.crossEntropy(trace.output(), labels, Losses.Reduction.MEAN);
        List<Tensor> grads = trace.backward(lg.gradient());
        List<Parameter> params = network.parameters();
        optimizer.stepParameters(params, grads);
        return lg.value();
    }
}
