package org.jlaplace.core.kernels;

/**
 * Kernels on {@code float[]} slices: the float32 twin of {@link VectorKernels}, with the same slice
 * and aliasing rules and the same packed-panel layout for the GEMM micro-kernel (a packed A
 * micro-panel holds {@code A[r][p]} at {@code p·MR + r}, a packed B micro-panel {@code B[p][j]} at
 * {@code p·NR + j}, with {@code MR = gemmMr()} and {@code NR = gemmNr()}). Sums are accumulated in
 * float; implementations differ only in rounding (a SIMD reduction sums in another order, and the
 * SIMD micro-kernel uses fused multiply-adds).
 */
public interface FloatKernels {

    /** A short name for messages and benchmarks, e.g. {@code "scalar-f32"} or {@code "simd-f32-512"}. */
    String name();

    /** {@code Σᵢ x[i]·y[i]}. */
    float dot(float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code Σᵢ x[i]}. */
    float sum(float[] x, int xOff, int n);

    /** {@code Σᵢ x[i]²}. */
    float sumOfSquares(float[] x, int xOff, int n);

    /** {@code y[i] += α·x[i]}. */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code x[i] = α·x[i]} in place. */
    void scale(float alpha, float[] x, int xOff, int n);

    /** {@code out[i] = x[i] + y[i]}. */
    void add(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n);

    /** {@code out[i] = x[i] − y[i]}. */
    void sub(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n);

    /** {@code out[i] = x[i]·y[i]}. */
    void mul(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n);

    /** The accumulating Hadamard product {@code out[i] += x[i]·y[i]}. */
    void hadamardInto(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n);

    /**
     * Max pooling of outputs {@code o ∈ [from, to)} of one plane: output {@code o} is the maximum of the
     * {@code k×k} window whose top-left entry is {@code x[base + windows[o]]} (window rows {@code w} apart),
     * the first maximum in row-major window order, a NaN being the maximum (the first NaN). It writes
     * {@code y[outOff + o]} and, in {@code argmax[outOff + o]}, the index of that entry in {@code x} minus
     * {@code shift}. Implementations must agree exactly (the choice involves no arithmetic).
     */
    void maxPool(float[] x, int base, int w, int k, int[] windows, int from, int to, float[] y, int[] argmax,
                 int outOff, int shift);

    /** Rows of the GEMM micro-tile ({@code MR}). */
    int gemmMr();

    /** Columns of the GEMM micro-tile ({@code NR}). */
    int gemmNr();

    /**
     * The column granularity of the micro-kernel on a narrow panel: {@link #gemmMicroKernelStrided} with
     * {@code cols < NR} reads the B columns below the next multiple of this (at most {@code NR}) and no
     * others, so packing need not zero the columns beyond.
     */
    int gemmNrQuantum();

    /**
     * The GEMM micro-kernel: {@code tile[r·NR + j] = Σ_{p<kc} A[r][p]·B[p][j]} for the whole {@code MR×NR}
     * tile, summed in increasing {@code p} from zero, so results do not depend on how C is split into tiles.
     */
    void gemmMicroKernel(int kc, float[] aPack, int aOff, float[] bPack, int bOff, float[] tile);

    /**
     * The micro-kernel on operands read in place: {@code A[r][p]} is
     * {@code a[aOff + r·aRowStride + p·aDepthStride]} and {@code B[p][0…NR)} are contiguous from
     * {@code b[bOff + p·bDepthStride]}. The same sums in the same order as {@link #gemmMicroKernel}; only
     * the columns {@code j < cols} of the tile are guaranteed to be written.
     */
    void gemmMicroKernelStrided(int kc, float[] a, int aOff, int aRowStride, int aDepthStride,
                                float[] b, int bOff, int bDepthStride, int cols, float[] tile);

    /**
     * Stores a full tile into C: {@code C[r][j] = α·tile[r·NR + j] + β·C[r][j]}, or {@code α·tile[r·NR + j]}
     * when {@code β = 0} (NaN in C is ignored). Each entry is exactly {@code α·t + β·c} in float arithmetic.
     */
    void gemmStoreTile(float[] tile, float alpha, float beta, float[] c, int cOff, int ldc);
}
