package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The recursive in-place inverse against the naive oracle {@link Trsm#invertLower} (row substitution)
 * and the identity {@code L·L⁻¹ = I}; the matrix sits inside a padded array so that entries outside
 * its lower triangle must be left untouched.
 */
class TriangularInverseTest {

    private static final int PAD = 5;
    private static final double SENTINEL = -7.25;

    @Test
    void matchesTheSubstitutionOracle() {
        qt().withExamples(40)
                .forAll(integers().between(0, 5 * TriangularInverse.LEAF + 7), longs().all())
                .checkAssert((n, seed) -> check(n, seed));
    }

    @Test
    void leafEdges() {
        int leaf = TriangularInverse.LEAF;
        long seed = 3;
        for (int n : new int[] {1, 2, leaf - 1, leaf, leaf + 1, 2 * leaf, 2 * leaf + 1, 4 * leaf - 1, 200}) {
            check(n, seed++);
        }
    }

    private static void check(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] l = TestMatrices.randomLower(n, rnd);
        int ld = n + PAD;
        int off = PAD;
        double[] a = new double[off + n * ld + PAD];
        Arrays.fill(a, SENTINEL);
        for (int i = 0; i < n; i++) {
            System.arraycopy(l, i * n, a, off + i * ld, i + 1);
        }
        TriangularInverse.invertLower(a, off, ld, n, 1 + (int) (seed & 1));

        double[] oracle = new double[n * n];
        if (n > 0) {
            Trsm.invertLower(n, l, 0, n, oracle);
        }
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ld; j++) {
                double v = a[off + i * ld + j];
                if (j <= i) {
                    inv[i * n + j] = v;
                    assertEquals(oracle[i * n + j], v, 1e-12 * (1 + Math.abs(oracle[i * n + j])),
                            "n=" + n + " entry (" + i + ", " + j + ")");
                } else {
                    assertEquals(SENTINEL, v, "n=" + n + ": entry (" + i + ", " + j + ") outside the triangle changed");
                }
            }
        }
        double[] product = TestMatrices.multiply(false, false, n, n, n, l, inv);
        for (int i = 0; i < n; i++) {
            product[i * n + i] -= 1.0;
        }
        assertTrue(n == 0 || TestMatrices.maxAbs(product) < 1e-12, "n=" + n + ": |L·L⁻¹ − I| too large");
        for (int p = 0; p < off; p++) {
            assertEquals(SENTINEL, a[p], "padding before the matrix changed");
        }
    }

    @Test
    void threadCountDoesNotChangeTheResult() {
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 300;
        double[] l = TestMatrices.randomLower(n, rnd);
        double[] one = l.clone();
        double[] two = l.clone();
        TriangularInverse.invertLower(one, 0, n, n, 1);
        TriangularInverse.invertLower(two, 0, n, n, 2);
        assertTrue(Arrays.equals(one, two), "1 and 2 threads differ");
    }

    @Test
    void singularOrBadInputIsRejected() {
        double[] zeroPivot = {1, 0, 0, 2, 0, 0, 3, 4, 5};
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> TriangularInverse.invertLower(zeroPivot, 0, 3, 3));
        assertTrue(e.getMessage().contains("diagonal entry 1"), e.getMessage());
        double[] nan = {Double.NaN};
        assertThrows(ArithmeticException.class, () -> TriangularInverse.invertLower(nan, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> TriangularInverse.invertLower(new double[4], 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> TriangularInverse.invertLower(new double[3], 0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> TriangularInverse.invertLower(new double[4], 0, 2, -1));
    }
}
