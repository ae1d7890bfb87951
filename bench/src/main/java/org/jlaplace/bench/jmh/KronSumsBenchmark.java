package org.jlaplace.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
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
 * One block of a convolution's KFAC output factor as {@code KronSums} adds it, on one thread: the lower
 * triangle of {@code Σ_r X_r X_rᵀ} for row-major {@code d×t} matrices {@code X_r} (d output channels, t
 * positions), as many as fill {@code 2^18} doubles (KronSums' block). {@code dots}: one
 * {@code VectorKernels.dot} per entry and matrix (the former loop); {@code dotBlock}: one
 * {@code VectorKernels.dotBlock} per 4×4 tile of the triangle over all matrices (the current one).
 * The MNIST CNN's layers are {@code d=16, t=784} and {@code d=32, t=196}. Useful flops
 * {@code d(d+1)/2 · t} multiply-adds per matrix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KronSumsBenchmark {

    private static final int BLOCK_DOUBLES = 1 << 18;
    private static final int TILE = 4;

    @Param({"16", "32"})
    public int d;

    @Param({"196", "784"})
    public int t;

    @Param({"dots", "dotBlock"})
    public String impl;

    private int count;
    private double[] x;
    private double[] lower;
    private VectorKernels kernels;

    @Setup
    public void setUp() {
        count = Math.max(1, BLOCK_DOUBLES / (d * t));
        Random rng = new Random(3);
        x = new double[count * d * t];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        lower = new double[d * d];
        kernels = KernelProvider.get();
    }

    @Benchmark
    public double[] block() {
        switch (impl) {
            case "dots":
                for (int r = 0; r < count; r++) {
                    int base = r * d * t;
                    for (int o = 0; o < d; o++) {
                        for (int o2 = 0; o2 <= o; o2++) {
                            lower[o * d + o2] += kernels.dot(x, base + o * t, x, base + o2 * t, t);
                        }
                    }
                }
                return lower;
            case "dotBlock":
                for (int i = 0; i < d; i += TILE) {
                    for (int j = 0; j <= i; j += TILE) {
                        kernels.dotBlock(Math.min(TILE, d - i), Math.min(TILE, d - j), t, count, d * t, x, i * t, t,
                                x, j * t, t, lower, i * d + j, d);
                    }
                }
                return lower;
            default:
                throw new IllegalArgumentException("KronSumsBenchmark: unknown impl " + impl);
        }
    }
}
