package org.jlaplace.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.SGemm;
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
 * Single against double precision: {@code C = A·B} by {@link SGemm} ({@code precision=f32}) and by
 * {@link Gemm} ({@code f64}) on the same shapes. {@code shape} is a square {@code n×n×n} product
 * ({@code 512}, {@code 1024}) or a whole-batch convolution product {@code W·X} of im2col patches:
 * {@code conv16} is {@code 16×144 · 144×50176} (16 filters of 16·3·3 over 64 images of 28×28),
 * {@code conv32} is {@code 32×144 · 144×12544} (64 images of 14×14). GFLOP/s = {@code 2mnk / time}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmBenchmark {

    @Param({"512", "1024", "conv16", "conv32"})
    public String shape;

    @Param({"f32", "f64"})
    public String precision;

    @Param({"1", "2"})
    public int threads;

    private int m;
    private int n;
    private int k;
    private float[] af;
    private float[] bf;
    private float[] cf;
    private double[] ad;
    private double[] bd;
    private double[] cd;

    @Setup
    public void setUp() {
        switch (shape) {
            case "conv16" -> {
                m = 16;
                k = 144;
                n = 64 * 784;
            }
            case "conv32" -> {
                m = 32;
                k = 144;
                n = 64 * 196;
            }
            default -> {
                m = Integer.parseInt(shape);
                k = m;
                n = m;
            }
        }
        Random rng = new Random(42);
        boolean single = "f32".equals(precision);
        if (single) {
            af = new float[m * k];
            bf = new float[k * n];
            cf = new float[m * n];
        } else {
            ad = new double[m * k];
            bd = new double[k * n];
            cd = new double[m * n];
        }
        for (int i = 0; i < m * k; i++) {
            double v = rng.nextGaussian();
            if (single) {
                af[i] = (float) v;
            } else {
                ad[i] = v;
            }
        }
        for (int i = 0; i < k * n; i++) {
            double v = rng.nextGaussian();
            if (single) {
                bf[i] = (float) v;
            } else {
                bd[i] = v;
            }
        }
    }

    @Benchmark
    public Object multiply() {
        if (af != null) {
            SGemm.gemm(false, false, m, n, k, 1.0f, af, 0, k, bf, 0, n, 0.0f, cf, 0, n, threads);
            return cf;
        }
        Gemm.gemm(false, false, m, n, k, 1.0, ad, 0, k, bd, 0, n, 0.0, cd, 0, n, threads);
        return cd;
    }
}
