package org.jlaplace.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.linalg.Gemm;
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
 * Square {@code n×n} products {@code C = A·B}: jlaplace's GEMM on the chosen kernels ({@code jlaplace}),
 * the same blocked GEMM on the scalar twin ({@code scalar}), and EJML ({@code CommonOps_DDRM.mult},
 * or {@code CommonOps_MT_DDRM.mult} when {@code threads > 1}). GFLOP/s = {@code 2n³ / time}.
 * Run with {@code --add-modules jdk.incubator.vector} for the SIMD kernels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {

    @Param({"64", "128", "256", "512", "1024"})
    public int n;

    @Param({"jlaplace", "ejml", "scalar"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private double[] a;
    private double[] b;
    private double[] c;
    private DMatrixRMaj ma;
    private DMatrixRMaj mb;
    private DMatrixRMaj mc;

    @Setup
    public void setUp() {
        Random rng = new Random(42);
        a = new double[n * n];
        b = new double[n * n];
        c = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = rng.nextGaussian();
            b[i] = rng.nextGaussian();
        }
        ma = DMatrixRMaj.wrap(n, n, a);
        mb = DMatrixRMaj.wrap(n, n, b);
        mc = new DMatrixRMaj(n, n);
    }

    @Benchmark
    public Object multiply() {
        switch (impl) {
            case "jlaplace":
                Gemm.gemm(false, false, n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n, threads);
                return c;
            case "scalar":
                Gemm.gemm(KernelProvider.scalar(), false, false, n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n, threads);
                return c;
            case "ejml":
                if (threads > 1) {
                    CommonOps_MT_DDRM.mult(ma, mb, mc);
                } else {
                    CommonOps_DDRM.mult(ma, mb, mc);
                }
                return mc;
            default:
                throw new IllegalArgumentException("GemmBenchmark: unknown impl " + impl);
        }
    }
}
