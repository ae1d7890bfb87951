package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The coarse-grained multi-threaded paths of the SPD algebra (Cholesky, triangular inverse,
 * triangular Gram, triangular solves): bitwise the same result on 1, 2 and 3 threads, at sizes that
 * take the single-threaded path (0, 1, 37, 440) and sizes that split into tasks (611, 1003, neither a
 * multiple of the block sizes), and at 611 the same values as the reference products.
 */
class TwoThreadSpdAlgebraTest {

    private static final int[] THREADS = {1, 2, 3};

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 37, 440, 611, 1003})
    void choleskyIsBitwiseTheSameOnAnyThreadCount(int n) {
        double[] a = spd(n, 1);
        double[] one = a.clone();
        Cholesky.factor(one, n, 1);
        for (int threads : THREADS) {
            double[] l = a.clone();
            Cholesky.factor(l, n, threads);
            assertArrayEquals(one, l, "n=" + n + " threads=" + threads);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 37, 440, 611, 1003})
    void inverseAndGramAreBitwiseTheSameOnAnyThreadCount(int n) {
        double[] l = TestMatrices.randomLower(n, new SplittableRandom(n));
        double[] inv1 = l.clone();
        TriangularInverse.invertLower(inv1, 0, n, n, 1);
        double[] gram1 = inv1.clone();
        TriangularGram.lowerGram(gram1, 0, n, n, 1);
        for (int threads : THREADS) {
            double[] inv = l.clone();
            TriangularInverse.invertLower(inv, 0, n, n, threads);
            assertArrayEquals(inv1, inv, "inverse n=" + n + " threads=" + threads);
            TriangularGram.lowerGram(inv, 0, n, n, threads);
            assertArrayEquals(gram1, inv, "gram n=" + n + " threads=" + threads);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 37, 300, 611})
    void solvesAreBitwiseTheSameOnAnyThreadCount(int n) {
        SplittableRandom rnd = new SplittableRandom(7 + n);
        double[] l = TestMatrices.randomLower(n, rnd);
        // Enough right-hand sides for coarse runs, and a count that is not a multiple of the alignment.
        int m = 437;
        double[] b = TestMatrices.gaussian(m * n, rnd);
        for (boolean trans : new boolean[] {false, true}) {
            double[] right1 = b.clone();
            Trsm.solveRight(trans, m, n, l, 0, n, right1, 0, n, 1);
            double[] left1 = b.clone();
            Trsm.solveLeft(trans, n, m, l, 0, n, left1, 0, m, 1);
            for (int threads : THREADS) {
                double[] right = b.clone();
                Trsm.solveRight(trans, m, n, l, 0, n, right, 0, n, threads);
                assertArrayEquals(right1, right, "solveRight trans=" + trans + " n=" + n + " threads=" + threads);
                double[] left = b.clone();
                Trsm.solveLeft(trans, n, m, l, 0, n, left, 0, m, threads);
                assertArrayEquals(left1, left, "solveLeft trans=" + trans + " n=" + n + " threads=" + threads);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void multiThreadedResultsMatchTheReferenceProducts(int threads) {
        int n = 611;
        assertTrue(TriangularInverse.worthTwoThreads(n / 2), "n=" + n + " must take the multi-threaded paths");
        double[] a = spd(n, 2);
        double[] l = a.clone();
        Cholesky.factor(l, n, threads);
        double[] llt = TestMatrices.multiply(false, true, n, n, n, l, l);
        assertTrue(TestMatrices.maxAbsDiff(a, llt) <= 1e-12 * n * TestMatrices.maxAbs(a), "L·Lᵀ ≠ A");

        double[] z = l.clone();
        TriangularInverse.invertLower(z, 0, n, n, threads);
        double[] lz = TestMatrices.multiply(false, false, n, n, n, l, z);
        for (int i = 0; i < n; i++) {
            lz[i * n + i] -= 1.0;
        }
        assertTrue(TestMatrices.maxAbs(lz) < 1e-10, "|L·L⁻¹ − I| = " + TestMatrices.maxAbs(lz));

        double[] gram = TestMatrices.multiply(true, false, n, n, n, z, z);
        double[] s = z.clone();
        TriangularGram.lowerGram(s, 0, n, n, threads);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double want = gram[i * n + j];
                assertEquals(want, s[i * n + j], 1e-11 * (1 + Math.abs(want)), "ZᵀZ at (" + i + ", " + j + ")");
            }
        }

        int m = 300;
        assertTrue(CoarseSplit.tasks(m, (double) n * n, threads) > 1, "the solve must split into runs");
        double[] x = TestMatrices.gaussian(m * n, new SplittableRandom(3));
        for (boolean trans : new boolean[] {false, true}) {
            double[] b = TestMatrices.multiply(false, trans, m, n, n, x, l);
            Trsm.solveRight(trans, m, n, l, 0, n, b, 0, n, threads);
            assertTrue(TestMatrices.maxAbsDiff(x, b) <= 1e-9 * (1 + TestMatrices.maxAbs(x)),
                    "solveRight trans=" + trans + ": " + TestMatrices.maxAbsDiff(x, b));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 300, 700, 1002})
    void aFailingPivotIsReportedFromTheMultiThreadedFactorisation(int pivot) {
        int n = 1003;
        double[] a = spd(n, 4);
        double[] l = a.clone();
        Cholesky.factor(l, n, 1);
        double lpp = l[pivot * n + pivot];
        a[pivot * n + pivot] -= 2 * lpp * lpp;
        for (int threads : THREADS) {
            NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                    () -> Cholesky.factor(a.clone(), n, threads));
            assertEquals(pivot, e.pivot(), "threads=" + threads);
            assertEquals(-lpp * lpp, e.value(), 1e-8 * lpp * lpp, "threads=" + threads);
        }
    }

    /** A well-conditioned SPD matrix {@code I + G·Gᵀ/12} with a thin Gaussian {@code G} (cheap at large n). */
    private static double[] spd(int n, long seed) {
        return TestMatrices.spd(n, 12, 1.0, seed);
    }
}
