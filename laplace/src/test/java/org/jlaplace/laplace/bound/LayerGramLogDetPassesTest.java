package org.jlaplace.laplace.bound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Random;
import org.jlaplace.core.linalg.Gemm;
import org.junit.jupiter.api.Test;

/**
 * The two elementwise passes of {@link LayerGramLogDet} (forming {@code I + G} and the block sums
 * against {@code X⁻¹}) against their definitions entry by entry, for any number of threads:
 * the rows are cut into ranges at datum boundaries, and the results must be bitwise those of the
 * serial definition.
 */
class LayerGramLogDetPassesTest {

    @Test
    void identityPlusLowerAndBlockSumsMatchTheirDefinitionsBitwiseForAnyThreadCount() {
        qt().withExamples(40).forAll(integers().between(1, 5), integers().between(1, 40), integers().between(1, 3),
                integers().between(0, 1000)).checkAssert((r, m, layers, seed) -> {
            int n = r * m;
            Random rnd = new Random(seed);
            double[][] q = new double[layers][];
            double[][] a = new double[layers][];
            double[] cw = new double[layers];
            double[] cb = new double[layers];
            for (int l = 0; l < layers; l++) {
                q[l] = symmetric(rnd, n);
                a[l] = symmetric(rnd, m);
                cw[l] = rnd.nextDouble() + 0.1;
                cb[l] = rnd.nextDouble();
            }
            double[] s = symmetric(rnd, n);
            double[] expectedX = definitionOfIdentityPlusLower(q, a, cw, cb, n, r, m);
            double[] expectedZ = definitionOfBlockSums(s, q[0], n, r, m);
            for (int threads = 1; threads <= 3; threads++) {
                String old = System.getProperty(Gemm.THREADS_PROPERTY);
                System.setProperty(Gemm.THREADS_PROPERTY, Integer.toString(threads));
                try {
                    assertArrayEquals(expectedX, LayerGramLogDet.identityPlusLower(q, a, cw, cb, n, r, m),
                            "I + G, " + threads + " threads");
                    assertArrayEquals(expectedZ, LayerGramLogDet.blockSums(s, q[0], n, r, m),
                            "block sums, " + threads + " threads");
                } finally {
                    if (old == null) {
                        System.clearProperty(Gemm.THREADS_PROPERTY);
                    } else {
                        System.setProperty(Gemm.THREADS_PROPERTY, old);
                    }
                }
            }
        });
    }

    @Test
    void largeTrianglesAreCutAtDatumBoundaries() {
        int r = 9;
        int m = 100;
        int n = r * m;
        Random rnd = new Random(7);
        double[] s = symmetric(rnd, n);
        double[] q = symmetric(rnd, n);
        double[] expected = definitionOfBlockSums(s, q, n, r, m);
        String old = System.getProperty(Gemm.THREADS_PROPERTY);
        System.setProperty(Gemm.THREADS_PROPERTY, "2");
        try {
            assertArrayEquals(expected, LayerGramLogDet.blockSums(s, q, n, r, m));
        } finally {
            if (old == null) {
                System.clearProperty(Gemm.THREADS_PROPERTY);
            } else {
                System.setProperty(Gemm.THREADS_PROPERTY, old);
            }
        }
    }

    private static double[] symmetric(Random rnd, int n) {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                x[i * n + j] = x[j * n + i] = rnd.nextGaussian();
            }
        }
        return x;
    }

    /** {@code X_ij = δ_ij + Σ_l Q_l,ij (cw_l A_l[i/R, j/R] + cb_l)} for {@code j ≤ i}, zero above. */
    private static double[] definitionOfIdentityPlusLower(double[][] q, double[][] a, double[] cw, double[] cb,
                                                          int n, int r, int m) {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = 0.0;
                for (int l = 0; l < q.length; l++) {
                    v += q[l][i * n + j] * (cw[l] * a[l][(i / r) * m + j / r] + cb[l]);
                }
                x[i * n + j] = v + (i == j ? 1.0 : 0.0);
            }
        }
        return x;
    }

    /**
     * {@code Z[a, b] = Σ_{i∈a, j∈b} S_ij Q_ij} over the symmetric matrices, kept for {@code a ≥ b},
     * summed row by row in the order the pass uses (per row: the blocks left of the diagonal, each
     * doubled, then the diagonal entry).
     */
    private static double[] definitionOfBlockSums(double[] s, double[] q, int n, int r, int m) {
        double[] z = new double[m * m];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b * r < i; b++) {
                double sum = 0.0;
                for (int j = b * r; j < Math.min(b * r + r, i); j++) {
                    sum += s[i * n + j] * q[i * n + j];
                }
                z[(i / r) * m + b] += 2.0 * sum;
            }
            z[(i / r) * m + i / r] += s[i * n + i] * q[i * n + i];
        }
        return z;
    }
}
