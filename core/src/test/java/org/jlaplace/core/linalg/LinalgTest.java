package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;

import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/** The Tensor façade: each operation against its defining identity, and its argument checks. */
class LinalgTest {

    @Test
    void choleskyReconstructsTheMatrixAndLeavesItsArgumentAlone() {
        int n = 45;
        double[] a = TestMatrices.randomSpd(n, 2);
        Tensor at = Tensor.of(a.clone(), n, n);
        Tensor l = Linalg.cholesky(at);
        assertArrayEquals(new int[] {n, n}, l.shape());
        assertArrayEquals(a, at.toArray(), "argument modified");
        double[] llt = TestMatrices.multiply(false, true, n, n, n, l.toArray(), l.toArray());
        assertTrue(TestMatrices.maxAbsDiff(a, llt) < 1e-12 * n);
    }

    @Test
    void logDetSpdIsTheSumOfLogEigenvalues() {
        qt().withExamples(10).forAll(integers().between(1, 60), longs().all()).checkAssert((n, seed) -> {
            Tensor a = Tensor.of(TestMatrices.randomSpd(n, seed), n, n);
            double fromEigen = 0.0;
            for (double v : Linalg.symmetricEigen(a).values().toArray()) {
                fromEigen += Math.log(v);
            }
            assertEquals(fromEigen, Linalg.logDetSpd(a), 1e-9 * (1 + Math.abs(fromEigen)));
        });
    }

    @Test
    void solveSpdHandlesVectorsAndMatrices() {
        int n = 37;
        double[] a = TestMatrices.randomSpd(n, 4);
        SplittableRandom rnd = new SplittableRandom(4);
        double[] b = TestMatrices.gaussian(n * 3, rnd);
        Tensor x = Linalg.solveSpd(Tensor.of(a, n, n), Tensor.of(b.clone(), n, 3));
        assertArrayEquals(new int[] {n, 3}, x.shape());
        assertTrue(TestMatrices.maxAbsDiff(b, TestMatrices.multiply(false, false, n, 3, n, a, x.toArray())) < 1e-10);
        double[] v = TestMatrices.gaussian(n, rnd);
        Tensor xv = Linalg.solveSpd(Tensor.of(a, n, n), Tensor.of(v.clone(), n));
        assertArrayEquals(new int[] {n}, xv.shape());
        assertTrue(TestMatrices.maxAbsDiff(v, TestMatrices.multiply(false, false, n, 1, n, a, xv.toArray())) < 1e-10);
    }

    @Test
    void inverseSpdInverts() {
        int n = 50;
        double[] a = TestMatrices.randomSpd(n, 6);
        double[] inv = Linalg.inverseSpd(Tensor.of(a, n, n)).toArray();
        double[] prod = TestMatrices.multiply(false, false, n, n, n, inv, a);
        for (int i = 0; i < n; i++) {
            prod[i * n + i] -= 1.0;
        }
        assertTrue(TestMatrices.maxAbs(prod) < 1e-10);
    }

    @Test
    void symmetricEigenIsAscendingOrthonormalAndReconstructs() {
        qt().withExamples(10).forAll(integers().between(1, 40), longs().all()).checkAssert((n, seed) -> {
            // A symmetric indefinite matrix: the SPD test matrix shifted by a multiple of I.
            double[] a = TestMatrices.randomSpd(n, seed);
            for (int i = 0; i < n; i++) {
                a[i * n + i] -= 1.5;
            }
            SymmetricEigen e = Linalg.symmetricEigen(Tensor.of(a.clone(), n, n));
            double[] values = e.values().toArray();
            double[] v = e.vectors().toArray();
            assertArrayEquals(new int[] {n, n}, e.vectors().shape());
            for (int i = 1; i < n; i++) {
                assertTrue(values[i - 1] <= values[i], "eigenvalues not ascending");
            }
            double[] vtv = TestMatrices.multiply(true, false, n, n, n, v, v);
            for (int i = 0; i < n; i++) {
                vtv[i * n + i] -= 1.0;
            }
            assertTrue(TestMatrices.maxAbs(vtv) < 1e-10, "eigenvectors not orthonormal");
            // A·v_i = λ_i·v_i column by column.
            double[] av = TestMatrices.multiply(false, false, n, n, n, a, v);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    assertEquals(values[c] * v[r * n + c], av[r * n + c], 1e-10, "column " + c);
                }
            }
        });
    }

    @Test
    void errorsNameTheOperationAndShape() {
        IllegalArgumentException square = assertThrows(IllegalArgumentException.class,
                () -> Linalg.logDetSpd(Tensor.zeros(2, 3)));
        assertTrue(square.getMessage().contains("logDetSpd") && square.getMessage().contains("[2, 3]"),
                square.getMessage());
        IllegalArgumentException rhs = assertThrows(IllegalArgumentException.class,
                () -> Linalg.solveSpd(Tensor.of(new double[] {1, 0, 0, 1}, 2, 2), Tensor.zeros(3, 1)));
        assertTrue(rhs.getMessage().contains("[3, 1]"), rhs.getMessage());
        double[] nan = {1, Double.NaN, Double.NaN, 1};
        IllegalArgumentException eig = assertThrows(IllegalArgumentException.class,
                () -> Linalg.symmetricEigen(Tensor.of(nan, 2, 2)));
        assertTrue(eig.getMessage().contains("NaN"), eig.getMessage());
        NotPositiveDefiniteException npd = assertThrows(NotPositiveDefiniteException.class,
                () -> Linalg.cholesky(Tensor.of(nan.clone(), 2, 2)));
        assertEquals(1, npd.pivot());
    }
}
