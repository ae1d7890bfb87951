package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.kernels.KernelProvider;
import org.junit.jupiter.api.Test;

/**
 * The symmetric eigensolver against its defining identities: {@code ‖A·V − V·Λ‖ ≤ c·n·ε·‖A‖},
 * {@code ‖VᵀV − I‖ ≤ c·n·ε}, eigenvalues ascending and equal to EJML's within {@code 1e-12·‖A‖}, on
 * random, clustered, exactly repeated, graded, low-rank and Kronecker-factor-like matrices of many
 * sizes, and the same bits for 1, 2 and 3 threads.
 */
class SymmetricEigenSolverTest {

    private static final double EPS = Math.ulp(1.0);
    /** The constant c of the residual and orthogonality bounds. */
    private static final double C = 4.0;

    @Test
    void randomSymmetricMatricesOfManySizes() {
        int[] sizes = {1, 2, 3, 4, 5, 7, 9, 13, 31, 32, 33, 47, 64, 65, 97, 130, 257};
        for (int n : sizes) {
            check(randomSymmetric(n, new SplittableRandom(n)), n, "random n=" + n);
        }
    }

    @Test
    void randomSymmetricProperty() {
        qt().withExamples(25).forAll(integers().between(1, 140), longs().all()).checkAssert((n, seed) ->
                check(randomSymmetric(n, new SplittableRandom(seed)), n, "random n=" + n + " seed=" + seed));
    }

    @Test
    void lowRankPlusIdentityHasAClusterOfRepeatedEigenvalues() {
        qt().withExamples(12).forAll(integers().between(2, 150), integers().between(1, 6), longs().all())
                .checkAssert((n, rank, seed) -> {
                    int k = Math.min(rank, n);
                    double[] a = TestMatrices.spd(n, k, 0.0, seed);
                    for (int i = 0; i < n; i++) {
                        a[i * n + i] += 1.0;
                    }
                    double[] values = check(a, n, "low rank n=" + n + " rank=" + k);
                    // n − k eigenvalues equal 1 (the identity on the complement of the rank-k range).
                    int ones = 0;
                    for (double v : values) {
                        if (Math.abs(v - 1.0) < 1e-12 * frobenius(a, n)) {
                            ones++;
                        }
                    }
                    assertTrue(ones >= n - k, "only " + ones + " eigenvalues 1 of " + (n - k));
                });
    }

