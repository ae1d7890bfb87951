package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Every triangular solve against a naive oracle: draw {@code X}, form {@code B = op(L)·X} (or
 * {@code X·op(L)}) by a plain triple loop, solve, and compare with {@code X}. The operands live inside
 * larger arrays (offsets and leading dimensions wider than the matrix) to exercise the index maths.
 */
class TrsmTest {

    private static final int PAD = 3;

    @Test
    void leftSolvesRecoverTheNaiveProduct() {
        qt().withExamples(40)
                .forAll(integers().between(0, 110), integers().between(0, 40), booleans().all(), longs().all())
                .checkAssert((n, m, trans, seed) -> checkLeft(n, m, trans, seed));
    }

    @Test
    void rightSolvesRecoverTheNaiveProduct() {
        qt().withExamples(40)
                .forAll(integers().between(0, 2 * Trsm.INVERSE_MIN_ROWS + 40), integers().between(0, 110),
                        booleans().all(), longs().all())
                .checkAssert((m, n, trans, seed) -> checkRight(m, n, trans, seed));
    }

    @Test
    void blockEdgesOfBothSides() {
        int[] sizes = {1, Trsm.BLOCK - 1, Trsm.BLOCK, Trsm.BLOCK + 1, 2 * Trsm.BLOCK, 2 * Trsm.BLOCK + 1};
        long seed = 11;
        for (int n : sizes) {
            for (boolean trans : new boolean[] {false, true}) {
                checkLeft(n, 7, trans, seed++);
                checkRight(5, n, trans, seed++);
                checkRight(Trsm.INVERSE_MIN_ROWS - 1, n, trans, seed++);
                checkRight(Trsm.INVERSE_MIN_ROWS + 1, n, trans, seed++);
            }
        }
    }

    @Test
    void threadCountDoesNotChangeTheResult() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 150;
        int m = 90;
        double[] l = TestMatrices.randomLower(n, rnd);
        double[] b = TestMatrices.gaussian(n * m, rnd);
        double[] one = b.clone();
        double[] two = b.clone();
        Trsm.solveLeft(false, n, m, l, 0, n, one, 0, m, 1);
        Trsm.solveLeft(false, n, m, l, 0, n, two, 0, m, 2);
        assertTrue(java.util.Arrays.equals(one, two), "1 and 2 threads differ");
    }

    @Test
    void invertLowerGivesTheInverse() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int n : new int[] {1, 2, 7, Trsm.BLOCK}) {
            double[] l = TestMatrices.randomLower(n, rnd);
            double[] y = new double[n * n];
            java.util.Arrays.fill(y, Double.NaN);
            Trsm.invertLower(n, l, 0, n, y);
            double[] ly = TestMatrices.multiply(false, false, n, n, n, l, y);
            for (int i = 0; i < n; i++) {
                ly[i * n + i] -= 1.0;
            }
            assertTrue(TestMatrices.maxAbs(ly) < 1e-13, "n=" + n + ": |L·L⁻¹ − I| = " + TestMatrices.maxAbs(ly));
        }
    }

    @Test
    void rejectsTooNarrowLeadingDimension() {
        double[] l = new double[16];
        double[] b = new double[16];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trsm.solveLeft(false, 4, 4, l, 0, 3, b, 0, 4));
        assertTrue(e.getMessage().contains("Trsm.solveLeft"), e.getMessage());
    }

    private static void checkLeft(int n, int m, boolean trans, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] l = TestMatrices.randomLower(n, rnd);
        double[] x = TestMatrices.gaussian(n * m, rnd);
        double[] b = TestMatrices.multiply(trans, false, n, m, n, l, x);
        int ldl = n + PAD;
        int ldb = m + PAD;
        double[] lBig = poisonUpper(embed(l, n, n, ldl, 2), n, ldl, 2);
        double[] bBig = embed(b, n, m, ldb, 5);
        Trsm.solveLeft(trans, n, m, lBig, 2, ldl, bBig, 5, ldb);
        assertClose(x, extract(bBig, n, m, ldb, 5), "solveLeft trans=" + trans + " n=" + n + " m=" + m);
        assertPaddingUntouched(bBig, n, m, ldb, 5);
    }

    private static void checkRight(int m, int n, boolean trans, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] l = TestMatrices.randomLower(n, rnd);
        double[] x = TestMatrices.gaussian(m * n, rnd);
        double[] b = TestMatrices.multiply(false, trans, m, n, n, x, l);
        int ldl = n + PAD;
        int ldb = n + PAD;
        double[] lBig = poisonUpper(embed(l, n, n, ldl, 1), n, ldl, 1);
        double[] bBig = embed(b, m, n, ldb, 4);
        Trsm.solveRight(trans, m, n, lBig, 1, ldl, bBig, 4, ldb);
        assertClose(x, extract(bBig, m, n, ldb, 4), "solveRight trans=" + trans + " m=" + m + " n=" + n);
        assertPaddingUntouched(bBig, m, n, ldb, 4);
    }

    /** Copies a dense matrix into a NaN-filled array with offset {@code off} and leading dimension {@code ld}. */
    private static double[] embed(double[] dense, int rows, int cols, int ld, int off) {
        double[] big = new double[off + rows * ld + PAD];
        java.util.Arrays.fill(big, Double.NaN);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(dense, i * cols, big, off + i * ld, cols);
        }
        return big;
    }

    /** NaN above the diagonal: the solves must read the lower triangle only. */
    private static double[] poisonUpper(double[] big, int n, int ld, int off) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                big[off + i * ld + j] = Double.NaN;
            }
        }
        return big;
    }

    private static double[] extract(double[] big, int rows, int cols, int ld, int off) {
        double[] dense = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(big, off + i * ld, dense, i * cols, cols);
        }
        return dense;
    }

    private static void assertPaddingUntouched(double[] big, int rows, int cols, int ld, int off) {
        for (int idx = 0; idx < big.length; idx++) {
            int rel = idx - off;
            boolean inside = rel >= 0 && rel < rows * ld && rel % ld < cols;
            if (!inside) {
                assertTrue(Double.isNaN(big[idx]), "padding at " + idx + " was written");
            }
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double tol = 1e-10 * (1 + TestMatrices.maxAbs(expected));
        double diff = TestMatrices.maxAbsDiff(expected, actual);
        assertTrue(diff <= tol, what + ": max |diff| = " + diff);
    }
}
