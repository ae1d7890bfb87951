package org.jlaplace.core.linalg;

import java.util.Arrays;

import org.jlaplace.core.Tensor;
import org.jlaplace.core.kernels.KernelProvider;

/**
 * Dense symmetric linear algebra on {@link Tensor}s. The Cholesky-based operations use
 * {@link Cholesky} (blocked, GEMM-based) on a copy of the input; the symmetric eigen-decomposition
 * uses {@link SymmetricEigenSolver} (blocked Householder tridiagonalisation, implicit QL) on a copy.
 * Arguments are never modified.
 */
public final class Linalg {

    private Linalg() {
    }

    /** The lower Cholesky factor {@code L} with {@code A = L·Lᵀ}, shape {@code [n, n]}; reads the lower triangle of {@code a}. */
    public static Tensor cholesky(Tensor a) {
        int n = squareOrder("cholesky", a);
        double[] l = a.toArray();
        Cholesky.factor(l, n);
        return Tensor.of(l, n, n);
    }

    /** {@code log det A} of a symmetric positive definite {@code A}, via {@code 2·Σ log L_ii}. */
    public static double logDetSpd(Tensor a) {
        int n = squareOrder("logDetSpd", a);
        return Cholesky.factor(a.toArray(), n).logDet();
    }

    /**
     * {@code X = A⁻¹·B} for symmetric positive definite {@code A} ({@code [n, n]}) and {@code B} of
     * shape {@code [n]} or {@code [n, k]}; the result has the shape of {@code B}.
     */
    public static Tensor solveSpd(Tensor a, Tensor b) {
        int n = squareOrder("solveSpd", a);
        int[] bShape = b.shape();
        if ((b.rank() != 1 && b.rank() != 2) || bShape[0] != n) {
            throw new IllegalArgumentException("solveSpd: matrix of shape " + Arrays.toString(a.shape())
                    + " and right-hand side of shape " + Arrays.toString(bShape)
                    + " do not match (expected [" + n + "] or [" + n + ", k])");
        }
        int nrhs = b.rank() == 1 ? 1 : bShape[1];
        double[] x = b.toArray();
        Cholesky.factor(a.toArray(), n).solve(x, nrhs);
        return Tensor.of(x, bShape);
    }

    /** The symmetric inverse {@code A⁻¹} of a symmetric positive definite {@code A}, via {@code L⁻ᵀ·L⁻¹}. */
    public static Tensor inverseSpd(Tensor a) {
        int n = squareOrder("inverseSpd", a);
        return Tensor.of(Cholesky.factor(a.toArray(), n).inverse(), n, n);
    }

    /**
     * The eigen-decomposition of a symmetric matrix: eigenvalues ascending, orthonormal eigenvectors as
     * columns (signs not normalised). Only the upper triangle is used, but every entry must be finite.
     * The result is bitwise the same for every thread count ({@code -Djlaplace.threads}).
     *
     * @throws IllegalArgumentException if {@code a} is not square or holds NaN/infinite entries
     * @throws IllegalStateException if the QL iteration fails to converge (not expected for finite input)
     */
    public static SymmetricEigen symmetricEigen(Tensor a) {
        int n = squareOrder("symmetricEigen", a);
        double[] data = finiteEntries("symmetricEigen", a, n);
        if (n == 0) {
            return new SymmetricEigen(Tensor.zeros(0), Tensor.zeros(0, 0));
        }
        SymmetricEigenSolver.Result r = SymmetricEigenSolver.decompose(KernelProvider.get(), data, n, Gemm.threads());
        return new SymmetricEigen(Tensor.of(r.values(), n), Tensor.of(r.vectors(), n, n));
    }

    /**
     * The eigenvalues alone of a symmetric matrix, ascending, shape {@code [n]}: the values of
     * {@link #symmetricEigen} up to rounding, without the eigenvectors' {@code O(n³)} rotations (at
     * n = 1569 the tridiagonalisation is then most of the work). Same input rules.
     *
     * @throws IllegalArgumentException if {@code a} is not square or holds NaN/infinite entries
     */
    public static Tensor symmetricEigenvalues(Tensor a) {
        int n = squareOrder("symmetricEigenvalues", a);
        double[] data = finiteEntries("symmetricEigenvalues", a, n);
        return Tensor.of(SymmetricEigenSolver.eigenvalues(KernelProvider.get(), data, n, Gemm.threads()), n);
    }

    /** A copy of {@code a}'s entries, after checking that every one is finite (named by position). */
    private static double[] finiteEntries(String op, Tensor a, int n) {
        double[] data = a.toArray();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(op + ": entry (" + i / n + ", " + i % n + ") is " + data[i]);
            }
        }
        return data;
    }

    private static int squareOrder(String op, Tensor a) {
        int[] shape = a.shape();
        if (shape.length != 2 || shape[0] != shape[1]) {
            throw new IllegalArgumentException(op + ": expected a square matrix [n, n], got shape "
                    + Arrays.toString(shape));
        }
        return shape[0];
    }
}
