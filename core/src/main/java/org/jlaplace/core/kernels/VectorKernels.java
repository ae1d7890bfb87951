package org.jlaplace.core.kernels;

/**
 * Kernels on {@code double[]} slices. A slice {@code (x, xOff, n)} is {@code x[xOff], …, x[xOff + n - 1]};
 * output slices may alias input slices exactly (same array and offset) but must not partially
 * overlap them. Implementations differ only in rounding: a SIMD reduction sums in a different
 * order than the scalar loop.
 *
 * <p>The GEMM micro-kernel works on packed panels: a packed A micro-panel of {@code kc} steps holds
 * {@code A[r][p]} at {@code p·MR + r} and a packed B micro-panel holds {@code B[p][j]} at
 * {@code p·NR + j}, where {@code MR = gemmMr()} and {@code NR = gemmNr()}.
 */
public interface VectorKernels {

    /** A short name for messages and benchmarks, e.g. {@code "scalar"} or {@code "simd-512"}. */
    String name();

    /** {@code Σᵢ x[i]·y[i]}. */
    double dot(double[] x, int xOff, double[] y, int yOff, int n);

    /**
     * A block of dot products computed together, so that each loaded element of a row serves several
     * products: for {@code i < rows}, {@code j < cols},
     * <pre>
     * out[outOff + i·ldOut + j] += Σ_{b<batches} Σ_{p<n} x[xOff + b·batchStride + i·xStride + p]
     *                                                  · y[yOff + b·batchStride + j·yStride + p]
     * </pre>
     * that is {@code out += Σ_b X_b Y_bᵀ} for the row-major {@code rows×n} and {@code cols×n} blocks
     * {@code X_b}, {@code Y_b} that start {@code batchStride} apart (with one batch, {@code X Yᵀ}).
     * Each entry's sum is formed in full and then added to {@code out} once. Each entry is computed by
     * the same operations in the same order whatever {@code rows}, {@code cols} and its place in the
     * block, so results do not depend on how a larger product is cut into blocks; and when the rows
     * of {@code x} and {@code y} are the same slices the entries {@code (i, j)} and {@code (j, i)} are
     * equal bitwise (the products commute exactly). {@code out} must not overlap {@code x} or {@code y}.
     */
    void dotBlock(int rows, int cols, int n, int batches, int batchStride, double[] x, int xOff, int xStride,
                  double[] y, int yOff, int yStride, double[] out, int outOff, int ldOut);

    /** {@code Σᵢ x[i]}. */
    double sum(double[] x, int xOff, int n);

    /** {@code Σᵢ x[i]²}. */
    double sumOfSquares(double[] x, int xOff, int n);

    /** {@code y[i] += α·x[i]}. */
    void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n);

    /** {@code x[i] = α·x[i]} in place. */
    void scale(double alpha, double[] x, int xOff, int n);

    /** {@code out[i] = x[i] + y[i]}. */
    void add(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n);

    /** {@code out[i] = x[i] − y[i]}. */
    void sub(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n);

    /** {@code out[i] = x[i]·y[i]}. */
    void mul(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n);

    /** The accumulating Hadamard product {@code out[i] += x[i]·y[i]}. */
    void hadamardInto(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n);

    /**
     * Max pooling of outputs {@code o ∈ [from, to)} of one plane: output {@code o} is the maximum of the
     * {@code k×k} window whose top-left entry is {@code x[base + windows[o]]} (window rows {@code w} apart),
     * the first maximum in row-major window order, a NaN being the maximum (the first NaN). It writes
     * {@code y[outOff + o]} and, in {@code argmax[outOff + o]}, the index of that entry in {@code x} minus
     * {@code shift}. Implementations must agree exactly (the choice involves no arithmetic).
     */
    void maxPool(double[] x, int base, int w, int k, int[] windows, int from, int to, double[] y, int[] argmax,
                 int outOff, int shift);

    /** Rows of the GEMM micro-tile ({@code MR}). */
    int gemmMr();

    /** Columns of the GEMM micro-tile ({@code NR}). */
    int gemmNr();

    /**
     * The GEMM micro-kernel: {@code tile[r·NR + j] = Σ_{p<kc} A[r][p]·B[p][j]} for the whole {@code MR×NR}
     * tile, summed in increasing {@code p} from zero. Each entry is computed by the same operations in the
     * same order wherever the tile lies in C, so results do not depend on how C is split into tiles.
     */
    void gemmMicroKernel(int kc, double[] aPack, int aOff, double[] bPack, int bOff, double[] tile);

    /**
     * The micro-kernel on operands read in place rather than packed: {@code A[r][p]} is
     * {@code a[aOff + r·aRowStride + p·aDepthStride]} and the {@code NR} entries {@code B[p][0…NR)} are
     * contiguous from {@code b[bOff + p·bDepthStride]}. The sums are those of {@link #gemmMicroKernel},
     * in the same order, so both give identical tiles on the same values. Only the columns
     * {@code j < cols} of the tile are guaranteed to be written (narrow edge panels may run a narrower
     * kernel); the B entries read are those of whole vectors covering them. Used for small products,
     * where packing would cost as much as the arithmetic, and for edge panels.
     */
    void gemmMicroKernelStrided(int kc, double[] a, int aOff, int aRowStride, int aDepthStride,
                                double[] b, int bOff, int bDepthStride, int cols, double[] tile);

    /**
     * Stores a full tile into C (row-major, leading dimension {@code ldc}):
     * {@code C[r][j] = α·tile[r·NR + j] + β·C[r][j]}, or {@code α·tile[r·NR + j]} when {@code β = 0} (so that
     * NaN in C is ignored). Each entry is exactly {@code α·t + β·c} as Java evaluates it on doubles.
     */
    void gemmStoreTile(double[] tile, double alpha, double beta, double[] c, int cOff, int ldc);
}
