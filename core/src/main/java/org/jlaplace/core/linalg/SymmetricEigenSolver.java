package org.jlaplace.core.linalg;

import java.util.Arrays;

import org.jlaplace.core.kernels.VectorKernels;

/**
 * The symmetric eigen-decomposition {@code A = V·diag(λ)·Vᵀ} in three steps:
 * <ol>
 *   <li>{@code A = Q·T·Qᵀ} with {@code T} tridiagonal ({@link HouseholderTridiagonal}, blocked);</li>
 *   <li>{@code Qᵀ} formed explicitly ({@link HouseholderTranspose}, compact WY and GEMM);</li>
 *   <li>{@code T = Z·diag(λ)·Zᵀ} by the implicit QL iteration ({@link TridiagonalQl}), whose rotations,
 *       applied to the rows of {@code Qᵀ} ({@link RotationBatch}), turn them into
 *       {@code Zᵀ·Qᵀ = Vᵀ}: row {@code i} becomes the eigenvector of {@code λ_i}. Applying the
 *       rotations is the costly part ({@code 6n} flops each, about {@code 0.9·n²} of them with
 *       Wilkinson shifts), so the QL iteration first runs without vectors, and its eigenvalues then
 *       serve as shifts of the run with vectors, which needs about a fifth fewer rotations.</li>
 * </ol>
 * The matrix is first scaled by a power of two so that its largest entry lies in {@code [1, 2)}
 * (exact, and it keeps squares of entries away from overflow and underflow), and the eigenvalues
 * are scaled back. Only the upper triangle of {@code A} is read. Eigenvalues are sorted ascending
 * (ties keep the order the iteration left them in); eigenvector signs are not normalised.
 * Every step is bitwise independent of the thread count, so the result is too.
 */
final class SymmetricEigenSolver {

    private SymmetricEigenSolver() {
    }

    /** The result as plain arrays: ascending {@code values} and row-major {@code vectors} (eigenvectors as columns). */
    record Result(double[] values, double[] vectors) {
    }

    /**
     * Decomposes the row-major {@code n×n} symmetric {@code a} (finite entries; overwritten as scratch) on up to
     * {@code threads} threads.
     */
    static Result decompose(VectorKernels kernels, double[] a, int n, int threads) {
        if (n == 0) {
            return new Result(new double[0], new double[0]);
        }
        int exponent = scaleUpperTriangle(kernels, a, n);
        if (exponent == ZERO_MATRIX) {
            double[] identity = new double[n * n];
            for (int i = 0; i < n; i++) {
                identity[i * n + i] = 1.0;
            }
            return new Result(new double[n], identity);
        }
        if (threads > 1) {
            ParallelRunner.prime(threads);
        }
        double[] d = new double[n];
        double[] e = new double[n];
        double[] tau = new double[n];
        HouseholderTridiagonal.reduce(kernels, a, n, d, e, tau, threads);
        double[] qt = HouseholderTranspose.form(kernels, a, n, tau, threads);
        // The eigenvalues alone first (cheap: no rotations to apply); they then serve as shifts.
        double[] guides = d.clone();
        TridiagonalQl.solve(guides, e.clone(), n, null);
        Arrays.sort(guides);
        RotationBatch rotations = new RotationBatch(qt, n, n, threads);
        TridiagonalQl.solve(d, e, n, rotations, guides);
        rotations.flush();
        return sorted(d, rotations, n, Math.scalb(1.0, exponent), qt);
    }

    /**
     * The eigenvalues alone, ascending, of the row-major {@code n×n} symmetric {@code a} (finite
     * entries; overwritten as scratch): the same scaling and tridiagonalisation as {@link #decompose},
     * then QL without rotations to apply, which skips forming {@code Qᵀ} and the rotations' {@code O(n³)}
     * work. The values agree with {@link #decompose}'s to rounding (that run shifts differently).
     */
    static double[] eigenvalues(VectorKernels kernels, double[] a, int n, int threads) {
        if (n == 0) {
            return new double[0];
        }
        int exponent = scaleUpperTriangle(kernels, a, n);
        if (exponent == ZERO_MATRIX) {
            return new double[n];
        }
        if (threads > 1) {
            ParallelRunner.prime(threads);
        }
        double[] d = new double[n];
        double[] e = new double[n];
        HouseholderTridiagonal.reduce(kernels, a, n, d, e, new double[n], threads);
        TridiagonalQl.solve(d, e, n, null);
        Arrays.sort(d);
        double up = Math.scalb(1.0, exponent);
        for (int i = 0; i < n; i++) {
            d[i] *= up;
        }
        return d;
    }

    /** {@link #scaleUpperTriangle}'s answer for a matrix of zeros (no exponent of a double is this small). */
    private static final int ZERO_MATRIX = Integer.MIN_VALUE;

    /**
     * Divides the upper triangle of {@code a} (diagonal included) by {@code 2^k}, {@code k} the binary
     * exponent of its largest magnitude, so that this entry lies in {@code [1, 2)}: exact, and it keeps
     * squares away from overflow and underflow. Returns {@code k} (the eigenvalues are multiplied back by
     * {@code 2^k}), or {@link #ZERO_MATRIX} when every entry is zero, leaving {@code a} as it was.
     */
    private static int scaleUpperTriangle(VectorKernels kernels, double[] a, int n) {
        double max = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                max = Math.max(max, Math.abs(a[i * n + j]));
            }
        }
        if (max == 0.0) {
            return ZERO_MATRIX;
        }
        int exponent = Math.getExponent(max);
        double down = Math.scalb(1.0, -exponent);
        for (int i = 0; i < n; i++) {
            kernels.scale(down, a, i * n + i, n - i);
        }
        return exponent;
    }

    /** Sorts ascending, scales the eigenvalues back by {@code up} and transposes the eigenvector rows into {@code out}. */
    private static Result sorted(double[] d, RotationBatch rows, int n, double up, double[] out) {
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (p, q) -> Double.compare(d[p], d[q]));
        int[] order = new int[n];
        double[] values = new double[n];
        for (int c = 0; c < n; c++) {
            order[c] = boxed[c];
            values[c] = d[order[c]] * up;
        }
        rows.transposeInto(order, out, n);
        return new Result(values, out);
    }
}