    @Test
    void diagonalMatricesWithRepeatedEntriesGiveTheirSortedDiagonal() {
        qt().withExamples(15).forAll(integers().between(1, 120), longs().all()).checkAssert((n, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] a = new double[n * n];
            double[] diag = new double[n];
            for (int i = 0; i < n; i++) {
                diag[i] = rnd.nextInt(5) - 2.0;
                a[i * n + i] = diag[i];
            }
            double[] values = check(a, n, "diagonal n=" + n);
            Arrays.sort(diag);
            assertArrayEquals(diag, values, "diagonal");
        });
    }

    @Test
    void exactlyRepeatedEigenvaluesOfARotatedDiagonal() {
        qt().withExamples(10).forAll(integers().between(2, 130), longs().all()).checkAssert((n, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] lambda = new double[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = i % 3 == 0 ? 2.0 : (i % 3 == 1 ? -1.0 : 0.5);
            }
            double[] a = rotated(lambda, randomOrthogonal(n, rnd), n);
            double[] values = check(a, n, "repeated n=" + n);
            Arrays.sort(lambda);
            for (int i = 0; i < n; i++) {
                assertEquals(lambda[i], values[i], 1e-13 * n, "eigenvalue " + i);
            }
        });
    }

    @Test
    void gradedScalesAndExtremeMagnitudes() {
        for (int n : new int[] {6, 40, 101}) {
            SplittableRandom rnd = new SplittableRandom(n);
            double[] a = randomSymmetric(n, rnd);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] *= Math.pow(10.0, -12.0 * (i + j) / n);
                }
            }
            check(a, n, "graded n=" + n);
            for (double scale : new double[] {1e-200, 1e-30, 1e30, 1e200}) {
                double[] s = randomSymmetric(n, rnd);
                for (int i = 0; i < s.length; i++) {
                    s[i] *= scale;
                }
                check(s, n, "scaled by " + scale + " n=" + n);
            }
        }
    }

    @Test
    void kroneckerFactorLikeSpdMatrices() {
        // X·Xᵀ/N with more and with fewer samples N than rows: SPD, and singular when N < n.
        for (int[] shape : new int[][] {{60, 200}, {150, 40}, {300, 900}}) {
            int n = shape[0];
            double[] a = TestMatrices.spd(n, shape[1], 0.0, n);
            double[] values = check(a, n, "kron n=" + n + " N=" + shape[1]);
            assertTrue(values[0] > -1e-12 * frobenius(a, n), "negative eigenvalue " + values[0]);
        }
    }

    @Test
    void zeroAndTridiagonalInputs() {
        check(new double[9], 3, "zero");
        // The Wilkinson matrix W⁺₂₁: pairs of nearly equal eigenvalues.
        int n = 21;
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            w[i * n + i] = Math.abs(10 - i);
            if (i + 1 < n) {
                w[i * n + i + 1] = 1.0;
                w[(i + 1) * n + i] = 1.0;
            }
        }
        check(w, n, "wilkinson");
    }

    @Test
    void blockDiagonalMatricesSplitDuringTheIteration() {
        qt().withExamples(10).forAll(integers().between(1, 70), integers().between(1, 70), longs().all())
                .checkAssert((p, q, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int n = p + q;
                    double[] a = new double[n * n];
                    double[] top = randomSymmetric(p, rnd);
                    double[] bottom = randomSymmetric(q, rnd);
                    for (int i = 0; i < p; i++) {
                        System.arraycopy(top, i * p, a, i * n, p);
                    }
                    for (int i = 0; i < q; i++) {
                        System.arraycopy(bottom, i * q, a, (p + i) * n + p, q);
                    }
                    check(a, n, "blocks " + p + "+" + q);
                });
    }

    @Test
    void theResultDoesNotDependOnTheThreadCount() {
        for (int n : new int[] {70, 420}) {
            double[] a = TestMatrices.spd(n, n / 2, 0.1, 11);
            SymmetricEigenSolver.Result one = decompose(a, n, 1);
            for (int threads : new int[] {2, 3}) {
                SymmetricEigenSolver.Result more = decompose(a, n, threads);
                assertArrayEquals(one.values(), more.values(), "values, " + threads + " threads, n=" + n);
                assertArrayEquals(one.vectors(), more.vectors(), "vectors, " + threads + " threads, n=" + n);
            }
        }
    }

    @Test
    void theLinalgFacadeLeavesItsArgumentAloneAndHandlesEmptyMatrices() {
        int n = 37;
        double[] a = randomSymmetric(n, new SplittableRandom(3));
        Tensor t = Tensor.of(a.clone(), n, n);
        SymmetricEigen e = Linalg.symmetricEigen(t);
        assertArrayEquals(a, t.toArray(), "argument modified");
        SymmetricEigenSolver.Result r = decompose(a, n, 1);
        assertArrayEquals(r.values(), e.values().toArray());
        assertArrayEquals(r.vectors(), e.vectors().toArray());
        double[] inf = a.clone();
        inf[2 * n + 5] = Double.NEGATIVE_INFINITY;
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Linalg.symmetricEigen(Tensor.of(inf, n, n)));
        assertEquals("symmetricEigen: entry (2, 5) is -Infinity", bad.getMessage());
        IllegalArgumentException badValues = assertThrows(IllegalArgumentException.class,
                () -> Linalg.symmetricEigenvalues(Tensor.of(inf, n, n)));
        assertEquals("symmetricEigenvalues: entry (2, 5) is -Infinity", badValues.getMessage());
        assertArrayEquals(SymmetricEigenSolver.eigenvalues(KernelProvider.get(), a.clone(), n, 1),
                Linalg.symmetricEigenvalues(t).toArray());
        assertArrayEquals(a, t.toArray(), "argument modified by symmetricEigenvalues");
        assertArrayEquals(new int[] {0}, Linalg.symmetricEigenvalues(Tensor.zeros(0, 0)).shape());
        SymmetricEigen empty = Linalg.symmetricEigen(Tensor.zeros(0, 0));
        assertArrayEquals(new int[] {0}, empty.values().shape());
        assertArrayEquals(new int[] {0, 0}, empty.vectors().shape());
    }

    /** Decomposes {@code a} and checks the identities; returns the eigenvalues. */
    private static double[] check(double[] a, int n, String what) {
        SymmetricEigenSolver.Result r = decompose(a, n, 2);
        double[] values = r.values();
        double[] v = r.vectors();
        double norm = frobenius(a, n);
        for (int i = 1; i < n; i++) {
            assertTrue(values[i - 1] <= values[i], what + ": eigenvalues not ascending");
        }
        double[] vtv = TestMatrices.multiply(true, false, n, n, n, v, v);
        for (int i = 0; i < n; i++) {
            vtv[i * n + i] -= 1.0;
        }
        double orth = TestMatrices.maxAbs(vtv);
        assertTrue(orth <= C * Math.max(n, 4) * EPS, what + ": ‖VᵀV − I‖ = " + orth);
        double[] av = TestMatrices.multiply(false, false, n, n, n, a, v);
        for (int r0 = 0; r0 < n; r0++) {
            for (int c = 0; c < n; c++) {
                av[r0 * n + c] -= values[c] * v[r0 * n + c];
            }
        }
        double residual = TestMatrices.maxAbs(av);
        assertTrue(residual <= C * Math.max(n, 4) * EPS * norm, what + ": ‖AV − VΛ‖ = " + residual
                + " for ‖A‖ = " + norm);
        double[] reference = ejmlEigenvalues(a, n);
        // The eigenvalues-only path (no rotations): the same values to rounding, on any thread count.
        double[] alone = SymmetricEigenSolver.eigenvalues(KernelProvider.get(), a.clone(), n, 2);
        assertArrayEquals(alone, SymmetricEigenSolver.eigenvalues(KernelProvider.get(), a.clone(), n, 1),
                what + ": eigenvalues alone differ between 1 and 2 threads");
        for (int i = 0; i < n; i++) {
            assertEquals(reference[i], values[i], 1e-12 * Math.max(norm, Double.MIN_NORMAL),
                    what + ": eigenvalue " + i + " differs from EJML's");
            assertEquals(reference[i], alone[i], 1e-12 * Math.max(norm, Double.MIN_NORMAL),
                    what + ": eigenvalue " + i + " computed alone differs from EJML's");
        }
        return values;
    }

    private static SymmetricEigenSolver.Result decompose(double[] a, int n, int threads) {
        return SymmetricEigenSolver.decompose(KernelProvider.get(), a.clone(), n, threads);
    }

    private static double[] ejmlEigenvalues(double[] a, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertTrue(eig.decompose(new DMatrixRMaj(n, n, true, a)), "EJML failed");
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(values);
        return values;
    }

    /** {@code ‖A‖_F}, scaled by the largest entry so that tiny and huge entries neither underflow nor overflow. */
    private static double frobenius(double[] a, int n) {
        double max = TestMatrices.maxAbs(a);
        if (max == 0.0) {
            return 0.0;
        }
        double s = 0.0;
        for (double x : a) {
            s += (x / max) * (x / max);
        }
        return max * Math.sqrt(s);
    }

    /** A symmetric matrix with standard normal entries on and above the diagonal. */
    static double[] randomSymmetric(int n, SplittableRandom rnd) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i * n + j] = TestMatrices.gaussian(rnd);
                a[j * n + i] = a[i * n + j];
            }
        }
        return a;
    }

    /** A random orthogonal matrix: the product of {@code n} random reflectors applied to {@code I}. */
    private static double[] randomOrthogonal(int n, SplittableRandom rnd) {
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            q[i * n + i] = 1.0;
        }
        for (int r = 0; r < n; r++) {
            double[] u = TestMatrices.gaussian(n, rnd);
            double uu = 0.0;
            for (double x : u) {
                uu += x * x;
            }
            // q ← (I − 2uuᵀ/uᵀu)·q
            for (int c = 0; c < n; c++) {
                double s = 0.0;
                for (int i = 0; i < n; i++) {
                    s += u[i] * q[i * n + c];
                }
                s *= 2.0 / uu;
                for (int i = 0; i < n; i++) {
                    q[i * n + c] -= s * u[i];
                }
            }
        }
        return q;
    }

    /** {@code Q·diag(λ)·Qᵀ}, symmetrised exactly. */
    private static double[] rotated(double[] lambda, double[] q, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0.0;
                for (int k = 0; k < n; k++) {
                    s += q[i * n + k] * lambda[k] * q[j * n + k];
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        return a;
    }
}
