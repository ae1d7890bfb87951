package org.jlaplace.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.Linalg;
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
 * The full symmetric eigen-decomposition (eigenvalues and eigenvectors) of an {@code n×n} Kronecker-factor-like
 * SPD matrix {@code X·Xᵀ/n} with a Gaussian {@code n×n} {@code X}: {@code Linalg.symmetricEigen} ({@code jlaplace},
 * on {@code threads} threads, set through {@code jlaplace.threads}) against EJML's
 * {@code DecompositionFactory_DDRM.eig(n, true, true)} ({@code ejml}, one thread), which it replaced. The KFAC
 * predictive on MNIST decomposes a 1569×1569 factor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SymmetricEigenBenchmark {

    @Param({"200", "800", "1569"})
    public int n;

    @Param({"ejml", "jlaplace"})
    public String impl;

    /** Threads of {@code jlaplace} (EJML uses one whatever this says). */
    @Param({"1", "2"})
    public int threads;

    private double[] a;
    private Tensor tensor;

    @Setup
    public void setUp() {
        System.setProperty(Gemm.THREADS_PROPERTY, Integer.toString(threads));
        Random rng = new Random(3);
        double[] x = new double[n * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        a = new double[n * n];
        Gemm.gemm(false, true, n, n, n, 1.0 / n, x, 0, n, x, 0, n, 0.0, a, 0, n);
        tensor = Tensor.of(a, n, n);
    }

    @Benchmark
    public Object decompose() {
        switch (impl) {
            case "jlaplace":
                return Linalg.symmetricEigen(tensor);
            case "ejml": {
                EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
                if (!eig.decompose(DMatrixRMaj.wrap(n, n, a.clone()))) {
                    throw new IllegalStateException("EJML failed");
                }
                return eig;
            }
            default:
                throw new IllegalArgumentException("SymmetricEigenBenchmark: unknown impl " + impl);
        }
    }
}
