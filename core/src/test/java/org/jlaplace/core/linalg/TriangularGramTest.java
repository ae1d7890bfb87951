package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The recursive in-place {@code Z ← ZᵀZ} against the dense oracle product of the zero-padded
 * triangle; the matrix sits inside a padded array so that entries outside its lower triangle must be
 * left untouched, and results must not depend on the thread count.
 */
class TriangularGramTest {

    private static final int PAD = 3;
    private static final double SENTINEL = 4.5;

    @Test
    void matchesTheDenseProduct() {
        qt().withExamples(40)
                .forAll(integers().between(0, 5 * TriangularInverse.LEAF + 7), longs().all())
                .checkAssert(TriangularGramTest::check);
    }

    @Test
    void leafEdges() {
        int leaf = TriangularInverse.LEAF;
        long seed = 11;
        for (int n : new int[] {1, 2, leaf - 1, leaf, leaf + 1, 2 * leaf, 2 * leaf + 1, 4 * leaf - 1, 257}) {
            check(n, seed++);
        }
    }

    @Test
    void sameResultForEveryThreadCount() {
        int n = 300;
        double[] l = TestMatrices.randomLower(n, new SplittableRandom(5));
        double[] one = l.clone();
        double[] two = l.clone();
        TriangularGram.lowerGram(one, 0, n, n, 1);
        TriangularGram.lowerGram(two, 0, n, n, 2);
        for (int i = 0; i < one.length; i++) {
            assertEquals(Double.doubleToLongBits(one[i]), Double.doubleToLongBits(two[i]), "entry " + i);
        }
    }

    @Test
    void rejectsBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> TriangularGram.lowerGram(new double[4], 0, 2, -1));
        assertThrows(IllegalArgumentException.class, () -> TriangularGram.lowerGram(new double[4], 0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> TriangularGram.lowerGram(new double[3], 0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> TriangularGram.lowerGram(new double[4], 0, 2, 2, 0));
    }

    private static void check(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] z = TestMatrices.randomLower(n, rnd);
        int ld = n + PAD;
        int off = PAD;
        double[] a = new double[off + n * ld + PAD];
        Arrays.fill(a, SENTINEL);
        for (int i = 0; i < n; i++) {
            System.arraycopy(z, i * n, a, off + i * ld, i + 1);
        }
        TriangularGram.lowerGram(a, off, ld, n, 1 + (int) (seed & 1));

        double[] oracle = TestMatrices.multiply(true, false, n, n, n, z, z);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ld; j++) {
                double v = a[off + i * ld + j];
                if (j <= i) {
                    double want = oracle[i * n + j];
                    assertEquals(want, v, 1e-11 * (1 + Math.abs(want)), "n=" + n + " entry (" + i + ", " + j + ")");
                } else {
                    assertEquals(SENTINEL, v, "n=" + n + ": entry (" + i + ", " + j + ") outside the triangle changed");
                }
            }
        }
        for (int p = 0; p < off; p++) {
            assertEquals(SENTINEL, a[p], "padding before the matrix changed");
        }
        for (int p = off + (n == 0 ? 0 : (n - 1) * ld + n); p < a.length; p++) {
            assertEquals(SENTINEL, a[p], "padding after the matrix changed");
        }
    }
}
