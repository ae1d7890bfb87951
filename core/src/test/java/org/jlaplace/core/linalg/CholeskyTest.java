package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.LUDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blocked Cholesky against EJML's LU and against the defining identities. */
class CholeskyTest {

    /** Large enough for a failing pivot after one full block (through the TRSM/SYRK updates). */
    /** Above the recursion threshold, so that the pivot index must be carried through the halves. */
    private static final int PIVOT_TEST_SIZE = Cholesky.RECURSION_LEAF + 60;

    @Test
    void logDetMatchesEjmlLuOnRandomSpdMatrices() {
        qt().withExamples(12)
                .forAll(integers().between(1, 300), longs().all())
                .checkAssert(CholeskyTest::checkLogDetAgainstLu);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, Cholesky.INNER - 1, Cholesky.INNER, Cholesky.INNER + 1,
            Cholesky.BLOCK - 1, Cholesky.BLOCK, Cholesky.BLOCK + 1, 2 * Cholesky.BLOCK + 1, 300})
    void logDetMatchesEjmlLuAtBlockEdges(int n) {
        checkLogDetAgainstLu(n, 1000L + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Cholesky.INNER + 1, Cholesky.BLOCK + 7, 2 * Cholesky.BLOCK + 3})
    void factorTimesItsTransposeIsTheMatrix(int n) {
        double[] a = TestMatrices.randomSpd(n, n);
        double[] l = a.clone();
        Cholesky.factor(l, n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                assertEquals(0.0, l[i * n + j], "upper triangle of L at (" + i + ", " + j + ")");
            }
            assertTrue(l[i * n + i] > 0, "diagonal of L at " + i);
        }
        double[] llt = TestMatrices.multiply(false, true, n, n, n, l, l);
        double diff = TestMatrices.maxAbsDiff(a, llt);
        assertTrue(diff <= 1e-12 * n * TestMatrices.maxAbs(a), "n=" + n + ": max |L·Lᵀ − A| = " + diff);
    }

    @Test
    void onlyTheLowerTriangleIsRead() {
        int n = 150;
        double[] a = TestMatrices.randomSpd(n, 3);
        double[] poisoned = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                poisoned[i * n + j] = Double.NaN;
            }
        }
        double[] l = a.clone();
        Cholesky.factor(l, n);
        Cholesky.factor(poisoned, n);
        assertArrayEquals(l, poisoned);
    }

    @Test
    void solveLeavesASmallResidual() {
        qt().withExamples(10)
                .forAll(integers().between(1, 200), integers().between(1, 12), longs().all())
                .checkAssert((n, nrhs, seed) -> {
                    double[] a = TestMatrices.randomSpd(n, seed);
                    double[] b = TestMatrices.gaussian(n * nrhs, new SplittableRandom(seed + 1));
                    double[] x = b.clone();
                    Cholesky.factor(a.clone(), n).solve(x, nrhs);
                    double[] ax = TestMatrices.multiply(false, false, n, nrhs, n, a, x);
                    double diff = TestMatrices.maxAbsDiff(ax, b);
                    assertTrue(diff <= 1e-10 * (1 + TestMatrices.maxAbs(b)), "n=" + n + ": residual " + diff);
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, Trsm.BLOCK + 1, Cholesky.BLOCK + 9})
    void inverseIsSymmetricAndInvertsTheMatrix(int n) {
        double[] a = TestMatrices.randomSpd(n, 40 + n);
        double[] inv = Cholesky.factor(a.clone(), n).inverse();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(inv[i * n + j], inv[j * n + i], "inverse not symmetric at (" + i + ", " + j + ")");
            }
        }
        double[] prod = TestMatrices.multiply(false, false, n, n, n, a, inv);
        for (int i = 0; i < n; i++) {
            prod[i * n + i] -= 1.0;
        }
        double diff = TestMatrices.maxAbs(prod);
        assertTrue(diff <= 1e-10, "n=" + n + ": max |A·A⁻¹ − I| = " + diff);
    }

    @Test
    void logDetOfAScaledIdentity() {
        int n = 70;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 3.0;
        }
        assertEquals(n * Math.log(3.0), Cholesky.factor(a, n).logDet(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 17, Cholesky.INNER, Cholesky.BLOCK + 5, PIVOT_TEST_SIZE - 1})
    void notPositiveDefiniteNamesThePivot(int pivot) {
        int n = PIVOT_TEST_SIZE;
        double[] a = TestMatrices.randomSpd(n, 77);
        double[] l = a.clone();
        Cholesky.factor(l, n);
        double lpp = l[pivot * n + pivot];
        // a_pp − Σ L_pk² equals L_pp² before the change, so it becomes L_pp² − 2·L_pp² = −L_pp².
        a[pivot * n + pivot] -= 2 * lpp * lpp;
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                () -> Cholesky.factor(a, n));
        assertEquals(pivot, e.pivot());
        assertEquals(-lpp * lpp, e.value(), 1e-9 * lpp * lpp);
        assertTrue(e.getMessage().contains("pivot " + pivot), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, Cholesky.INNER + 2, Cholesky.BLOCK, PIVOT_TEST_SIZE - 3})
    void nanInTheLowerTriangleFailsAtItsRow(int row) {
        int n = PIVOT_TEST_SIZE;
        double[] offDiagonal = TestMatrices.randomSpd(n, 8);
        offDiagonal[row * n + row / 2] = Double.NaN;
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                () -> Cholesky.factor(offDiagonal, n));
        assertEquals(row, e.pivot(), e.getMessage());
        assertTrue(Double.isNaN(e.value()));
        assertTrue(e.getMessage().contains("pivot " + row) && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void infiniteDiagonalIsRejected() {
        int n = 40;
        double[] a = TestMatrices.randomSpd(n, 9);
        a[33 * n + 33] = Double.POSITIVE_INFINITY;
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class, () -> Cholesky.factor(a, n));
        assertEquals(33, e.pivot());
    }

    @Test
    void threadCountDoesNotChangeTheFactor() {
        int n = 2 * Cholesky.BLOCK + 17;
        double[] a = TestMatrices.randomSpd(n, 21);
        double[] one = a.clone();
        double[] two = a.clone();
        Cholesky.factor(one, n, 1);
        Cholesky.factor(two, n, 2);
        assertArrayEquals(one, two);
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.factor(new double[8], 3));
        assertTrue(tooShort.getMessage().contains("3x3"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(new double[4], -1));
        CholeskyFactor f = Cholesky.factor(new double[] {4, 0, 0, 9}, 2);
        IllegalArgumentException rhs = assertThrows(IllegalArgumentException.class, () -> f.solve(new double[3], 2));
        assertTrue(rhs.getMessage().contains("2x2"), rhs.getMessage());
    }

    @Test
    void emptyMatrixHasZeroLogDet() {
        assertEquals(0.0, Cholesky.factor(new double[0], 0).logDet());
    }

    private static void checkLogDetAgainstLu(int n, long seed) {
        double[] a = TestMatrices.randomSpd(n, seed);
        double expected = ejmlLuLogAbsDet(a, n);
        CholeskyFactor f = Cholesky.factor(a.clone(), n);
        assertEquals(n, f.n());
        assertEquals(expected, f.logDet(), 1e-9 * Math.max(1.0, Math.abs(expected)), "n=" + n);
    }

    /** {@code log |det A|} from the diagonal of EJML's LU factorisation. */
    private static double ejmlLuLogAbsDet(double[] a, int n) {
        LUDecomposition_F64<DMatrixRMaj> lu = DecompositionFactory_DDRM.lu(n, n);
        assertTrue(lu.decompose(DMatrixRMaj.wrap(n, n, a.clone())));
        DMatrixRMaj u = lu.getUpper(null);
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += Math.log(Math.abs(u.get(i, i)));
        }
        return s;
    }
}
