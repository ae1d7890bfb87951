package org.jlaplace.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.Syrk;
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
 * Gram matrices {@code C = X·Xᵀ} of an {@code rows×cols} matrix X (the NTK's shape: examples × parameters):
 * the lower triangle by {@code Syrk} ({@code syrk}), the full product by {@code Gemm} ({@code gemm}) and
 * by EJML's {@code CommonOps_DDRM.multTransB} ({@code ejml}). Useful flops: {@code rows²·cols} for
 * SYRK (the triangle), {@code 2·rows²·cols} for the full products.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SyrkBenchmark {

    @Param({"500x8500", "2500x2000", "1000x1000"})
    public String shape;

    @Param({"syrk", "gemm", "ejml"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private int rows;
    private int cols;
    private double[] x;
    private double[] c;
    private DMatrixRMaj mx;
    private DMatrixRMaj mc;

    @Setup
    public void setUp() {
        String[] parts = shape.split("x");
        rows = Integer.parseInt(parts[0]);
        cols = Integer.parseInt(parts[1]);
        Random rng = new Random(7);
        x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        c = new double[rows * rows];
        mx = DMatrixRMaj.wrap(rows, cols, x);
        mc = new DMatrixRMaj(rows, rows);
    }

    @Benchmark
    public Object gram() {
        switch (impl) {
            case "syrk":
                Syrk.syrk(false, rows, cols, 1.0, x, 0, cols, 0.0, c, 0, rows, threads);
                return c;
            case "gemm":
                Gemm.gemm(false, true, rows, rows, cols, 1.0, x, 0, cols, x, 0, cols, 0.0, c, 0, rows, threads);
                return c;
            case "ejml":
                CommonOps_DDRM.multTransB(mx, mx, mc);
                return mc;
            default:
                throw new IllegalArgumentException("SyrkBenchmark: unknown impl " + impl);
        }
    }
}
