package org.jlaplace.core.linalg;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.jlaplace.core.Tensor;

/**
 * Dense symmetric linear algebra on {@link Tensor}s. The Cholesky-based operations use
 * {@link Cholesky} (blocked, GEMM-based) on a copy of the input; the symmetric eigen-decomposition
 * uses EJML. Arguments are never modified.
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
     * The eigen-decomposition of a symmetric matrix through EJML's symmetric eigen solver:
     * eigenvalues ascending, eigenvectors as columns.
     *
     * @throws IllegalArgumentException if {@code a} is not square, holds NaN/infinite entries, or EJML fails
     */
    public static SymmetricEigen symmetricEigen(Tensor a) {
        int n = squareOrder("symmetricEigen", a);
        double[] data = a.toArray();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("symmetricEigen: entry (" + i / n + ", " + i % n
                        + ") is " + data[i]);
            }
        }
        if (n == 0) {
            return new SymmetricEigen(Tensor.zeros(0), Tensor.zeros(0, 0));
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(DMatrixRMaj.wrap(n, n, data))) {
            throw new IllegalArgumentException("symmetricEigen: EJML failed to decompose the "
                    + n + "x" + n + " matrix");
        }
        Integer[] order = new Integer[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            raw[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(order, (p, q) -> Double.compare(raw[p], raw[q]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int c = 0; c < n; c++) {
            int src = order[c];
            values[c] = raw[src];
            DMatrixRMaj v = eig.getEigenVector(src);
            for (int r = 0; r < n; r++) {
                vectors[r * n + c] = v.get(r, 0);
            }
        }
        return new SymmetricEigen(Tensor.of(values, n), Tensor.of(vectors, n, n));
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
