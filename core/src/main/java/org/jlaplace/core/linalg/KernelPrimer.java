package org.jlaplace.core.linalg;

import java.util.Arrays;
import org.jlaplace.core.kernels.FloatKernels;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;

/**
 * Start-up priming of the GEMM micro-kernels, for a background thread at the start of a job.
 *
 * <p>HotSpot compiles a method with C2 either as a whole, once it has been called often enough
 * ({@code i > Tier4MinInvocationThreshold} and {@code i + b > Tier4CompileThreshold}, with
 * {@code i} calls and {@code b} loop back-edges), or by on-stack replacement (OSR) of a running
 * loop, once {@code b > Tier4BackEdgeThreshold}. With the default thresholds (600, 15000, 40000)
 * a kernel whose loop runs {@code K} times per call reaches the OSR bar first whenever
 * {@code K > 40000/600 ≈ 66}, which every sizeable GEMM does. The OSR compilation of the widest
 * micro-kernel then took C2 0.29 s on this project's test machine, against 0.04–0.1 s for the
 * whole-method one, and the two narrower kernels 0.13 and 0.06 s: half a second of compiler time
 * at the moment a job needs both cores.
 *
 * <p>Calling each micro-kernel through a tiny GEMM of depth {@value #DEPTH} puts it on the
 * whole-method path: {@code 601} calls reach {@code i + b = 601·17 > 15000} only at
 * {@code i ≈ 883}, and the OSR bar only at {@code i = 40000/16 = 2500}. Both bars scale with the
 * JVM's {@code CompileThresholdScaling}, so under a scaled threshold proportionally fewer calls
 * suffice ({@code jlaplace}'s launcher scales the kernel classes by 0.05: 45 calls). Until C2 has
 * compiled them the Vector API kernels run their allocating Java fallback, so the calls are kept
 * short: per round, one multiply of one micro-tile's rows and depth {@value #DEPTH} for each
 * micro-kernel width (3, 2 and 1 vectors: 24, 16 and 8 columns of doubles on AVX-512).
 *
 * <p>The products are real GEMMs through the public entry points (one thread), so priming changes
 * no state other than the JIT's; {@link #primeDouble} and {@link #primeFloat} return the sum of
 * their last products, which callers may ignore.
 */
public final class KernelPrimer {

    /** Depth of the priming multiplies: short enough that a call is cheap in the Java fallback. */
    static final int DEPTH = 16;

    /** Calls per kernel that put it on the whole-method path under the default compile thresholds. */
    public static final int DEFAULT_THRESHOLD_CALLS = 900;

    private KernelPrimer() {
    }

    /**
     * Runs {@code calls} rounds of double GEMMs {@code C = A·B} with {@code A = 0.5} and
     * {@code B = 0.25} everywhere, {@code MR} rows, depth {@value #DEPTH} and the column counts
     * {@link #widths} ({@code MR×NR} the micro-tile of {@code kernels}); returns the sum of the last
     * round's products, {@code 0.5·0.25·16 = 2} per entry: {@code 2·MR·Σ widths} when
     * {@code calls > 0}, else 0.
     */
    public static double primeDouble(VectorKernels kernels, int calls) {
        requireCalls(calls);
        int rows = kernels.gemmMr();
        int widest = kernels.gemmNr();
        double[] a = new double[rows * DEPTH];
        double[] b = new double[DEPTH * widest];
        double[] c = new double[rows * widest];
        Arrays.fill(a, 0.5);
        Arrays.fill(b, 0.25);
        double sum = 0.0;
        for (int call = 0; call < calls; call++) {
            sum = 0.0;
            for (int w : widths(widest)) {
                Gemm.gemm(kernels, false, false, rows, w, DEPTH, 1.0, a, 0, DEPTH, b, 0, w, 0.0, c, 0, w, 1);
                for (int i = 0; i < rows * w; i++) {
                    sum += c[i];
                }
            }
        }
        return sum;
    }

    /** {@link #primeDouble(VectorKernels, int)} with the kernels in use ({@link KernelProvider#get()}). */
    public static double primeDouble(int calls) {
        return primeDouble(KernelProvider.get(), calls);
    }

    /** {@link #primeDouble(VectorKernels, int)} for float kernels ({@link SGemm}); the same sum. */
    public static double primeFloat(FloatKernels kernels, int calls) {
        requireCalls(calls);
        int rows = kernels.gemmMr();
        int widest = kernels.gemmNr();
        float[] a = new float[rows * DEPTH];
        float[] b = new float[DEPTH * widest];
        float[] c = new float[rows * widest];
        Arrays.fill(a, 0.5f);
        Arrays.fill(b, 0.25f);
        double sum = 0.0;
        for (int call = 0; call < calls; call++) {
            sum = 0.0;
            for (int w : widths(widest)) {
                SGemm.gemm(kernels, false, false, rows, w, DEPTH, 1.0f, a, 0, DEPTH, b, 0, w, 0.0f, c, 0, w, 1);
                for (int i = 0; i < rows * w; i++) {
                    sum += c[i];
                }
            }
        }
        return sum;
    }

    /** {@link #primeFloat(FloatKernels, int)} with the float kernels in use ({@link KernelProvider#floats()}). */
    public static double primeFloat(int calls) {
        return primeFloat(KernelProvider.floats(), calls);
    }

    /**
     * The column counts that select each micro-kernel width: {@code NR}, {@code 2NR/3} and
     * {@code NR/3} for the SIMD kernels' three-vector tiles, {@code NR} alone otherwise.
     */
    static int[] widths(int nr) {
        return nr % 3 == 0 ? new int[] {nr, 2 * nr / 3, nr / 3} : new int[] {nr};
    }

    private static void requireCalls(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("KernelPrimer: the number of calls must not be negative, got " + calls);
        }
    }
}
