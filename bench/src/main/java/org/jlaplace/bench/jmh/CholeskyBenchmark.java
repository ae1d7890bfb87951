package org.jlaplace.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecomposition_DDRB_to_DDRM;
import org.jlaplace.core.linalg.Cholesky;
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
 * Cholesky factorisation plus log-determinant of an {@code n×n} SPD matrix on one thread:
 * jlaplace's blocked right-looking {@link Cholesky} against EJML's block (64-wide) Cholesky, which is
 * EJML's fastest for these sizes (its factory picks the slower inner-product form below n = 1000).
 * Each invocation restores the input first (an O(n²) copy, negligible next to the n³/3 flops).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djlaplace.threads=1"})
public class CholeskyBenchmark {

    @Param({"250", "500", "1000", "2000"})
    public int n;

    @Param({"jlaplace", "ejml"})
    public String impl;

    private double[] spd;
    private double[] work;
    private DMatrixRMaj ejmlWork;
    private CholeskyDecomposition_DDRB_to_DDRM ejml;

    @Setup(Level.Trial)
    public void makeMatrix() {
        SplittableRandom rnd = new SplittableRandom(42);
        double[] g = new double[n * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextDouble() - 0.5;
        }
        // A = G·Gᵀ/n + I is comfortably positive definite.
        spd = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0.0;
                for (int k = 0; k < n; k++) {
                    s += g[i * n + k] * g[j * n + k];
                }
                spd[i * n + j] = s / n + (i == j ? 1.0 : 0.0);
                spd[j * n + i] = spd[i * n + j];
            }
        }
        work = new double[n * n];
        ejmlWork = new DMatrixRMaj(n, n);
        ejml = new CholeskyDecomposition_DDRB_to_DDRM(true);
        if (impl.equals("jlaplace")) {
            warmUpGemmKernel();
        }
    }

    /**
     * Runs a few large factorisations before measuring. On a busy machine the C2 compilation of the
     * SIMD GEMM micro-kernel can lag for many seconds when the first calls are small (the kernel then
     * runs through the Vector API's Java fallback, 100x slower), longer than a short JMH warm-up;
     * long inner loops get it compiled early. This measures the steady state, not the JIT's luck.
     */
    private static void warmUpGemmKernel() {
        int m = 1000;
        double[] big = new double[m * m];
        for (int rep = 0; rep < 4; rep++) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(big, i * m, i * m + i, 1.0 / m);
                big[i * m + i] = 1.0;
            }
            Cholesky.factor(big, m, 1);
        }
    }

    @Benchmark
    public double factorAndLogDet() {
        if (impl.equals("jlaplace")) {
            System.arraycopy(spd, 0, work, 0, spd.length);
            return Cholesky.factor(work, n, 1).logDet();
        }
        System.arraycopy(spd, 0, ejmlWork.data, 0, spd.length);
        if (!ejml.decompose(ejmlWork)) {
            throw new IllegalStateException("EJML Cholesky failed");
        }
        DMatrixRMaj t = ejml.getT(null);
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += Math.log(t.get(i, i));
        }
        return 2.0 * s;
    }
}
