package org.jlaplace.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.jlaplace.core.Tensor;
import org.jlaplace.core.conv.Conv2d;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Conv2d by im2col + GEMM on a batch of 100, 3×3 filters, stride 1, padding 1, for the two layer
 * shapes of a small MNIST CNN: {@code 1×28×28 → 8} channels and {@code 16×14×14 → 32} channels. The
 * forward pass and both adjoints (input and weight).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Conv2dBenchmark {

    /** {@code inChannels x size x size -> outChannels}. */
    @Param({"1x28x28-8", "16x14x14-32"})
    public String layer;

    private static final int BATCH = 100;
    private static final int KERNEL = 3;
    private static final int STRIDE = 1;
    private static final int PADDING = 1;

    private Tensor x;
    private Tensor w;
    private Tensor bias;
    private Tensor gradOut;
    private int[] inputShape;
    private int[] weightShape;

    @Setup(Level.Trial)
    public void makeData() {
        String[] parts = layer.split("[x-]");
        int c = Integer.parseInt(parts[0]);
        int size = Integer.parseInt(parts[1]);
        int o = Integer.parseInt(parts[3]);
        SplittableRandom rnd = new SplittableRandom(7);
        inputShape = new int[] {BATCH, c, size, size};
        weightShape = new int[] {o, c, KERNEL, KERNEL};
        x = random(rnd, inputShape);
        w = random(rnd, weightShape);
        bias = random(rnd, o);
        gradOut = random(rnd, BATCH, o, size, size);
    }

    private static Tensor random(SplittableRandom rnd, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rnd.nextDouble() - 0.5;
        }
        return Tensor.of(v, shape);
    }

    @Benchmark
    public Tensor forward() {
        return Conv2d.forward(x, w, bias, STRIDE, PADDING);
    }

    @Benchmark
    public Tensor backwardInput() {
        return Conv2d.backwardInput(gradOut, w, inputShape, STRIDE, PADDING);
    }

    @Benchmark
    public Tensor backwardWeight() {
        return Conv2d.backwardWeight(gradOut, x, weightShape, STRIDE, PADDING);
    }
}
