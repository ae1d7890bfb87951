package org.jlaplace.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.jlaplace.core.linalg.Cholesky;
import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.TriangularGram;
import org.jlaplace.core.linalg.TriangularInverse;
import org.jlaplace.core.linalg.Trsm;
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
 * The dense SPD algebra of the Laplace bounds and predictive on 1 or 2 threads, side by side:
 * <ul>
 *   <li>{@code cholesky}: {@code X = LLᵀ} in place ({@link Cholesky});</li>
 *   <li>{@code inverse}: {@code L ← L⁻¹} ({@link TriangularInverse});</li>
 *   <li>{@code gram}: {@code Z ← ZᵀZ} on {@code Z = L⁻¹} ({@link TriangularGram});</li>
 *   <li>{@code all}: the three in a row, the lower triangle of {@code X⁻¹} as a bound's step forms it;</li>
 *   <li>{@code rowsolve}: {@code B ← B·L⁻ᵀ} for {@value #ROWS} rows ({@link Trsm#solveRight}), the
 *       predictive's solve of its test rows against the GGN factor.</li>
 * </ul>
 * Each invocation first restores its input (an {@code O(n²)} copy; for {@code rowsolve} the copy of
 * {@code B}, a few percent of the solve). {@code X = G·Gᵀ/n + I} with uniform {@code G}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SpdInverseBenchmark {

    /** Right-hand-side rows of {@code rowsolve}, about the predictive's test rows times outputs. */
    static final int ROWS = 3600;

    @Param({"440", "1000", "2410"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"cholesky", "inverse", "gram", "all", "rowsolve"})
    public String op;

    private double[] x;
    private double[] lower;
    private double[] lowerInverse;
    private double[] rhs;
    private double[] work;

    @Setup(Level.Trial)
    public void makeMatrices() {
        SplittableRandom rnd = new SplittableRandom(42);
        double[] g = new double[n * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextDouble() - 0.5;
        }
        x = new double[n * n];
        Gemm.gemm(false, true, n, n, n, 1.0 / n, g, 0, n, g, 0, n, 0.0, x, 0, n, 1);
        for (int i = 0; i < n; i++) {
            x[i * n + i] += 1.0;
        }
        lower = x.clone();
        Cholesky.factor(lower, n, 1);
        lowerInverse = lower.clone();
        TriangularInverse.invertLower(lowerInverse, 0, n, n, 1);
        if (op.equals("rowsolve")) {
            rhs = new double[ROWS * n];
            for (int i = 0; i < rhs.length; i++) {
                rhs[i] = rnd.nextDouble() - 0.5;
            }
            work = new double[ROWS * n];
        } else {
            work = new double[n * n];
        }
        warmUp();
    }

    /**
     * A few large factorisations and inversions before measuring, so that C2 has compiled the SIMD
     * GEMM micro-kernel (see {@link CholeskyBenchmark}) and the coarse tasks' code on both threads.
     */
    private void warmUp() {
        int m = 1000;
        double[] big = new double[m * m];
        for (int rep = 0; rep < 3; rep++) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(big, i * m, i * m + i, 1.0 / m);
                big[i * m + i] = 1.0;
            }
            Cholesky.factor(big, m, threads);
            TriangularInverse.invertLower(big, 0, m, m, threads);
            TriangularGram.lowerGram(big, 0, m, m, threads);
        }
    }

    @Benchmark
    public double run() {
        switch (op) {
            case "cholesky":
                System.arraycopy(x, 0, work, 0, x.length);
                Cholesky.factor(work, n, threads);
                break;
            case "inverse":
                System.arraycopy(lower, 0, work, 0, lower.length);
                TriangularInverse.invertLower(work, 0, n, n, threads);
                break;
            case "gram":
                System.arraycopy(lowerInverse, 0, work, 0, lowerInverse.length);
                TriangularGram.lowerGram(work, 0, n, n, threads);
                break;
            case "all":
                System.arraycopy(x, 0, work, 0, x.length);
                Cholesky.factor(work, n, threads);
                TriangularInverse.invertLower(work, 0, n, n, threads);
                TriangularGram.lowerGram(work, 0, n, n, threads);
                break;
            case "rowsolve":
                System.arraycopy(rhs, 0, work, 0, rhs.length);
                Trsm.solveRight(true, ROWS, n, lower, 0, n, work, 0, n, threads);
                break;
            default:
                throw new IllegalArgumentException("unknown op " + op);
        }
        return work[work.length - 1];
    }
}
